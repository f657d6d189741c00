import { expect } from '@open-wc/testing';
import Dexie from 'dexie';
import { EventBus, type BusMessage } from '../../src/core/bus.js';
import { ManualClock } from '../../src/core/clock.js';
import { CometError, isCometError } from '../../src/core/errors.js';
import { PersistentQueue, type QueueOptions } from '../../src/core/queue.js';
import { CometDB } from '../../src/db/db.js';
import { migrations } from '../../src/db/migrations.js';

interface Job {
  n: number;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('PersistentQueue', () => {
  let name: string;
  let clock: ManualClock;
  const opened: Dexie[] = [];

  /** A database connection that afterEach closes; every test has its own database name. */
  const open = () => {
    const db = new CometDB(name);
    opened.push(db);
    return db;
  };
  const queue = (options: Partial<QueueOptions> = {}) =>
    new PersistentQueue<Job>({ db: open(), name: 'jobs', clock, retry: { jitter: 0 }, ...options });

  beforeEach(() => {
    name = `queue-test-${crypto.randomUUID()}`;
    clock = new ManualClock(1_000_000);
  });
  afterEach(async () => {
    opened.splice(0).forEach((db) => db.close());
    await Dexie.delete(name);
  });

  it('leases messages in the order they were enqueued, and nothing when it is empty', async () => {
    const q = queue();
    const order = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const n of order) await q.enqueue({ n }); // all in the same millisecond of the manual clock
    const leased = [];
    for (const _ of order) leased.push(await q.lease());
    expect(leased.map((l) => l?.payload.n)).to.deep.equal(order);
    expect(leased.every((l) => l?.attempt === 1)).to.be.true;
    expect(await q.lease()).to.equal(undefined);
  });

  it('keeps a message when the database is closed and reopened, as on a reload', async () => {
    const before = queue();
    const id = await before.enqueue({ n: 7 });
    opened.forEach((db) => db.close());
    const after = queue();
    const lease = await after.lease();
    expect(lease).to.deep.include({ id, payload: { n: 7 }, attempt: 1 });
  });

  it('hides a leased message until its visibility timeout passes, then leases it again', async () => {
    const q = queue({ visibilityTimeoutMs: 5000 });
    const id = await q.enqueue({ n: 1 });
    const first = await q.lease();
    expect(first?.leasedUntil).to.equal(clock.now() + 5000);
    expect(await q.lease()).to.equal(undefined);
    expect(await q.stats()).to.deep.equal({ ready: 0, leased: 1, delayed: 0, dead: 0 });
    clock.advance(4999);
    expect(await q.lease()).to.equal(undefined);
    clock.advance(1);
    const second = await q.lease();
    expect(second).to.deep.include({ id, attempt: 2 });
    expect(second?.leaseId).not.to.equal(first?.leaseId);
  });

  it('refuses an ack with a stale lease once another consumer has the message', async () => {
    const q = queue({ visibilityTimeoutMs: 1000 });
    await q.enqueue({ n: 1 });
    const stale = (await q.lease())!;
    clock.advance(1000);
    const fresh = (await q.lease())!;
    const error = await rejection(q.ack(stale));
    expect(isCometError(error, 'queue-lease-lost')).to.be.true;
    expect((error as Error).message).to.contain(stale.id);
    await q.ack(fresh);
    expect(await q.stats()).to.deep.equal({ ready: 0, leased: 0, delayed: 0, dead: 0 });
  });

  it('accepts a late ack when nobody re-leased the message in the meantime', async () => {
    const q = queue({ visibilityTimeoutMs: 1000 });
    await q.enqueue({ n: 1 });
    const lease = (await q.lease())!;
    clock.advance(60_000);
    await q.ack(lease);
    expect(await q.lease()).to.equal(undefined);
  });

  it('keeps a lease alive when extended', async () => {
    const q = queue({ visibilityTimeoutMs: 1000 });
    await q.enqueue({ n: 1 });
    const lease = (await q.lease())!;
    clock.advance(900);
    await q.extend(lease, 10_000);
    expect(lease.leasedUntil).to.equal(clock.now() + 10_000);
    clock.advance(5000);
    expect(await q.lease()).to.equal(undefined);
    await q.ack(lease);
  });

  it('delays retries of a failed message as the retry policy says', async () => {
    const q = queue({ retry: { initialIntervalMs: 100, backoffCoefficient: 3, jitter: 0 } });
    await q.enqueue({ n: 1 });
    const leasedAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      while (!(await q.stats()).ready) clock.advance(1);
      const lease = (await q.lease())!;
      leasedAt.push(clock.now() - 1_000_000);
      expect(await q.nack(lease, new Error('flaky'))).to.equal('retry');
    }
    expect(leasedAt).to.deep.equal([0, 100, 400]);
    expect(await q.stats()).to.deep.include({ delayed: 1 });
  });

  it('dead-letters a message after maximumAttempts failures, with its last error and the reason', async () => {
    const bus = new EventBus();
    const events: BusMessage[] = [];
    bus.subscribe('queue.*', (_p, m) => events.push(m));
    const q = queue({ retry: { maximumAttempts: 3, initialIntervalMs: 10, jitter: 0 }, bus });
    const id = await q.enqueue({ n: 1 });
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      outcomes.push(await q.nack((await q.lease())!, new Error(`failure ${i + 1}`)));
    }
    expect(outcomes).to.deep.equal(['retry', 'retry', 'dead']);
    const [dead] = await q.deadLetters();
    expect(dead).to.deep.include({ id, attempts: 3, reason: 'reached maximumAttempts (3)' });
    expect(dead.lastError).to.deep.include({ name: 'Error', message: 'failure 3' });
    expect(await q.stats()).to.deep.equal({ ready: 0, leased: 0, delayed: 0, dead: 1 });
    expect(events.map((e) => e.topic)).to.deep.equal([
      'queue.enqueued',
      'queue.retry-scheduled',
      'queue.retry-scheduled',
      'queue.dead-lettered',
    ]);
  });

  it('dead-letters at once on a non-retryable error, keeping its code', async () => {
    const q = queue({ retry: { nonRetryableErrorTypes: ['invalid-argument'] } });
    await q.enqueue({ n: 1 });
    const outcome = await q.nack((await q.lease())!, new CometError('invalid-argument', { what: 'x', reason: 'y' }));
    expect(outcome).to.equal('dead');
    const [dead] = await q.deadLetters();
    expect(dead.lastError?.code).to.equal('invalid-argument');
    expect(dead.reason).to.equal('invalid-argument is a non-retryable error type');
  });

  it('dead-letters a message whose last allowed lease ran out, as when a consumer crashes on it every time', async () => {
    const q = queue({ retry: { maximumAttempts: 2 }, visibilityTimeoutMs: 1000 });
    await q.enqueue({ n: 1 });
    await q.enqueue({ n: 2 });
    expect((await q.lease())?.payload.n).to.equal(1);
    clock.advance(1000);
    expect((await q.lease())?.payload.n, 'message 2 became visible first').to.equal(2);
    expect((await q.lease())?.attempt).to.equal(2);
    clock.advance(1000);
    const next = await q.lease();
    expect(next?.payload.n, 'message 1 is dead, message 2 gets its last try').to.equal(2);
    expect((await q.deadLetters()).map((d) => d.reason)).to.deep.equal([
      'its lease expired on the last allowed attempt (2)',
    ]);
  });

  it('never gives the same message to two consumers at once', async () => {
    const a = queue();
    const b = queue(); // a second connection, like another tab
    const ids = await Promise.all(Array.from({ length: 20 }, (_, n) => a.enqueue({ n })));
    const leases = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).lease()));
    const leased = leases.filter((l) => l !== undefined).map((l) => l.id);
    expect(leased).to.have.length(20);
    expect(new Set(leased)).to.deep.equal(new Set(ids));
  });

  it('treats a second enqueue with the same id as the same message', async () => {
    const q = queue();
    await q.enqueue({ n: 1 }, { id: 'order-42' });
    await q.enqueue({ n: 2 }, { id: 'order-42' });
    expect(await q.stats()).to.deep.include({ ready: 1 });
    expect((await q.lease())?.payload).to.deep.equal({ n: 1 });
  });

  it('holds a delayed message back until its delay has passed', async () => {
    const q = queue();
    await q.enqueue({ n: 1 }, { delayMs: 2000 });
    expect(await q.stats()).to.deep.include({ ready: 0, delayed: 1 });
    clock.advance(1999);
    expect(await q.lease()).to.equal(undefined);
    clock.advance(1);
    expect((await q.lease())?.payload.n).to.equal(1);
  });

  it('puts a requeued dead letter back with fresh attempts, and purges dead letters', async () => {
    const q = queue({ retry: { maximumAttempts: 1 } });
    const first = await q.enqueue({ n: 1 });
    const second = await q.enqueue({ n: 2 });
    await q.nack((await q.lease())!, new Error('x'));
    await q.nack((await q.lease())!, new Error('y'));
    await q.requeueDead(first);
    expect(await q.lease()).to.deep.include({ id: first, attempt: 1 });
    await q.purgeDead(second);
    expect(await q.stats()).to.deep.include({ dead: 0 });
    expect(isCometError(await rejection(q.requeueDead(second)), 'queue-unknown-message')).to.be.true;
  });

  it('keeps queues sharing the tables apart', async () => {
    const jobs = queue();
    const mail = queue({ name: 'mail' });
    await jobs.enqueue({ n: 1 });
    expect(await mail.lease()).to.equal(undefined);
    expect((await mail.stats()).ready).to.equal(0);
  });

  it('refuses an uncloneable payload with a clear error', async () => {
    const q = new PersistentQueue<unknown>({ db: open(), name: 'jobs', clock });
    const error = await rejection(q.enqueue({ run: () => 1 }));
    expect(isCometError(error, 'not-cloneable')).to.be.true;
    expect((error as Error).message).to.contain('jobs');
  });

  it('still leases, in order, messages written before the v3 upgrade', async () => {
    const v2 = new Dexie(name);
    migrations.slice(0, 2).forEach((m, i) => v2.version(i + 1).stores(m.stores));
    const row = (id: string, createdAt: number) => ({
      ...{ id, queue: 'jobs', payload: { n: createdAt }, attempts: 0, visibleAt: 5 },
      ...{ leaseId: null, createdAt, lastError: null },
    });
    await v2.table('queue').bulkAdd([row('z-first', 1), row('a-second', 2)]);
    v2.close();
    const q = queue();
    expect((await q.lease())?.id).to.equal('z-first');
    expect((await q.lease())?.id).to.equal('a-second');
  });
});
