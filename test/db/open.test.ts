import { expect } from '@open-wc/testing';
import type { CometError } from '../../src/core/errors.js';
import { Logger } from '../../src/core/log.js';
import { SCHEMA_VERSION } from '../../src/db/db.js';
import { declaredLayout } from '../../src/db/layout.js';
import { openDatabase } from '../../src/db/open.js';
import { deleteDatabase, rawOpen, snapshot, uniqueName } from './raw-idb.js';

describe('openDatabase', () => {
  let name: string;
  let log: Logger;
  beforeEach(() => {
    name = uniqueName('open');
    log = new Logger();
  });
  afterEach(() => deleteDatabase(name));

  it('creates a new database at the current schema version with every table', async () => {
    const status = await openDatabase({ name, log });
    expect(status.ok).to.be.true;
    const db = status.db!;
    expect(db.verno).to.equal(SCHEMA_VERSION);
    const declared = declaredLayout(SCHEMA_VERSION).map((store) => store.name);
    expect(db.tables.map((t) => t.name).sort()).to.deep.equal(declared.sort());
    await db.meta.put({ key: 'firstRun', value: 1 });
    db.close();
    const again = await openDatabase({ name, log });
    expect(await again.db!.meta.get('firstRun')).to.deep.equal({ key: 'firstRun', value: 1 });
    again.db!.close();
  });

  it('reports storage-unavailable, with a log entry, where the browser has no IndexedDB', async () => {
    const real = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB')!;
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    let status;
    try {
      status = await openDatabase({ name, log });
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', real);
    }
    expect(status.ok).to.be.false;
    expect(status.error?.code).to.equal('storage-unavailable');
    expect(log.entries().at(-1)).to.include({ level: 'error', source: 'db', message: status.error?.message });
  });

  it('reports a database with this version but missing tables as corrupt, and leaves it as it was', async () => {
    const raw = await rawOpen(name, SCHEMA_VERSION * 10, (db) => db.createObjectStore('slices', { keyPath: 'name' }));
    raw.close();
    const before = await snapshot(name);
    const status = await openDatabase({ name, log });
    expect(status.ok).to.be.false;
    expect(status.error?.code).to.equal('storage-corrupt');
    const missing = declaredLayout(SCHEMA_VERSION)
      .map((store) => store.name)
      .filter((table) => table !== 'slices');
    expect(status.error?.details.reason).to.equal(`its tables ${missing.join(', ')} are missing`);
    expect(await snapshot(name)).to.deep.equal(before);
  });

  it('refuses to upgrade a database with a table its version never had (Dexie would delete it)', async () => {
    const raw = await rawOpen(name, 10, (db) => {
      db.createObjectStore('settings', { keyPath: 'key' }).put({ key: 'theme', value: 'dark' });
      db.createObjectStore('notes', { keyPath: 'id' }).put({ id: 1, text: 'keep me' });
    });
    raw.close();
    const before = await snapshot(name);
    const status = await openDatabase({ name, log });
    expect(status.error?.code).to.equal('storage-corrupt');
    expect(status.error?.details.reason).to.equal('it has tables version 1 never had (notes)');
    expect(await snapshot(name)).to.deep.equal(before);
  });

  it('refuses to upgrade a table keyed differently from its version (Dexie would empty it)', async () => {
    const raw = await rawOpen(name, 10, (db) =>
      db.createObjectStore('settings', { keyPath: 'id' }).put({ id: 'theme' }),
    );
    raw.close();
    const before = await snapshot(name);
    const status = await openDatabase({ name, log });
    expect(status.error?.code).to.equal('storage-corrupt');
    expect(status.error?.details.reason).to.contain('settings');
    expect(await snapshot(name)).to.deep.equal(before);
  });

  it('waits for a tab that holds an old version open, says so through onBlocked, then upgrades', async () => {
    // An old tab that does not close on versionchange (builds before this one might not).
    const oldTab = await rawOpen(name, 10, (db) => db.createObjectStore('settings', { keyPath: 'key' }));
    let reportBlocked!: (error: CometError) => void;
    const blocked = new Promise<CometError>((resolve) => (reportBlocked = resolve));
    const opening = openDatabase({ name, log, onBlocked: (error) => reportBlocked(error) });
    expect((await blocked).code).to.equal('storage-blocked-upgrade');
    oldTab.close();
    const status = await opening;
    expect(status.ok).to.be.true;
    expect(status.db!.verno).to.equal(SCHEMA_VERSION);
    status.db!.close();
  });

  it('lets another tab upgrade: closes its connection, reports it, and stays closed', async () => {
    let reportClosed!: (error: CometError) => void;
    const closed = new Promise<CometError>((resolve) => (reportClosed = resolve));
    const status = await openDatabase({ name, log, onClosedForUpgrade: (error) => reportClosed(error) });
    const db = status.db!;
    let otherTabBlocked = false;
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, (SCHEMA_VERSION + 1) * 10);
      request.onblocked = () => (otherTabBlocked = true);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('the newer tab could not open'));
    });
    newer.close();
    expect(otherTabBlocked).to.be.false;
    expect((await closed).code).to.equal('storage-closed-for-upgrade');
    let error: unknown;
    await db.meta.put({ key: 'late', value: 1 }).catch((e: unknown) => (error = e));
    expect(error).to.have.property('name', 'DatabaseClosedError');
    expect((await snapshot(name)).stores.meta).to.deep.equal([]);
  });
});
