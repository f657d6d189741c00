// Tampering for real: rows of the audit table are edited, deleted, swapped and inserted with raw IndexedDB (as
// anyone with the browser's developer tools could), and exports are edited line by line; verify() and the
// independent Node script (scripts/verify-audit.mjs, run through a test-runner command) must name the first bad entry.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { AuditLog, entryHash, type AuditEntry, type VerifyResult } from '../../../src/core/audit/index.js';
import { contentOf } from '../../../src/core/audit/chain.js';
import type { CometDB } from '../../../src/db/db.js';
import { dispose, openTestDb, rawEdit, rawGet, readText, sampleRecord } from './fixtures.js';

/** What the Node verifier said about an export. */
interface ScriptVerdict {
  code: number;
  line: string;
  result: VerifyResult;
}

const verifyWithNode = (jsonl: string) =>
  executeServerCommand<ScriptVerdict, { jsonl: string }>('verify-audit-export', { jsonl });

describe('AuditLog.verify: tampering in IndexedDB', () => {
  let db: CometDB;
  let audit: AuditLog;

  const row = (seq: number) => rawGet<AuditEntry>(db.name, 'audit', seq);
  const put = (value: unknown) => rawEdit(db.name, 'audit', (store) => store.put(value));

  beforeEach(async () => {
    db = await openTestDb('tamper');
    audit = new AuditLog({ db });
    await audit.appendMany(Array.from({ length: 10 }, (_, n) => sampleRecord(n + 1)));
  });
  afterEach(() => dispose(db));

  it('finds an intact chain intact, with its count and head', async () => {
    const last = await row(10);
    expect(await audit.verify()).to.deep.equal({ ok: true, count: 10, head: { seq: 10, hash: last.hash } });
  });

  it('names an entry whose field was edited as altered', async () => {
    const entry = await row(4);
    await put({ ...entry, outcome: 'error' });
    expect(await audit.verify()).to.include({ ok: false, seq: 4, problem: 'altered' });
  });

  it('names a deleted entry as removed', async () => {
    await rawEdit(db.name, 'audit', (store) => store.delete(5));
    expect(await audit.verify()).to.include({ ok: false, seq: 5, problem: 'removed' });
  });

  it('names the first of two entries whose contents were swapped as reordered', async () => {
    const [third, seventh] = [await row(3), await row(7)];
    await put({ ...seventh, seq: 3 });
    await put({ ...third, seq: 7 });
    expect(await audit.verify()).to.include({ ok: false, seq: 3, problem: 'reordered' });
  });

  it('names two neighbours swapped as reordered', async () => {
    const [a, b] = [await row(6), await row(7)];
    await put({ ...b, seq: 6 });
    await put({ ...a, seq: 7 });
    expect(await audit.verify()).to.include({ ok: false, seq: 6, problem: 'reordered' });
  });

  it('names a row slipped in between two entries as inserted', async () => {
    const sixth = await row(6);
    await put({ ...sixth, seq: 6.5, capability: 'plugin.evil.run' });
    expect(await audit.verify()).to.include({ ok: false, seq: 6.5, problem: 'inserted' });
  });

  it('names a well-forged entry inserted by renumbering the rest as inserted', async () => {
    const rows = await Promise.all([6, 7, 8, 9, 10].map(row));
    const fifth = await row(5);
    const forgedContent = { ...contentOf(rows[0]), seq: 6, capability: 'plugin.evil.run' };
    const forged = { ...forgedContent, prevHash: fifth.hash, hash: await entryHash(fifth.hash, forgedContent) };
    await rawEdit(db.name, 'audit', (store) => {
      for (const entry of rows) store.put({ ...entry, seq: entry.seq + 1 });
      store.put(forged);
    });
    expect(await audit.verify()).to.include({ ok: false, seq: 6, problem: 'inserted' });
  });

  it('names an entry that was edited and re-hashed, since the next entry no longer links to it', async () => {
    const fourth = await row(4);
    const content = { ...contentOf(fourth), outcome: 'ok' as const, verdict: 'allow' as const, capability: 'kv.get' };
    await put({ ...content, prevHash: fourth.prevHash, hash: await entryHash(fourth.prevHash, content) });
    expect(await audit.verify()).to.include({ ok: false, seq: 4, problem: 'altered' });
  });

  it('names the newest entries as removed when the end of the log was cut off', async () => {
    await rawEdit(db.name, 'audit', (store) => {
      store.delete(9);
      store.delete(10);
    });
    const result = await audit.verify();
    expect(result).to.include({ ok: false, seq: 9, problem: 'removed' });
  });

  it('keeps a deletion visible after later appends', async () => {
    await rawEdit(db.name, 'audit', (store) => store.delete(10));
    await new AuditLog({ db }).append(sampleRecord(11));
    expect(await audit.verify()).to.include({ ok: false, seq: 10, problem: 'removed' });
  });

  it('reports the first bad entry when there are several', async () => {
    const eighth = await row(8);
    await put({ ...eighth, reason: 'nothing to see' });
    await rawEdit(db.name, 'audit', (store) => store.delete(3));
    expect(await audit.verify()).to.include({ ok: false, seq: 3, problem: 'removed' });
  });

  it('reports progress while it walks a long log', async () => {
    await audit.appendMany(Array.from({ length: 1500 }, (_, n) => sampleRecord(n)));
    const seen: number[] = [];
    const result = await audit.verify({ onProgress: ({ checked }) => seen.push(checked) });
    expect(result).to.deep.include({ ok: true, count: 1510 });
    expect(seen).to.deep.equal([1000, 1510]);
  });
});

describe('scripts/verify-audit.mjs on an export', () => {
  let db: CometDB;
  let lines: string[];
  let audit: AuditLog;

  before(async () => {
    db = await openTestDb('tamper-export');
    audit = new AuditLog({ db });
    await audit.appendMany(
      Array.from({ length: 10 }, (_, n) => sampleRecord(n + 1, { input: { text: 'é ☃ 𝄞 "quoted"', n: n / 3 } })),
    );
    lines = (await readText(audit.exportJsonl())).trimEnd().split('\n');
  });
  after(() => dispose(db));

  const edited = (edit: (copy: string[]) => void) => {
    const copy = [...lines];
    edit(copy);
    return copy.join('\n') + '\n';
  };

  it('verifies an intact export and prints the same head as the app', async () => {
    const verdict = await verifyWithNode(lines.join('\n') + '\n');
    const inApp = await audit.verify();
    expect(verdict.code).to.equal(0);
    expect(verdict.result).to.deep.equal(inApp);
    expect(verdict.line).to.match(/^OK: 10 entries/);
  });

  it('names an edited line as altered', async () => {
    const verdict = await verifyWithNode(edited((copy) => (copy[3] = copy[3].replace('"sample"', '"edited"'))));
    expect(verdict.code).to.equal(1);
    expect(verdict.result).to.include({ seq: 4, problem: 'altered' });
    expect(verdict.line).to.match(/^FAIL at entry 4 \(altered\)/);
  });

  it('names a deleted line as removed', async () => {
    const verdict = await verifyWithNode(edited((copy) => copy.splice(4, 1)));
    expect(verdict.result).to.include({ seq: 5, problem: 'removed' });
  });

  it('names swapped lines as reordered', async () => {
    const verdict = await verifyWithNode(edited((copy) => ([copy[2], copy[6]] = [copy[6], copy[2]])));
    expect(verdict.result).to.include({ seq: 3, problem: 'reordered' });
  });

  it('names a replayed line as inserted', async () => {
    const verdict = await verifyWithNode(edited((copy) => copy.splice(6, 0, copy[5])));
    expect(verdict.result).to.include({ seq: 6, problem: 'inserted' });
  });

  it('names a line that is not JSON as altered', async () => {
    const verdict = await verifyWithNode(edited((copy) => (copy[1] = copy[1].slice(0, 40))));
    expect(verdict.result).to.include({ seq: 2, problem: 'altered' });
  });
});
