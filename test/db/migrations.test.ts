import { expect } from '@open-wc/testing';
import Dexie from 'dexie';
import { Logger } from '../../src/core/log.js';
import { SCHEMA_VERSION, type CometDB } from '../../src/db/db.js';
import { migrations } from '../../src/db/migrations.js';
import { openDatabase } from '../../src/db/open.js';
import { deleteDatabase, rawOpen, snapshot, uniqueName } from './raw-idb.js';

/** Data written by an older schema version, and what it must look like once the current version opened it. */
interface MigrationCase {
  /** The schema version that wrote the data. */
  fromVersion: number;
  /** What the upgrade does to it, as a sentence. */
  does: string;
  /** Writes rows as that version did, through a Dexie that knows only versions 1…fromVersion. */
  seed: (db: Dexie) => Promise<void>;
  /** Checks the data after openDatabase upgraded it. */
  check: (db: CometDB) => Promise<void>;
}

/** One case per schema version: each new migration adds the case that opens data of the version before it. */
const cases: MigrationCase[] = [
  {
    fromVersion: 1,
    does: 'turns the settings rows into the persisted settings slice and drops the settings table',
    async seed(db) {
      await db.table('settings').bulkPut([
        { key: 'theme', value: 'dark' },
        { key: 'debug', value: true },
      ]);
    },
    async check(db) {
      expect(await db.slices.get('settings')).to.deep.include({
        name: 'settings',
        state: { theme: 'dark', debug: true },
      });
      expect(db.backendDB().objectStoreNames.contains('settings')).to.be.false;
    },
  },
  {
    fromVersion: 2,
    does: 'numbers queued messages in the order they were enqueued, ties broken by id',
    async seed(db) {
      const message = { queue: 'steps', payload: {}, attempts: 0, visibleAt: 0, leaseId: null, lastError: null };
      await db.table('queue').bulkPut([
        { ...message, id: 'c', createdAt: 300 },
        { ...message, id: 'b', createdAt: 100 },
        { ...message, id: 'a', createdAt: 100 },
      ]);
    },
    async check(db) {
      const rows = await db.queue.toArray();
      const seqs = Object.fromEntries(rows.map((row) => [row.id, row.seq]));
      expect(seqs).to.deep.equal({ a: 1, b: 2, c: 3 });
    },
  },
  {
    fromVersion: 3,
    does: 'adds the supervisor tables and keeps queued messages as they were',
    async seed(db) {
      await db.table('queue').put({
        id: 'm1',
        queue: 'steps',
        payload: { n: 1 },
        attempts: 2,
        visibleAt: 5,
        leaseId: null,
        lastError: null,
        createdAt: 1,
        seq: 7,
      });
    },
    async check(db) {
      expect(await db.queue.get('m1')).to.deep.include({ payload: { n: 1 }, attempts: 2, seq: 7 });
      for (const table of ['grants', 'policies', 'rateBuckets', 'audit', 'vaultKeys', 'vaultMeta', 'kv']) {
        expect(await db.table(table).count(), table).to.equal(0);
      }
    },
  },
  {
    fromVersion: 4,
    does: 'adds the workflow tables and keeps the audit log and grants as they were',
    async seed(db) {
      await db.table('grants').put({ id: 'g1', principal: 'workflow:x', scope: 'net:https://a.test/*' });
      await db.table('audit').put({ seq: 1, time: 5, principal: 'module:console', capability: 'clock.now' });
    },
    async check(db) {
      expect(await db.grants.get('g1')).to.deep.include({ principal: 'workflow:x' });
      expect(await db.audit.get(1)).to.deep.include({ capability: 'clock.now' });
      for (const table of ['workflows', 'runs', 'runEvents', 'triggerState']) {
        expect(await db.table(table).count(), table).to.equal(0);
      }
    },
  },
];

/** Creates `name` as schema version `version` wrote it, with the rows `seed` puts in. */
async function writeAsVersion(name: string, version: number, seed: (db: Dexie) => Promise<void>): Promise<void> {
  const old = new Dexie(name);
  migrations.slice(0, version).forEach((migration, i) => {
    const declared = old.version(i + 1).stores(migration.stores);
    if (migration.upgrade) declared.upgrade(migration.upgrade);
  });
  await old.open();
  await seed(old);
  old.close();
}

describe('database migrations', () => {
  let name: string;
  const log = new Logger();
  beforeEach(() => (name = uniqueName('migrate')));
  afterEach(() => deleteDatabase(name));

  it('has a case for data of every older schema version', () => {
    const covered = cases.map((c) => c.fromVersion).sort((a, b) => a - b);
    expect(covered).to.deep.equal(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });

  for (const migration of cases) {
    it(`opens data of version ${migration.fromVersion}: ${migration.does}`, async () => {
      await writeAsVersion(name, migration.fromVersion, migration.seed);
      const status = await openDatabase({ name, log });
      expect(status.error).to.equal(undefined);
      const db = status.db!;
      try {
        expect(db.verno).to.equal(SCHEMA_VERSION);
        await migration.check(db);
      } finally {
        db.close();
      }
    });
  }

  it('refuses a database a newer build wrote (any version above ours) and leaves its data untouched', async () => {
    const raw = await rawOpen(name, 999, (db) =>
      db.createObjectStore('things', { keyPath: 'id' }).put({ id: 1, n: 42 }),
    );
    raw.close();
    const before = await snapshot(name);
    const status = await openDatabase({ name, log });
    expect(status.ok).to.be.false;
    expect(status.error?.code).to.equal('storage-future-version');
    expect(status.error?.details).to.deep.equal({ found: 99.9, supported: SCHEMA_VERSION });
    expect(await snapshot(name)).to.deep.equal(before);
  });

  it('refuses the next schema version with our own tables in it, and changes nothing', async () => {
    const next = SCHEMA_VERSION + 1;
    const newer = new Dexie(name);
    const stores: Record<string, string | null> = { tomorrow: 'id' };
    for (const migration of migrations) Object.assign(stores, migration.stores);
    newer.version(next).stores(stores);
    await newer.table('slices').put({ name: 'settings', state: { theme: 'light' }, updatedAt: 1 });
    await newer.table('tomorrow').put({ id: 'x' });
    newer.close();
    const before = await snapshot(name);
    const status = await openDatabase({ name, log });
    expect(status.error?.code).to.equal('storage-future-version');
    expect(status.error?.details).to.deep.equal({ found: next, supported: SCHEMA_VERSION });
    expect(await snapshot(name)).to.deep.equal(before);
  });
});
