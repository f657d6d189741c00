/**
 * The `{{path}}` language of workflow files. Any string inside a step's input (and a few other fields) may hold
 * references; resolveValue replaces them with data from the run, referencesIn lists them for validation and for the
 * dependency graph. `\{{` is a literal `{{`. Paths are described in path.ts.
 */
import { CometError } from '../../../core/errors.js';
import { lookupPath, parsePath, type PathSegments } from './path.js';

export { formatPath, lookupPath, parsePath, REFERENCE_ROOTS } from './path.js';
export type { LookupResult, PathSegments, ReferenceRoot } from './path.js';

/** What references can read while a step runs. */
export interface ReferenceScope {
  /** The run's inputs. */
  inputs?: unknown;
  /** Steps of the run by id: their output, error and status so far. */
  steps?: Record<string, { output?: unknown; error?: unknown; status?: string }>;
  /** The current element of a fan-out (forEach). */
  item?: unknown;
  /** The index of `item` in its list. */
  index?: number;
  /** In a compensation step: the failure it handles ({ message, code, … }). */
  error?: unknown;
  /** The run ({ id, startedAt, … }). */
  run?: unknown;
  /** In an `until` condition: the output of the attempt being checked. */
  output?: unknown;
  /** In an event trigger's inputs: the event's payload. */
  event?: unknown;
  /** In an event trigger's inputs: the topic the event was published on. */
  topic?: string;
}

/** One reference found in a value: its path as written, parsed, and the JSON Pointer of the string holding it. */
export interface FoundReference {
  path: string;
  segments: PathSegments;
  at: string;
}

/** A reference that could not be parsed. */
export interface BadReference {
  /** The text between the braces (or from `{{` on, when unclosed). */
  text: string;
  /** JSON Pointer of the string holding it. */
  at: string;
  reason: string;
}

/** A piece of a template string: literal text, or a reference (parsed, or with the reason it could not be). */
type Part =
  | { kind: 'text'; text: string }
  | { kind: 'ref'; path: string; segments: PathSegments }
  | { kind: 'bad'; text: string; reason: string };

/** `base` extended by one JSON Pointer token (RFC 6901: '~' → '~0', '/' → '~1'). */
export function childPointer(base: string, key: string | number): string {
  return `${base}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/**
 * A deep copy of `value` with every reference in every string replaced. A string that is exactly one `{{path}}`
 * becomes the referenced value (a copy, of any type); references inside longer text are rendered as text (objects as
 * JSON). Object keys are never templated. Throws CometError 'reference-missing' (with the pointer `at` of the string
 * and the missing segment) or 'invalid-argument' for a reference that cannot be parsed.
 */
export function resolveValue(value: unknown, scope: ReferenceScope, at = ''): unknown {
  if (typeof value === 'string') return resolveString(value, scope, at);
  if (Array.isArray(value)) return value.map((element, i) => resolveValue(element, scope, childPointer(at, i)));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, element]) => [key, resolveValue(element, scope, childPointer(at, key))]),
    );
  }
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/** Every reference in every string of `value`, with its pointer; throws CometError 'invalid-argument' on bad syntax. */
export function referencesIn(value: unknown, at = ''): FoundReference[] {
  const { references, bad } = scanReferences(value, at);
  if (bad.length) throw badReferenceError(bad[0]);
  return references;
}

/** Every reference in `value`, the well-formed ones and the ones that cannot be parsed, without throwing. */
export function scanReferences(value: unknown, at = ''): { references: FoundReference[]; bad: BadReference[] } {
  const references: FoundReference[] = [];
  const bad: BadReference[] = [];
  walkStrings(value, at, (text, pointer) => {
    for (const part of templateParts(text)) {
      if (part.kind === 'ref') references.push({ path: part.path, segments: part.segments, at: pointer });
      else if (part.kind === 'bad') bad.push({ text: part.text, at: pointer, reason: part.reason });
    }
  });
  return { references, bad };
}

/** The ids of the steps that `value` references as steps.<id> (references that cannot be parsed are ignored). */
export function stepsReferenced(value: unknown): Set<string> {
  const ids = new Set<string>();
  for (const { segments } of scanReferences(value).references) {
    if (segments[0] === 'steps' && segments.length > 1) ids.add(String(segments[1]));
  }
  return ids;
}

/** The path of `text` when it is exactly one reference ('{{steps.a.output}}'), else undefined. */
export function singleReference(text: string): FoundReference | undefined {
  const parts = templateParts(text);
  const only = parts.length === 1 ? parts[0] : undefined;
  return only?.kind === 'ref' ? { path: only.path, segments: only.segments, at: '' } : undefined;
}

/** True when the string holds at least one `{{` that is not escaped. */
export function hasReferences(text: string): boolean {
  return templateParts(text).some((part) => part.kind !== 'text');
}

function resolveString(text: string, scope: ReferenceScope, at: string): unknown {
  const parts = templateParts(text);
  if (parts.length === 1 && parts[0].kind === 'ref') return structuredCopy(lookupReference(parts[0], scope, at));
  let result = '';
  for (const part of parts) {
    if (part.kind === 'text') result += part.text;
    else if (part.kind === 'bad') throw badReferenceError({ text: part.text, at, reason: part.reason });
    else result += render(lookupReference(part, scope, at));
  }
  return result;
}

function lookupReference(part: { path: string; segments: PathSegments }, scope: ReferenceScope, at: string): unknown {
  const found = lookupPath(scope, part.segments);
  if (!found.found) throw new CometError('reference-missing', { reference: part.path, at, reason: found.missing });
  return found.value;
}

/** A value as text inside a longer string: strings as they are, null as 'null', objects and lists as JSON. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

function badReferenceError(bad: BadReference): CometError {
  return new CometError('invalid-argument', {
    what: `The reference {{${bad.text}}}${bad.at ? ` at ${bad.at}` : ''}`,
    reason: bad.reason,
    at: bad.at,
  });
}

/** Splits a string into literal text and references; `\{{` is a literal `{{`, quotes may hold '}}'. */
function templateParts(text: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open === -1) break;
    if (open > 0 && text[open - 1] === '\\') {
      literal += text.slice(i, open - 1) + '{{';
      i = open + 2;
      continue;
    }
    literal += text.slice(i, open);
    const close = closingBraces(text, open + 2);
    if (close === -1) {
      if (literal) parts.push({ kind: 'text', text: literal });
      parts.push({
        kind: 'bad',
        text: text.slice(open + 2),
        reason: "it has no closing '}}' (write \\{{ for a literal {{)",
      });
      return parts;
    }
    if (literal) parts.push({ kind: 'text', text: literal });
    literal = '';
    const path = text.slice(open + 2, close).trim();
    parts.push(parsePart(path));
    i = close + 2;
  }
  literal += text.slice(i);
  if (literal) parts.push({ kind: 'text', text: literal });
  return parts;
}

function parsePart(path: string): Part {
  if (path === '') return { kind: 'bad', text: path, reason: 'it is empty; write a path such as inputs.name' };
  try {
    return { kind: 'ref', path, segments: parsePath(path) };
  } catch (error) {
    if (!(error instanceof CometError)) throw error;
    return { kind: 'bad', text: path, reason: String(error.details.reason) };
  }
}

/** The index of the '}}' closing a reference that starts at `from`, skipping quoted keys; -1 when none. */
function closingBraces(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if ((char === "'" || char === '"') && text[i - 1] === '[') quote = char;
    else if (char === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/** Calls `visit` with every string in `value` and its JSON Pointer. */
function walkStrings(value: unknown, at: string, visit: (text: string, at: string) => void): void {
  if (typeof value === 'string') visit(value, at);
  else if (Array.isArray(value)) value.forEach((element, i) => walkStrings(element, childPointer(at, i), visit));
  else if (isPlainObject(value)) {
    for (const [key, element] of Object.entries(value)) walkStrings(element, childPointer(at, key), visit);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A copy of a referenced value, so the step that receives it cannot change another step's output. */
function structuredCopy(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
