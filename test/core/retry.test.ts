import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ManualClock } from '../../src/core/clock.js';
import { CometError, isCometError } from '../../src/core/errors.js';
import {
  DEFAULT_RETRY_POLICY,
  normalizeRetryPolicy,
  parseRetryAfter,
  retry,
  retryDelay,
  retrySchedule,
  shouldRetry,
  type RetryInfo,
} from '../../src/core/retry.js';

/** Lets pending promise callbacks run (the retry loop awaits between attempt and sleep). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A ManualClock that can jump straight to its next timer, so code resuming after a sleep reads the exact due time. */
class SteppingClock extends ManualClock {
  #due = new Map<number, number>();
  override setTimeout(fn: () => void, ms: number): number {
    const handle = super.setTimeout(() => {
      this.#due.delete(handle);
      fn();
    }, ms);
    this.#due.set(handle, this.now() + Math.max(0, ms));
    return handle;
  }
  override clearTimeout(handle: number): void {
    this.#due.delete(handle);
    super.clearTimeout(handle);
  }
  /** Moves time to the earliest pending timer and fires it. */
  advanceToNextTimer(): void {
    if (this.#due.size > 0) this.set(Math.min(...this.#due.values()));
  }
}

/** Drives `clock` until `promise` settles, jumping to each timer the code under test sets. */
async function runOn<T>(clock: SteppingClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const watched = promise.finally(() => (done = true));
  watched.catch(() => undefined); // observed by the caller through the returned promise
  for (let guard = 0; !done && guard < 1000; guard++) {
    await settle();
    clock.advanceToNextTimer();
  }
  return watched;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('retry policy', () => {
  it("has Temporal's defaults plus 20 % jitter, and derives the maximum interval from the initial one", () => {
    expect(DEFAULT_RETRY_POLICY).to.deep.include({
      initialIntervalMs: 1000,
      backoffCoefficient: 2,
      maximumIntervalMs: 100_000,
      maximumAttempts: 0,
      jitter: 0.2,
    });
    expect(normalizeRetryPolicy({ initialIntervalMs: 50 }).maximumIntervalMs).to.equal(5000);
  });

  it('rejects an invalid field with an error that names it', () => {
    const bad: [string, object][] = [
      ['backoffCoefficient', { backoffCoefficient: 0.5 }],
      ['maximumIntervalMs', { initialIntervalMs: 1000, maximumIntervalMs: 10 }],
      ['maximumAttempts', { maximumAttempts: 1.5 }],
      ['jitter', { jitter: 2 }],
      ['initialIntervalMs', { initialIntervalMs: -1 }],
    ];
    for (const [field, partial] of bad) {
      let error: unknown;
      try {
        normalizeRetryPolicy(partial);
      } catch (e) {
        error = e;
      }
      expect(isCometError(error, 'invalid-argument'), field).to.be.true;
      expect((error as Error).message).to.contain(field);
    }
  });

  it('grows delays by the coefficient and caps them at the maximum interval', () => {
    const policy = { initialIntervalMs: 100, backoffCoefficient: 3, maximumIntervalMs: 2000, jitter: 0 };
    expect(retrySchedule(policy, 6)).to.deep.equal([100, 300, 900, 2000, 2000]);
  });

  it('spreads a delay over ±jitter of itself', () => {
    const policy = { initialIntervalMs: 1000, jitter: 0.2 };
    expect(retryDelay(policy, 1, () => 0)).to.equal(800);
    expect(retryDelay(policy, 1, () => 0.5)).to.equal(1000);
    expect(retryDelay(policy, 1, () => 0.999999)).to.equal(1200);
  });

  it('never returns a negative delay or one beyond maximumIntervalMs × (1 + jitter)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (initial, coefficient, extra, jitter, attempt, r) => {
          const policy = {
            initialIntervalMs: initial,
            backoffCoefficient: coefficient,
            maximumIntervalMs: initial + extra,
            jitter,
          };
          const delay = retryDelay(policy, attempt, () => r);
          return delay >= 0 && delay <= Math.round((initial + extra) * (1 + jitter));
        },
      ),
    );
  });

  it('waits at least as long as Retry-After asks when the policy respects it', () => {
    expect(retryDelay({ jitter: 0 }, 1, Math.random, 30_000)).to.equal(30_000);
    expect(retryDelay({ jitter: 0 }, 1, Math.random, 10)).to.equal(1000);
    expect(retryDelay({ jitter: 0, respectRetryAfter: false }, 1, Math.random, 30_000)).to.equal(1000);
    expect(parseRetryAfter('120', 0)).to.equal(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 27, 0))).to.equal(60_000);
    expect(parseRetryAfter('soon', 0)).to.equal(undefined);
  });

  it('refuses to retry a non-retryable error by name or by CometError code, and stops at maximumAttempts', () => {
    const policy = { maximumAttempts: 3, nonRetryableErrorTypes: ['TypeError', 'invalid-argument'] };
    expect(shouldRetry(policy, 1, new TypeError('x')).retry).to.be.false;
    const coded = new CometError('invalid-argument', { what: 'x', reason: 'y' });
    expect(shouldRetry(policy, 1, coded)).to.deep.equal({
      retry: false,
      reason: 'invalid-argument is a non-retryable error type',
    });
    expect(shouldRetry(policy, 2, new Error('flaky')).retry).to.be.true;
    expect(shouldRetry(policy, 3, new Error('flaky'))).to.deep.equal({
      retry: false,
      reason: 'reached maximumAttempts (3)',
    });
    expect(shouldRetry({}, 1000, new Error('flaky')).retry, 'maximumAttempts 0 is unlimited').to.be.true;
  });
});

describe('retry()', () => {
  it('sleeps exactly the policy schedule on the clock between attempts', async () => {
    const clock = new SteppingClock(0);
    const startedAt: number[] = [];
    const result = retry(
      (attempt) => {
        startedAt.push(clock.now());
        return attempt < 4 ? Promise.reject(new Error(`fail ${attempt}`)) : Promise.resolve('ok');
      },
      { clock, policy: { initialIntervalMs: 100, backoffCoefficient: 2, jitter: 0 } },
    );
    expect(await runOn(clock, result)).to.equal('ok');
    expect(startedAt).to.deep.equal([0, 100, 300, 700]);
  });

  it('does not sleep before retrying until the clock reaches the delay', async () => {
    const clock = new ManualClock(0);
    let calls = 0;
    const result = retry(() => (++calls === 1 ? Promise.reject(new Error('once')) : Promise.resolve(calls)), {
      clock,
      policy: { initialIntervalMs: 500, jitter: 0 },
    });
    await settle();
    clock.advance(499);
    await settle();
    expect(calls).to.equal(1);
    clock.advance(1);
    expect(await result).to.equal(2);
  });

  it('rethrows a non-retryable error at once, without sleeping', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const error = await rejection(
      retry(
        () => {
          calls++;
          return Promise.reject(new TypeError('bad input'));
        },
        { clock, policy: { nonRetryableErrorTypes: ['TypeError'] } },
      ),
    );
    expect(error).to.be.instanceOf(TypeError);
    expect(calls).to.equal(1);
    expect(clock.pending).to.equal(0);
  });

  it('gives up after maximumAttempts with retry-exhausted carrying the last error', async () => {
    const clock = new SteppingClock();
    const retries: RetryInfo[] = [];
    const last = new Error('still down');
    const error = await rejection(
      runOn(
        clock,
        retry(() => Promise.reject(last), {
          clock,
          policy: { maximumAttempts: 3, jitter: 0 },
          onRetry: (info) => retries.push(info),
        }),
      ),
    );
    expect(isCometError(error, 'retry-exhausted')).to.be.true;
    expect((error as Error).cause).to.equal(last);
    expect(retries.map((r) => [r.attempt, r.delayMs])).to.deep.equal([
      [1, 1000],
      [2, 2000],
    ]);
  });

  it('stops when aborted during the backoff sleep and leaves no timer behind', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    let calls = 0;
    const result = retry(
      () => {
        calls++;
        return Promise.reject(new Error('down'));
      },
      { clock, signal: controller.signal },
    );
    await settle();
    expect(clock.pending).to.equal(1);
    controller.abort(new CometError('aborted', { what: 'The sync' }));
    const error = await rejection(result);
    expect(isCometError(error, 'aborted')).to.be.true;
    expect(calls).to.equal(1);
    expect(clock.pending).to.equal(0);
  });

  it("waits for an error's Retry-After before the next attempt", async () => {
    const clock = new SteppingClock(0);
    const startedAt: number[] = [];
    const result = retry(
      (attempt) => {
        startedAt.push(clock.now());
        if (attempt > 1) return Promise.resolve();
        return Promise.reject(Object.assign(new Error('429 Too Many Requests'), { retryAfterMs: 42_000 }));
      },
      { clock, policy: { jitter: 0 } },
    );
    await runOn(clock, result);
    expect(startedAt).to.deep.equal([0, 42_000]);
  });
});
