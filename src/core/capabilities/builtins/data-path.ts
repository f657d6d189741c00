/**
 * Dotted paths into JSON data for data.pick and data.filter ('user.name', 'tags.0'). Only own properties are read,
 * so a path never reaches `constructor` or `__proto__` through a prototype.
 */
import { badInput } from './data-limits.js';

/** The segments of a dotted path; 'invalid-input' for an empty path or an empty segment ('a..b', '.a'). */
export function dotSegments(capability: string, path: string): string[] {
  const segments = path.split('.');
  if (segments.some((s) => s === ''))
    throw badInput(capability, `the path "${path}" must be names separated by single dots, like user.name`);
  return segments;
}

/** The value at `segments` below `root` (an array element by its index, 'items.0'), or `found: false`. */
export function readPath(
  root: unknown,
  segments: readonly string[],
): { found: true; value: unknown } | { found: false } {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return { found: false };
    value = (value as Record<string, unknown>)[segment];
  }
  return value === undefined ? { found: false } : { found: true, value };
}
