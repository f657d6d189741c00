/**
 * Paths into plain JSON data, as grants and policies write them: a JSON Pointer ('/headers/accept', '/files/0')
 * or a dotted path ('output.usage.costUsd', 'files[0]', 'output.items[*].id'). '*' (or '[*]') stands for every
 * key or element at that level and '**' for every value at any depth below. Only own properties are read, so a
 * path can never reach '__proto__' or 'constructor' of the data it inspects.
 */

/** One step of a path: a key, an array index, every child ('*') or every descendant ('**'). */
export type PathSegment = string | number | { any: 'child' | 'deep' };

const CHILD = { any: 'child' } as const;
const DEEP = { any: 'deep' } as const;
const DOTTED = /^(?:[A-Za-z_$][\w$-]*|\*\*?)(?:\.(?:[A-Za-z_$][\w$-]*|\*\*?)|\[(?:\d+|\*)\])*$/;

/** Parses a path; throws a plain Error with the reason when it is malformed (callers locate it). */
export function parsePath(path: string): PathSegment[] {
  if (typeof path !== 'string' || path === '') throw new Error('a path must be a non-empty string');
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((raw) => {
        const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
        if (key === '*') return CHILD;
        if (key === '**') return DEEP;
        return /^(0|[1-9]\d*)$/.test(key) ? Number(key) : key;
      });
  }
  if (!DOTTED.test(path)) throw new Error(`"${path}" is neither a JSON Pointer (/a/b) nor a dotted path (a.b[0])`);
  const segments: PathSegment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+|\*)\]/g)) {
    const [, name, index] = match;
    if (index !== undefined) segments.push(index === '*' ? CHILD : Number(index));
    else segments.push(name === '*' ? CHILD : name === '**' ? DEEP : name);
  }
  return segments;
}

/** True when a path has wildcards, so it can name several values. */
export function hasWildcard(segments: readonly PathSegment[]): boolean {
  return segments.some((segment) => typeof segment === 'object');
}

/** The one value at a wildcard-free path, or undefined. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (typeof segment === 'object') return undefined;
    value = child(value, segment);
    if (value === undefined) return undefined;
  }
  return value;
}

/** Every value a (possibly wildcard) path names, passed to `visit`; stops early when `visit` returns true. */
export function someValueAt(
  root: unknown,
  segments: readonly PathSegment[],
  visit: (value: unknown) => boolean,
  from = 0,
): boolean {
  if (root === undefined) return false;
  if (from === segments.length) return visit(root);
  const segment = segments[from];
  if (typeof segment !== 'object') return someValueAt(child(root, segment), segments, visit, from + 1);
  if (typeof root !== 'object' || root === null) return false;
  const children = Array.isArray(root) ? root : Object.values(root);
  if (segment.any === 'child') return children.some((value) => someValueAt(value, segments, visit, from + 1));
  // '**': the rest of the path applied here and at every depth below.
  return (
    someValueAt(root, segments, visit, from + 1) || children.some((value) => someValueAt(value, segments, visit, from))
  );
}

function child(value: unknown, key: string | number): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  const k = String(key);
  return Object.hasOwn(value, k) ? (value as Record<string, unknown>)[k] : undefined;
}

/** Deep equality of plain JSON data (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, i) => sameValue(value, other[i]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

export { matchesGlob } from '../glob.js';
