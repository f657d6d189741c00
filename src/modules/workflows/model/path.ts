/**
 * Reference paths, the part between `{{` and `}}`: a root (inputs, steps, item, index, error, run, output, event,
 * topic) followed by `.name`, `[0]` or `['key with space']`. Plain data access only: no operators, no calls, no eval.
 */
import { CometError } from '../../../core/errors.js';

/** The names a reference may start with. */
export const REFERENCE_ROOTS = [
  'inputs',
  'steps',
  'item',
  'index',
  'error',
  'run',
  'output',
  'event',
  'topic',
] as const;

/** One of REFERENCE_ROOTS. */
export type ReferenceRoot = (typeof REFERENCE_ROOTS)[number];

/** A parsed path: the root name, then field names (strings) and list indices (numbers). */
export type PathSegments = (string | number)[];

const NAME = /[\w$-]+/y;
const INDEX = /\[(0|[1-9]\d*)\]/y;
const ROOT = /[A-Za-z_$][\w$]*/y;
const PLAIN_NAME = /^[A-Za-z_$][\w$-]*$/;

/** The segments of a path ('steps.fetch.output.items[0]["a b"]'); throws CometError 'invalid-argument' on bad syntax. */
export function parsePath(text: string): PathSegments {
  const fail = (reason: string) => new CometError('invalid-argument', { what: `The reference path "${text}"`, reason });
  const source = text.trim();
  ROOT.lastIndex = 0;
  const root = ROOT.exec(source)?.[0];
  if (root === undefined) throw fail(`it must start with one of ${REFERENCE_ROOTS.join(', ')}`);
  if (!(REFERENCE_ROOTS as readonly string[]).includes(root)) {
    throw fail(`"${root}" is not a reference root; use one of ${REFERENCE_ROOTS.join(', ')}`);
  }
  const segments: PathSegments = [root];
  let at = root.length;
  while (at < source.length) {
    const char = source[at];
    if (char === '.') {
      NAME.lastIndex = at + 1;
      const name = NAME.exec(source)?.[0];
      if (name === undefined) throw fail(`a field name must follow the '.' at position ${at + 1}`);
      segments.push(name);
      at = NAME.lastIndex;
    } else if (char === '[' && (source[at + 1] === "'" || source[at + 1] === '"')) {
      const { key, end } = readQuoted(source, at + 1, fail);
      if (source[end] !== ']') throw fail(`expected ']' after the quoted key at position ${end + 1}`);
      segments.push(key);
      at = end + 1;
    } else if (char === '[') {
      INDEX.lastIndex = at;
      const index = INDEX.exec(source)?.[1];
      if (index === undefined) {
        throw fail(`'[' at position ${at + 1} must hold a list index ([0]) or a quoted key (['a key'])`);
      }
      segments.push(Number(index));
      at = INDEX.lastIndex;
    } else {
      throw fail(`unexpected "${char}" at position ${at + 1}; only .name, [0] and ['key'] may follow the root`);
    }
  }
  return segments;
}

/** Reads a quoted key starting at the quote `start`; a backslash escapes the next character. */
function readQuoted(source: string, start: number, fail: (reason: string) => Error): { key: string; end: number } {
  const quote = source[start];
  let key = '';
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (char === '\\' && i + 1 < source.length) key += source[++i];
    else if (char === quote) return { key, end: i + 1 };
    else key += char;
  }
  throw fail(`the key quoted at position ${start + 1} is not closed`);
}

/** Segments as path text: names with '.', indices as [0], other keys quoted (['a b']). parsePath reads it back. */
export function formatPath(segments: readonly (string | number)[]): string {
  let text = '';
  segments.forEach((segment, i) => {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (i === 0) text += segment;
    else if (PLAIN_NAME.test(segment) || /^\d+$/.test(segment)) text += `.${segment}`;
    else text += `['${segment.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
  });
  return text;
}

/** The result of lookupPath: the value, or why there is none. */
export type LookupResult = { found: true; value: unknown } | { found: false; missing: string };

/**
 * Follows `segments` from `root` (for references: the scope object, so segments start with the root name). Only own
 * properties are followed, never the prototype chain; an undefined value counts as missing. `missing` names the
 * segment that failed: "steps.fetch.output has no field 'itemz'".
 */
export function lookupPath(root: unknown, segments: readonly (string | number)[]): LookupResult {
  let value = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const where = formatPath(segments.slice(0, i));
    const step = i === 0 ? undefined : describeStep(segment);
    if (value === null || typeof value !== 'object') {
      if (i === 0) return { found: false, missing: `there is nothing to look ${String(segment)} up in` };
      const what = value === null ? 'null' : `a ${typeof value} (${JSON.stringify(value)})`;
      return { found: false, missing: `${where} is ${what}, so it has no ${step}` };
    }
    const key = String(segment);
    const next = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (next === undefined) return { found: false, missing: missingReason(value, segments, i) };
    value = next;
  }
  return { found: true, value };
}

/** "field 'x'" or "element [2]". */
function describeStep(segment: string | number): string {
  return typeof segment === 'number' ? `element [${segment}]` : `field '${segment}'`;
}

/** Why `segments[i]` is not in `container`, phrased for the person who wrote the reference. */
function missingReason(container: object, segments: readonly (string | number)[], i: number): string {
  const segment = segments[i];
  if (i === 0) return `${String(segment)} is not set here`;
  const where = formatPath(segments.slice(0, i));
  if (Array.isArray(container)) {
    return `${where} has no ${describeStep(segment)} (it has ${container.length} element${container.length === 1 ? '' : 's'})`;
  }
  if (i === 1 && segments[0] === 'steps') return `there is no step '${String(segment)}' (or it has not run yet)`;
  const status = (container as { status?: unknown }).status;
  if (i === 2 && segments[0] === 'steps' && segment === 'output' && typeof status === 'string') {
    return `${where} has no output (its status is '${status}')`;
  }
  const keys = Object.keys(container);
  const known = keys.length ? ` (it has ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''})` : '';
  return `${where} has no ${describeStep(segment)}${known}`;
}
