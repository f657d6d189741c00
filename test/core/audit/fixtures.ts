// Shared set-up for the audit tests: a fresh database per test, sample records, and raw IndexedDB access that
// edits the stored log behind the app's back, as someone with the browser's developer tools could.
import type { AuditRecord } from '../../../src/core/audit/index.js';
import { CometDB } from '../../../src/db/db.js';
import { rawOpen, uniqueName } from '../../db/raw-idb.js';

/** A database of its own for one test; close and delete it with `dispose`. */
export async function openTestDb(label: string): Promise<CometDB> {
  const db = new CometDB(uniqueName(label));
  await db.open();
  return db;
}

/** Closes and deletes test databases. */
export async function dispose(...dbs: CometDB[]): Promise<void> {
  for (const db of dbs) {
    db.close();
    await db.delete();
  }
}

/** A plausible record; `n` makes each one different. */
export function sampleRecord(n: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time: 1_700_000_000_000 + n * 1000,
    principal: n % 2 ? 'agent:researcher' : 'workflow:digest',
    capability: n % 3 ? 'http.request' : 'kv.set',
    runId: `run-${Math.floor(n / 10)}`,
    verdict: n % 5 === 4 ? 'deny' : 'allow',
    rule: n % 5 === 4 ? 'default-deny' : 'grant:g1',
    reason: 'sample',
    input: { url: `https://api.example.com/items/${n}`, method: 'GET' },
    outcome: n % 5 === 4 ? 'denied' : 'ok',
    durationMs: n % 7,
    ...overrides,
  };
}

/** Runs `work` on one store of database `name` in a raw readwrite transaction, and waits for it to commit. */
export async function rawEdit(name: string, store: string, work: (store: IDBObjectStore) => void): Promise<void> {
  const db = await rawOpen(name);
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      work(tx.objectStore(store));
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('the raw edit was aborted'));
    });
  } finally {
    db.close();
  }
}

/** Reads one row by key with raw IndexedDB. */
export async function rawGet<T>(name: string, store: string, key: IDBValidKey): Promise<T> {
  const db = await rawOpen(name);
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = db.transaction(store).objectStore(store).get(key);
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error ?? new Error('raw read failed'));
    });
  } finally {
    db.close();
  }
}

/** Everything a stream yields, as text. */
export function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}
