/** Limits and checks shared by kv.get and kv.set: keys, JSON-only values, sizes. */
import { CometError } from '../../errors.js';

/** Size limits of the per-principal key/value store. */
export interface KvLimits {
  /** Largest value, as UTF-8 JSON (default 64 KiB). */
  maxValueBytes: number;
  /** Most a principal may store in total (default 5 MiB). */
  maxTotalBytes: number;
}

/** The default limits. */
export const DEFAULT_KV_LIMITS: KvLimits = { maxValueBytes: 64 * 1024, maxTotalBytes: 5 * 1024 * 1024 };

/** The schema of a key. */
export const KEY_SCHEMA = { type: 'string', minLength: 1, maxLength: 256 } as const;

/**
 * The value's size as UTF-8 JSON, after checking it is JSON: plain objects, arrays, strings, finite numbers,
 * booleans and null. JSON.stringify would quietly turn NaN into null and drop undefined, Dates and functions
 * would come back as something else: refuse them instead.
 */
export function jsonBytes(key: string, value: unknown): number {
  const problem = notJson(value, 'the value');
  if (problem) throw new CometError('kv-invalid-value', { key, reason: `${problem}; values must be JSON` });
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}

function notJson(value: unknown, where: string, seen = new Set<object>()): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${where} is ${value}`;
  if (typeof value !== 'object') return `${where} is ${typeof value}`;
  if (seen.has(value)) return `${where} refers back to itself`;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = notJson(value[i] as unknown, `${where}[${i}]`, seen);
      if (problem) return problem;
    }
  } else {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null)
      return `${where} is a ${value.constructor.name}, not a plain object`;
    for (const [k, v] of Object.entries(value)) {
      const problem = notJson(v, `${where}.${k}`, seen);
      if (problem) return problem;
    }
  }
  seen.delete(value);
  return undefined;
}
