/**
 * JSON as text people edit: where a syntax error is (line and column), and where the value a JSON Pointer names
 * sits in the text, so a located problem ('/steps/2/input/url') can be selected in the JSON view. The positions come
 * from jsonc-parser (Microsoft's tolerant JSON parser, the one VS Code uses), with comments and trailing commas off.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A syntax error of a JSON text. */
export interface JsonSyntaxError {
  /** What is wrong, for people ('a comma is missing'). */
  message: string;
  /** Offset and length of the offending text. */
  offset: number;
  length: number;
  /** 1-based. */
  line: number;
  column: number;
}

/** The parsed value, or the first syntax error. */
export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

const OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

const WORDS: Record<string, string> = {
  InvalidSymbol: 'this is not JSON (strings need double quotes; true, false and null are lower case)',
  InvalidNumberFormat: 'this number is not written as JSON',
  PropertyNameExpected: 'a property name in double quotes is expected here (or a trailing comma must go)',
  ValueExpected: 'a value is expected here',
  ColonExpected: "a ':' is expected after the property name",
  CommaExpected: "a ',' is missing between two entries",
  CloseBraceExpected: "a '}' is missing",
  CloseBracketExpected: "a ']' is missing",
  EndOfFileExpected: 'the text goes on after the JSON value ended',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfComment: 'JSON has no comments',
  UnexpectedEndOfString: 'a string is not closed (a " is missing)',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'a \\u escape needs four hex digits',
  InvalidEscapeCharacter: 'this backslash escape is not JSON',
  InvalidCharacter: 'a string cannot hold this character unescaped (a line break?)',
};

/** Parses JSON text: the value, or the first syntax error located by line and column. */
export function parseJsonText(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const errors: ParseError[] = [];
    parseTree(text, errors, OPTIONS);
    const first = errors[0] ?? { error: 0, offset: text.length, length: 0 };
    const code = errors.length ? printParseErrorCode(first.error) : '';
    const { line, column } = lineColumn(text, first.offset);
    return {
      ok: false,
      error: {
        message: WORDS[code] ?? (text.trim() === '' ? 'the text is empty' : error.message),
        offset: first.offset,
        length: first.length,
        line,
        column,
      },
    };
  }
}

/** The 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The tokens of a JSON Pointer ('/steps/0/a~1b' → ['steps', '0', 'a/b']). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Where the value at `pointer` is in `text` (its start and end offsets), or the nearest enclosing value that exists
 * (a missing required field points at its object); undefined when the text is not JSON.
 */
export function pointerRange(text: string, pointer: string): { start: number; end: number } | undefined {
  const root = parseTree(text, [], OPTIONS);
  if (!root) return undefined;
  let node: Node = root;
  for (const token of pointerTokens(pointer)) {
    const next = child(node, token);
    if (!next) break;
    node = next;
  }
  return { start: node.offset, end: node.offset + node.length };
}

function child(node: Node, token: string): Node | undefined {
  if (node.type === 'array') return /^\d+$/.test(token) ? node.children?.[Number(token)] : undefined;
  if (node.type !== 'object') return undefined;
  const property = node.children?.find((p) => p.children?.[0]?.value === token);
  return property?.children?.[1];
}
