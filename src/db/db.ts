import Dexie from 'dexie';
import type { CometTables } from './schema.js';
import { migrations } from './migrations.js';

/** The name of the one IndexedDB database of the app. */
export const DB_NAME = 'comet';

/** The schema version this build writes; a database above it was written by a newer build. */
export const SCHEMA_VERSION = migrations.length;

/** The app's Dexie database: every table, every numbered migration. */
export class CometDB extends Dexie {
  declare slices: CometTables['slices'];
  declare queue: CometTables['queue'];
  declare deadLetters: CometTables['deadLetters'];
  declare meta: CometTables['meta'];
  declare grants: CometTables['grants'];
  declare policies: CometTables['policies'];
  declare rateBuckets: CometTables['rateBuckets'];
  declare kv: CometTables['kv'];
  declare audit: CometTables['audit'];
  declare vaultKeys: CometTables['vaultKeys'];
  declare vaultMeta: CometTables['vaultMeta'];
  declare workflows: CometTables['workflows'];
  declare runs: CometTables['runs'];
  declare runEvents: CometTables['runEvents'];
  declare triggerState: CometTables['triggerState'];

  constructor(name = DB_NAME) {
    super(name);
    migrations.forEach((migration, i) => {
      const version = this.version(i + 1).stores(migration.stores);
      if (migration.upgrade) version.upgrade(migration.upgrade);
    });
  }
}
