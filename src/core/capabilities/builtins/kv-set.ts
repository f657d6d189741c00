/** `kv.set`: stores a JSON value under a key for the calling principal, within the size limits. */
import type { CometDB } from '../../../db/db.js';
import { CometError } from '../../errors.js';
import type { CapabilityDefinition } from '../types.js';
import { DEFAULT_KV_LIMITS, jsonBytes, KEY_SCHEMA, type KvLimits } from './kv-limits.js';

/** The output of kv.set. */
export interface KvSetOutput {
  /** The stored value's size as UTF-8 JSON. */
  bytes: number;
  /** Everything this principal stores now. */
  totalBytes: number;
}

/** The kv.set capability over `db.kv`. */
export function kvSet(
  db: CometDB,
  limits: KvLimits = DEFAULT_KV_LIMITS,
): CapabilityDefinition<{ key: string; value: unknown }, KvSetOutput> {
  return {
    name: 'kv.set',
    description: `Stores a JSON value (at most ${limits.maxValueBytes} bytes) under a key, for the caller only; replaces what was there.`,
    inputSchema: {
      type: 'object',
      required: ['key', 'value'],
      additionalProperties: false,
      properties: { key: KEY_SCHEMA, value: { description: 'Any JSON value.' } },
    },
    outputSchema: {
      type: 'object',
      required: ['bytes', 'totalBytes'],
      additionalProperties: false,
      properties: { bytes: { type: 'integer' }, totalBytes: { type: 'integer' } },
    },
    sideEffects: true,
    source: 'builtin',
    hints: { title: 'Store a value', destructive: true, idempotent: true },
    scopes: () => ['kv:write'],
    run: async ({ key, value }, ctx) => {
      const bytes = jsonBytes(key, value);
      if (bytes > limits.maxValueBytes) {
        throw new CometError('kv-invalid-value', {
          key,
          reason: `it is ${bytes} bytes as JSON, and a value may be at most ${limits.maxValueBytes}`,
        });
      }
      const principal = ctx.principal.id;
      return db.transaction('rw', db.kv, async () => {
        const rows = await db.kv.where('principal').equals(principal).toArray();
        const others = rows.reduce((sum, row) => (row.key === key ? sum : sum + row.bytes), 0);
        if (others + bytes > limits.maxTotalBytes) {
          throw new CometError('kv-invalid-value', {
            key,
            reason: `${principal} already stores ${others} bytes, and may store at most ${limits.maxTotalBytes} in all; delete or shrink other values first`,
          });
        }
        await db.kv.put({ principal, key, value, bytes, updatedAt: ctx.clock.now() });
        return { bytes, totalBytes: others + bytes };
      });
    },
  };
}
