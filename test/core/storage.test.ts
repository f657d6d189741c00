import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import Dexie, { type Table } from 'dexie';
import { CometError, isCometError } from '../../src/core/errors.js';
import { StorageMonitor, explainStorageError, isQuotaError } from '../../src/core/storage.js';

/** Sets this page's storage quota in Chromium (see scripts/wtr-storage-quota.mjs); null restores it. */
const setQuota = (bytes: number | null) => executeServerCommand('set-storage-quota', { bytes });

/** The error a promise rejects with (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

class BlobDB extends Dexie {
  declare blobs: Table<{ id: number; bytes: Uint8Array }, number>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ blobs: 'id' });
  }
}

/** The error a raw IndexedDB transaction aborts with when it writes `bytes`. */
async function rawWriteError(name: string, bytes: number): Promise<DOMException | null> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('s');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  try {
    return await new Promise((resolve) => {
      const tx = db.transaction('s', 'readwrite');
      tx.objectStore('s').put(new Uint8Array(bytes), 1);
      tx.oncomplete = () => resolve(null);
      tx.onabort = () => resolve(tx.error);
    });
  } finally {
    db.close();
  }
}

describe('storage: quota errors', () => {
  let names: string[] = [];
  const uniqueName = (what: string) => {
    const name = `storage-test-${what}-${names.length}-${Date.now()}`;
    names.push(name);
    return name;
  };

  beforeEach(async () => {
    const { usage = 0 } = await navigator.storage.estimate();
    // Room for the databases' own bookkeeping, not for the 1 MB writes below.
    await setQuota(usage + 64 * 1024);
  });
  afterEach(async () => {
    await setQuota(null);
    await Promise.all(names.map((name) => Dexie.delete(name)));
    names = [];
  });

  it("recognises the browser's own QuotaExceededError from a raw IndexedDB write past the quota", async () => {
    const error = await rawWriteError(uniqueName('raw'), 1024 * 1024);
    expect(error?.name).to.equal('QuotaExceededError');
    expect(isQuotaError(error)).to.be.true;
  });

  it('recognises the error of a Dexie write past the quota and explains it as storage-quota', async () => {
    const db = new BlobDB(uniqueName('dexie'));
    const error = await rejectionOf(db.blobs.put({ id: 1, bytes: new Uint8Array(1024 * 1024) }));
    db.close();
    expect(isQuotaError(error)).to.be.true;
    const explained = explainStorageError(error, 'the imported file');
    expect(isCometError(explained, 'storage-quota')).to.be.true;
    expect(explained.message).to.contain('so the imported file was not saved');
    expect(explained.cause).to.equal(error);
  });

  it('recognises a quota failure inside a Dexie bulk write', async () => {
    const db = new BlobDB(uniqueName('bulk'));
    const rows = [1, 2, 3].map((id) => ({ id, bytes: new Uint8Array(512 * 1024) }));
    const error = await rejectionOf(db.transaction('rw', db.blobs, () => db.blobs.bulkPut(rows)));
    db.close();
    expect(isQuotaError(error)).to.be.true;
  });

  it('lets the same write through once the quota is back, so the quota was the cause', async () => {
    const name = uniqueName('restored');
    expect(isQuotaError(await rawWriteError(name, 1024 * 1024))).to.be.true;
    await setQuota(null);
    expect(await rawWriteError(name, 1024 * 1024)).to.equal(null);
  });
});

describe('storage: other errors', () => {
  it('does not take a constraint error for a quota error, and explains it as a failed write', async () => {
    const name = `storage-test-constraint-${Date.now()}`;
    const db = new BlobDB(name);
    await db.blobs.add({ id: 1, bytes: new Uint8Array(1) });
    const error = await rejectionOf(db.blobs.add({ id: 1, bytes: new Uint8Array(1) }));
    db.close();
    await Dexie.delete(name);
    expect(isQuotaError(error)).to.be.false;
    const explained = explainStorageError(error, 'the new row');
    expect(explained.code).to.equal('storage-failed');
    expect(explained.message).to.match(/^Saving the new row failed \(.*Key already exists/);
  });

  it('finds quota errors wrapped by Dexie or carried as a cause, and nothing else', () => {
    const quota = new DOMException('Quota exceeded.', 'QuotaExceededError');
    expect(isQuotaError(quota)).to.be.true;
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quota))).to.be.true;
    expect(isQuotaError(new Dexie.BulkError('2 of 3 failed', { 0: new Error('x'), 2: quota }))).to.be.true;
    expect(isQuotaError(new Error('save failed', { cause: quota }))).to.be.true;
    expect(isQuotaError(new CometError('storage-quota', { what: 'x' }))).to.be.true;
    expect(isQuotaError(new DOMException('Aborted.', 'AbortError'))).to.be.false;
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).to.be.false;
    expect(isQuotaError('QuotaExceededError')).to.be.false;
  });

  it('explains closed, missing and unreadable storage with their own codes', () => {
    expect(explainStorageError(new Dexie.DatabaseClosedError(), 'x').code).to.equal('storage-unavailable');
    expect(explainStorageError(new Dexie.MissingAPIError(), 'x').code).to.equal('storage-unavailable');
    const unknown = new DOMException('Internal error opening backing store.', 'UnknownError');
    expect(explainStorageError(new Dexie.OpenFailedError(unknown), 'x').code).to.equal('storage-corrupt');
    const already = new CometError('storage-future-version', { found: 3, supported: 2 });
    expect(explainStorageError(already, 'x')).to.equal(already);
  });
});

describe('StorageMonitor', () => {
  it("reports this site's usage and quota as the browser estimates them", async () => {
    const estimate = await new StorageMonitor().estimate();
    const fromBrowser = await navigator.storage.estimate();
    expect(estimate.quota).to.equal(fromBrowser.quota);
    expect(estimate.usage).to.be.a('number').and.to.be.at.least(0);
    expect(estimate.persisted).to.equal(await navigator.storage.persisted());
  });

  it('asks for persistence and reports what the browser decided', async () => {
    const result = await new StorageMonitor().requestPersistence();
    expect(result).to.equal((await navigator.storage.persisted()) ? 'granted' : 'denied');
  });

  it('says persistence is unsupported, and estimate is unavailable, where navigator.storage is missing', async () => {
    const monitor = new StorageMonitor(null);
    expect(await monitor.requestPersistence()).to.equal('unsupported');
    const error = await rejectionOf(monitor.estimate());
    expect(isCometError(error, 'storage-unavailable')).to.be.true;
  });
});
