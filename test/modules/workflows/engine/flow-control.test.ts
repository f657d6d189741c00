import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ManualClock, sleep } from '../../../../src/core/clock.js';
import { isCometError } from '../../../../src/core/errors.js';
import { log, type LogEntry } from '../../../../src/core/log.js';
import { ConcurrencyLimiter, Debouncer, Throttle } from '../../../../src/modules/workflows/engine/flow-control.js';

/** Lets promise callbacks that are already due run (no time passes, on any clock). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** The rejection of `promise`, or a failure when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('ConcurrencyLimiter', () => {
  /** Runs `durations.length` tasks through `limit`; each holds its slot for its duration on the manual clock. */
  async function runTasks(limit: number, durations: number[]) {
    const clock = new ManualClock(0);
    const limiter = new ConcurrencyLimiter(clock);
    let active = 0;
    let most = 0;
    let finished = 0;
    const tasks = durations.map(async (ms) => {
      const release = await limiter.acquire('host', limit);
      active++;
      most = Math.max(most, active);
      await sleep(clock, ms);
      active--;
      release();
      finished++;
    });
    await settle();
    while (finished < durations.length) {
      clock.advance(1);
      await settle();
    }
    await Promise.all(tasks);
    return { most, finished, inUse: limiter.inUse('host'), waiting: limiter.waiting('host') };
  }

  it('never lets 20 tasks through a limit of 3 overlap by more than 3, and finishes them all', async () => {
    const durations = Array.from({ length: 20 }, (_, i) => 5 + ((i * 7) % 11));
    const result = await runTasks(3, durations);
    expect(result).to.deep.equal({ most: 3, finished: 20, inUse: 0, waiting: 0 });
  });

  it('reaches but never exceeds any limit, whatever the task durations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 15 }),
        async (limit, durations) => {
          const result = await runTasks(limit, durations);
          return result.most === Math.min(limit, durations.length) && result.finished === durations.length;
        },
      ),
      { numRuns: 30 },
    );
  });

  it('lets waiters in first come, first served', async () => {
    const limiter = new ConcurrencyLimiter(new ManualClock(0));
    const first = await limiter.acquire('k', 1);
    const order: string[] = [];
    const releases = ['b', 'c', 'd'].map((name) =>
      limiter.acquire('k', 1).then((release) => {
        order.push(name);
        return release;
      }),
    );
    await settle();
    expect(limiter.waiting('k')).to.equal(3);
    first();
    for (const release of releases) (await release)();
    expect(order).to.deep.equal(['b', 'c', 'd']);
  });

  it('rejects an aborted waiter with the reason, removes it, and lets the next one in', async () => {
    const clock = new ManualClock(1000);
    const limiter = new ConcurrencyLimiter(clock);
    const holder = await limiter.acquire('k', 1);
    const controller = new AbortController();
    const aborted = limiter.acquire('k', 1, controller.signal);
    clock.advance(50);
    const next = limiter.acquire('k', 1);
    expect(limiter.waitingSince('k')).to.equal(1000);
    controller.abort(new Error('run cancelled'));
    expect(((await rejection(aborted)) as Error).message).to.equal('run cancelled');
    expect(limiter.waiting('k')).to.equal(1);
    expect(limiter.waitingSince('k')).to.equal(1050);
    holder();
    (await next)();
    expect(limiter.inUse('k')).to.equal(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new ConcurrencyLimiter();
    const holder = limiter.tryAcquire('k', 1)!;
    const error = await rejection(limiter.acquire('k', 1, AbortSignal.abort()));
    expect((error as DOMException).name).to.equal('AbortError');
    expect(limiter.waiting('k')).to.equal(0);
    holder();
  });

  it('frees one slot however often a release is called', async () => {
    const limiter = new ConcurrencyLimiter();
    const a = await limiter.acquire('k', 2);
    await limiter.acquire('k', 2);
    a();
    a();
    expect(limiter.inUse('k')).to.equal(1);
    expect(limiter.tryAcquire('k', 2)).to.be.a('function');
    expect(limiter.tryAcquire('k', 2)).to.equal(undefined);
  });

  it('counts each key on its own', async () => {
    const limiter = new ConcurrencyLimiter();
    await limiter.acquire('a.example', 1);
    expect(limiter.tryAcquire('b.example', 1)).to.be.a('function');
    expect(limiter.tryAcquire('a.example', 1)).to.equal(undefined);
  });

  it('refuses a limit below one', () => {
    let thrown: unknown;
    try {
      new ConcurrencyLimiter().tryAcquire('k', 0);
    } catch (error) {
      thrown = error;
    }
    expect(isCometError(thrown, 'invalid-argument')).to.be.true;
  });
});

describe('Throttle', () => {
  /** Acquires `count` starts of one key at once; returns the clock times they start at (in start order). */
  function startTimes(throttle: Throttle, clock: ManualClock, count: number, limit: number, periodMs: number) {
    const times: number[] = [];
    const done = Array.from({ length: count }, () =>
      throttle.acquire('api', limit, periodMs).then(() => times.push(clock.now())),
    );
    return { times, done: Promise.all(done) };
  }

  it('starts at most `limit` per period and the rest as slots free up, in order', async () => {
    const clock = new ManualClock(0);
    const throttle = new Throttle(clock);
    const { times, done } = startTimes(throttle, clock, 5, 2, 1000);
    await settle();
    expect(times).to.deep.equal([0, 0]);
    clock.advance(999);
    await settle();
    expect(times).to.have.length(2);
    clock.advance(1);
    await settle();
    expect(times).to.deep.equal([0, 0, 1000, 1000]);
    clock.advance(1000);
    await done;
    expect(times).to.deep.equal([0, 0, 1000, 1000, 2000]);
  });

  it('uses a sliding window: a slot frees one period after the start that took it', async () => {
    const clock = new ManualClock(0);
    const throttle = new Throttle(clock);
    await throttle.acquire('api', 2, 1000);
    clock.advance(600);
    await throttle.acquire('api', 2, 1000);
    const { times, done } = startTimes(throttle, clock, 2, 2, 1000);
    clock.advance(400); // t = 1000: the start at 0 leaves the window
    await settle();
    expect(times).to.deep.equal([1000]);
    clock.advance(600); // t = 1600: the start at 600 leaves
    await done;
    expect(times).to.deep.equal([1000, 1600]);
  });

  it('says how long a new start would wait, counting the waiters ahead of it', async () => {
    const clock = new ManualClock(0);
    const throttle = new Throttle(clock);
    expect(throttle.nextSlotIn('api', 2, 1000)).to.equal(0);
    await throttle.acquire('api', 2, 1000);
    expect(throttle.nextSlotIn('api', 2, 1000)).to.equal(0);
    await throttle.acquire('api', 2, 1000);
    expect(throttle.nextSlotIn('api', 2, 1000)).to.equal(1000);
    void throttle.acquire('api', 2, 1000);
    void throttle.acquire('api', 2, 1000);
    expect(throttle.waiting('api')).to.equal(2);
    expect(throttle.nextSlotIn('api', 2, 1000)).to.equal(2000);
    clock.advance(250);
    expect(throttle.nextSlotIn('api', 2, 1000)).to.equal(1750);
  });

  it('gives an aborted waiter’s turn to the next one', async () => {
    const clock = new ManualClock(0);
    const throttle = new Throttle(clock);
    await throttle.acquire('api', 1, 1000);
    const controller = new AbortController();
    const aborted = throttle.acquire('api', 1, 1000, controller.signal);
    let nextAt: number | undefined;
    const next = throttle.acquire('api', 1, 1000).then(() => (nextAt = clock.now()));
    controller.abort(new Error('cancelled'));
    expect(((await rejection(aborted)) as Error).message).to.equal('cancelled');
    clock.advance(1000);
    await next;
    expect(nextAt).to.equal(1000);
  });

  it('keeps keys apart', async () => {
    const clock = new ManualClock(0);
    const throttle = new Throttle(clock);
    await throttle.acquire('a', 1, 1000);
    expect(throttle.nextSlotIn('a', 1, 1000)).to.equal(1000);
    expect(throttle.nextSlotIn('b', 1, 1000)).to.equal(0);
  });

  it('turns waiters away with aborted when disposed, and leaves no timer behind', async () => {
    const clock = new ManualClock(0);
    const throttle = new Throttle(clock);
    await throttle.acquire('api', 1, 1000);
    const waiting = throttle.acquire('api', 1, 1000);
    expect(clock.pending).to.equal(1);
    throttle.dispose();
    expect(isCometError(await rejection(waiting), 'aborted')).to.be.true;
    expect(clock.pending).to.equal(0);
  });
});

describe('Debouncer', () => {
  it('fires once, with the last value, after the wait passes without a new push', () => {
    const clock = new ManualClock(0);
    const debouncer = new Debouncer<number>(clock);
    const fired: [number, number][] = [];
    for (let i = 0; i < 10; i++) {
      debouncer.push('k', i, 500, (value) => fired.push([value, clock.now()]));
      clock.advance(100);
    }
    expect(fired).to.deep.equal([]);
    clock.advance(399); // t = 1399: 499 ms after the last push at 900
    expect(fired).to.deep.equal([]);
    clock.advance(1);
    expect(fired).to.deep.equal([[9, 1400]]);
    clock.advance(10_000);
    expect(fired).to.have.length(1);
  });

  it('fires at once on flush, never on cancel, and drops everything on dispose', () => {
    const clock = new ManualClock(0);
    const debouncer = new Debouncer<string>(clock);
    const fired: string[] = [];
    debouncer.push('a', 'a1', 100, (v) => fired.push(v));
    debouncer.push('b', 'b1', 100, (v) => fired.push(v));
    debouncer.push('c', 'c1', 100, (v) => fired.push(v));
    debouncer.flush('a');
    debouncer.cancel('b');
    expect(debouncer.isPending('c')).to.be.true;
    debouncer.dispose();
    clock.advance(1000);
    expect(fired).to.deep.equal(['a1']);
    expect(clock.pending).to.equal(0);
  });

  it('debounces each key on its own', () => {
    const clock = new ManualClock(0);
    const debouncer = new Debouncer<string>(clock);
    const fired: string[] = [];
    debouncer.push('a', 'a1', 100, (v) => fired.push(v));
    clock.advance(60);
    debouncer.push('b', 'b1', 100, (v) => fired.push(v));
    clock.advance(40);
    expect(fired).to.deep.equal(['a1']);
    clock.advance(60);
    expect(fired).to.deep.equal(['a1', 'b1']);
  });

  it('logs a call that throws instead of breaking the clock', () => {
    const clock = new ManualClock(0);
    const debouncer = new Debouncer<number>(clock);
    const entries: LogEntry[] = [];
    const off = log.subscribe((entry) => entries.push(entry));
    debouncer.push('k', 1, 10, () => {
      throw new Error('boom');
    });
    try {
      clock.advance(10);
    } finally {
      off();
    }
    expect(entries.some((e) => e.level === 'error' && e.message.includes('debounced call for k'))).to.be.true;
  });
});
