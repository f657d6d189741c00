// A full disk while auditing, with Chromium's real QuotaExceededError (the quota is set through the DevTools
// protocol, see scripts/wtr-storage-quota.mjs). In a file of its own: Chromium caches a page's free space for a few
// seconds after a write, so the quota must be lowered before this page writes anything.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { AuditLog } from '../../../src/core/audit/index.js';
import { isCometError } from '../../../src/core/errors.js';
import { dispose, openTestDb, sampleRecord } from './fixtures.js';

/** `bytes` random bytes as hex: Chromium compresses what it stores, so repeated text would take hardly any room. */
const randomHex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

describe('AuditLog: a full disk', () => {
  it('rejects with audit-failed, stores nothing of the failed batch, and goes on once there is room', async function () {
    this.timeout(30_000);
    const db = await openTestDb('audit-quota');
    const audit = new AuditLog({ db });
    const { usage = 0 } = await navigator.storage.estimate();
    await executeServerCommand('set-storage-quota', { bytes: usage + 16 * 1024 });
    let failure: unknown;
    let stored = 0;
    try {
      // Other pages of this origin (test files running alongside) may free storage, or have Chromium's cached free
      // space still in force for a few seconds: write until the quota bites.
      const batch = () => Array.from({ length: 200 }, (_, n) => sampleRecord(n, { input: { text: randomHex(140) } }));
      for (let i = 0; i < 150 && failure === undefined; i++) {
        failure = await audit.appendMany(batch()).then(
          (entries) => void (stored += entries.length),
          (error: unknown) => error,
        );
      }
    } finally {
      await executeServerCommand('set-storage-quota', { bytes: null });
    }
    expect(isCometError(failure, 'audit-failed'), String(failure)).to.equal(true);
    expect((failure as Error).message).to.contain('quota');
    expect(await db.audit.count()).to.equal(stored);
    await audit.append(sampleRecord(1));
    expect(await audit.verify()).to.deep.include({ ok: true, count: stored + 1 });
    await dispose(db);
  });
});
