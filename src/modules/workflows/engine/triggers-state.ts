/** The TriggerRunner's persisted state over the triggerState table: when each schedule trigger last fired. */
import type { Table } from 'dexie';
import { explainStorageError } from '../../../core/storage.js';
import type { TriggerStateRow } from '../../../db/schema.js';
import type { TriggerRunnerDeps } from './triggers.js';

/** `deps.state` of a TriggerRunner backed by `table` (db.triggerState); storage errors become CometErrors. */
export function triggerStateTable(table: Table<TriggerStateRow, string>): TriggerRunnerDeps['state'] {
  return {
    async get(key) {
      try {
        return (await table.get(key))?.lastFiredAt;
      } catch (error) {
        throw explainStorageError(error, `the state of trigger ${key}`);
      }
    },
    async set(key, firedAt) {
      try {
        await table.put({ key, lastFiredAt: firedAt });
      } catch (error) {
        throw explainStorageError(error, `the state of trigger ${key}`);
      }
    },
  };
}
