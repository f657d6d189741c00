import type { Transaction } from 'dexie';

/** One schema version: its table layout and, when rows must change shape, an upgrade. */
export interface Migration {
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Every schema version ever released, in order; entry n is version n + 1. Entries stay forever:
 * a browser may hold data of any of them. Each has a test that opens data written by the one before.
 */
export const migrations: Migration[] = [
  // 1 — the first release kept settings as key/value rows.
  { stores: { settings: 'key' } },

  // 2 — settings become a persisted store slice; adds the persistent queue, its dead letters, and app meta.
  {
    stores: {
      settings: null,
      slices: 'name',
      queue: 'id, [queue+visibleAt]',
      deadLetters: 'id, queue, deadAt',
      meta: 'key',
    },
    async upgrade(tx) {
      const rows = (await tx.table('settings').toArray()) as { key: string; value: unknown }[];
      if (rows.length === 0) return;
      const state = Object.fromEntries(rows.map((r) => [r.key, r.value]));
      await tx.table('slices').put({ name: 'settings', state, updatedAt: Date.now() });
    },
  },

  // 3 — queue messages get a sequence number, so messages that become visible in the same millisecond
  // are leased in the order they were enqueued (v2 ordered those ties by random id).
  {
    stores: { queue: 'id, [queue+visibleAt+seq], [queue+seq]' },
    async upgrade(tx) {
      const rows = (await tx.table('queue').toArray()) as { id: string; createdAt: number; seq?: number }[];
      rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      rows.forEach((row, i) => (row.seq = i + 1));
      await tx.table('queue').bulkPut(rows);
    },
  },

  // 4 — the supervisor: grants, policies, persisted rate-limit buckets, the hash-chained audit log,
  // the encrypted key vault and per-principal key/value storage. New tables only; nothing to convert.
  {
    stores: {
      grants: 'id, principal, scope',
      policies: 'id',
      rateBuckets: 'key, policyId',
      audit: 'seq, time, principal, capability, runId',
      vaultKeys: 'id, &name',
      vaultMeta: 'key',
      kv: '[principal+key], principal',
    },
  },

  // 5 — the workflow orchestrator: saved workflows (and user templates), runs (a summary row each) and their
  // append-only event logs, and the last firing of each schedule trigger. New tables only.
  {
    stores: {
      workflows: 'id, kind, updatedAt',
      runs: 'id, workflowId, status, createdAt, [workflowId+createdAt], parentRunId, &idempotencyKey',
      runEvents: '[runId+seq]',
      triggerState: 'key',
    },
  },
];
