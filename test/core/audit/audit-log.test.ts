import { expect } from '@open-wc/testing';
import { AuditLog, GENESIS_HASH, entryHash } from '../../../src/core/audit/index.js';
import { contentOf } from '../../../src/core/audit/chain.js';
import { ManualClock } from '../../../src/core/clock.js';
import { isCometError } from '../../../src/core/errors.js';
import { CometDB } from '../../../src/db/db.js';
import { dispose, openTestDb, readText, rejection, sampleRecord } from './fixtures.js';

describe('AuditLog: appending', () => {
  let db: CometDB;
  let clock: ManualClock;
  let audit: AuditLog;

  beforeEach(async () => {
    db = await openTestDb('audit');
    clock = new ManualClock(Date.UTC(2025, 2, 30, 12));
    audit = new AuditLog({ db, clock });
  });
  afterEach(() => dispose(db));

  it('chains each entry to the one before with SHA-256 over the previous hash and its canonical content', async () => {
    const [first, second] = await audit.appendMany([sampleRecord(1), sampleRecord(2)]);
    expect(first.seq).to.equal(1);
    expect(first.prevHash).to.equal(GENESIS_HASH);
    expect(second.prevHash).to.equal(first.hash);
    expect(second.hash).to.equal(await entryHash(first.hash, contentOf(second)));
    expect(second.hash).to.match(/^[0-9a-f]{64}$/);
  });

  it('stores absent fields as null and takes the time from the injected clock', async () => {
    const entry = await audit.append({
      principal: 'agent:a',
      capability: 'clock.now',
      verdict: 'allow',
      rule: 'grant:g',
      outcome: 'ok',
    });
    expect(entry).to.include({
      time: clock.now(),
      runId: null,
      stepId: null,
      error: null,
      input: null,
      mode: 'enforce',
      durationMs: 0,
    });
    expect(await db.audit.get(1)).to.deep.equal(entry);
  });

  it('continues the chain after the database is closed and opened again, as after a reload', async () => {
    const before = await audit.appendMany([sampleRecord(1), sampleRecord(2)]);
    db.close();
    const reopened = new CometDB(db.name);
    await reopened.open();
    const next = await new AuditLog({ db: reopened, clock }).append(sampleRecord(3));
    expect(next.seq).to.equal(3);
    expect(next.prevHash).to.equal(before[1].hash);
    expect(await new AuditLog({ db: reopened, clock }).verify()).to.deep.include({ ok: true, count: 3 });
    reopened.close();
  });

  it('does not fork the chain when many callers append at once in one page', async () => {
    const entries = await Promise.all(Array.from({ length: 40 }, (_, n) => audit.append(sampleRecord(n))));
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 40 }, (_, n) => n + 1));
    expect(await audit.verify()).to.deep.include({ ok: true, count: 40 });
  });

  it('does not fork the chain when two tabs (two connections) append at once', async () => {
    const other = new CometDB(db.name);
    await other.open();
    const tabA = new AuditLog({ db, clock });
    const tabB = new AuditLog({ db: other, clock });
    await Promise.all([
      ...Array.from({ length: 15 }, (_, n) => tabA.appendMany([sampleRecord(n), sampleRecord(n + 100)])),
      ...Array.from({ length: 15 }, (_, n) => tabB.append(sampleRecord(n + 200))),
    ]);
    expect(await db.audit.count()).to.equal(45);
    expect(await tabA.verify()).to.deep.include({ ok: true, count: 45 });
    other.close();
  });

  it('keeps the records of one appendMany together and in order', async () => {
    const others = Array.from({ length: 5 }, (_, n) => audit.append(sampleRecord(n + 50)));
    const batch = await audit.appendMany([sampleRecord(1), sampleRecord(2), sampleRecord(3)]);
    await Promise.all(others);
    expect(batch.map((e) => e.input)).to.deep.equal([1, 2, 3].map((n) => sampleRecord(n).input));
    expect(batch[1].seq).to.equal(batch[0].seq + 1);
    expect(batch[2].seq).to.equal(batch[1].seq + 1);
  });

  it('stores a redacted summary: secret fields, known secrets and long strings are cut out', async () => {
    const secret = 'sk-test-0123456789abcdefXYZ';
    const log = new AuditLog({ db, clock, secrets: () => [secret] });
    const entry = await log.append(
      sampleRecord(1, {
        input: { headers: { Authorization: `Bearer ${secret}` }, body: 'x'.repeat(5000), key: 'openai' },
        outcome: 'error',
        error: `401: key ${secret} was rejected`,
      }),
    );
    const stored = JSON.stringify(await db.audit.get(entry.seq));
    expect(stored).not.to.contain(secret);
    expect(entry.input).to.deep.include({ headers: { Authorization: '[redacted]' }, key: 'openai' });
    expect(entry.error).to.equal('401: key [redacted] was rejected');
    expect((entry.input as { body: string }).body.length).to.be.below(600);
  });

  it('rejects a malformed record with audit-failed and stores nothing', async () => {
    const error = await rejection(audit.append(sampleRecord(1, { verdict: 'maybe' as never })));
    expect(isCometError(error, 'audit-failed')).to.equal(true);
    expect(await db.audit.count()).to.equal(0);
  });

  it('tells listeners about every write', async () => {
    const seen: number[] = [];
    const off = audit.onAppend((entries) => seen.push(...entries.map((e) => e.seq)));
    await audit.appendMany([sampleRecord(1), sampleRecord(2)]);
    off();
    await audit.append(sampleRecord(3));
    expect(seen).to.deep.equal([1, 2]);
  });
});

describe('AuditLog: when the write fails', () => {
  let db: CometDB;
  afterEach(() => dispose(db));

  it('rejects with audit-failed when the database is closed', async () => {
    db = await openTestDb('audit-closed');
    const audit = new AuditLog({ db });
    await audit.append(sampleRecord(1));
    db.close();
    const error = await rejection(audit.append(sampleRecord(2)));
    expect(isCometError(error, 'audit-failed')).to.equal(true);
    expect((error as Error).message)
      .to.contain('http.request')
      .and.to.contain('database is closed');
    await db.open();
    expect(await db.audit.count()).to.equal(1);
  });
});

describe('AuditLog: reading', () => {
  let db: CometDB;
  let audit: AuditLog;

  before(async () => {
    db = await openTestDb('audit-read');
    audit = new AuditLog({ db });
    await audit.appendMany(Array.from({ length: 300 }, (_, n) => sampleRecord(n + 1)));
  });
  after(() => dispose(db));

  it('pages through everything newest first', async () => {
    const page = await audit.query({ offset: 10, limit: 5 });
    expect(page.map((e) => e.seq)).to.deep.equal([290, 289, 288, 287, 286]);
    expect(await audit.count()).to.equal(300);
  });

  it('filters by principal, capability, verdict, time and text, and counts the matches', async () => {
    const filter = { principal: 'agent:researcher', verdict: 'deny' as const, text: 'ITEMS/2' };
    const expected = Array.from({ length: 300 }, (_, n) => n + 1).filter((n) => {
      const r = sampleRecord(n);
      return (
        r.principal === filter.principal &&
        r.verdict === 'deny' &&
        String((r.input as { url: string }).url).includes('items/2')
      );
    });
    expect(await audit.count(filter)).to.equal(expected.length);
    const page = await audit.query({ ...filter, limit: 3, order: 'asc' });
    expect(page.map((e) => e.seq)).to.deep.equal(expected.slice(0, 3));
    const from = sampleRecord(100).time!;
    const to = sampleRecord(110).time!;
    expect((await audit.query({ capability: 'kv.set', from, to, limit: 50 })).map((e) => e.seq)).to.deep.equal([
      108, 105, 102,
    ]);
  });

  it('sees entries appended after a filter was first counted', async () => {
    const filter = { runId: 'run-30' };
    const before = await audit.count(filter);
    await audit.append(sampleRecord(305));
    expect(await audit.count(filter)).to.equal(before + 1);
    expect((await audit.query({ ...filter, limit: 1 }))[0].seq).to.equal(301);
  });

  it("loads the calls since a time as the supervisor's history, oldest first, without the denied ones", async () => {
    const since = sampleRecord(295).time!;
    const history = await audit.loadHistory(since);
    // 299 was denied; 301 is the entry appended above with sampleRecord(305).
    expect(history.map((h) => h.id)).to.deep.equal([
      'audit-295',
      'audit-296',
      'audit-297',
      'audit-298',
      'audit-300',
      'audit-301',
    ]);
    expect(history[0]).to.deep.include({ kind: 'call', status: 'ok', principal: 'agent:researcher', runId: 'run-29' });
  });

  it('exports every entry as one JSON line, oldest first', async () => {
    const lines = (await readText(audit.exportJsonl())).trimEnd().split('\n');
    expect(lines).to.have.length(await audit.count());
    expect(JSON.parse(lines[0])).to.deep.equal(await db.audit.get(1));
  });
});
