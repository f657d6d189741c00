/** `kv.get`: reads a value the calling principal stored with kv.set; no principal can read another's. */
import type { CometDB } from '../../../db/db.js';
import type { CapabilityDefinition } from '../types.js';
import { KEY_SCHEMA } from './kv-limits.js';

/** The output of kv.get. */
export type KvGetOutput = { found: true; value: unknown; updatedAt: number } | { found: false };

/** The kv.get capability over `db.kv`. */
export function kvGet(db: CometDB): CapabilityDefinition<{ key: string }, KvGetOutput> {
  return {
    name: 'kv.get',
    description: 'Reads the JSON value stored under a key by the caller (each caller has its own keys).',
    inputSchema: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: KEY_SCHEMA } },
    outputSchema: {
      type: 'object',
      required: ['found'],
      properties: { found: { type: 'boolean' }, value: {}, updatedAt: { type: 'integer' } },
      if: { properties: { found: { const: true } } },
      then: { required: ['value', 'updatedAt'] },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Read a stored value' },
    scopes: () => ['kv:read'],
    run: async ({ key }, ctx) => {
      const row = await db.kv.get([ctx.principal.id, key]);
      return row ? { found: true, value: row.value, updatedAt: row.updatedAt } : { found: false };
    },
  };
}
