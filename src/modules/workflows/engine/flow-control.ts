/**
 * Flow control for the engine, all in memory and on the injected Clock: concurrency limits (at most N holders of a
 * key at once), throttles (at most N starts of a key per sliding period) and debouncing (one call with the last
 * value once pushes stop). Waiters are served first come, first served per key, and an aborted waiter leaves the
 * queue at once. A key is meant to be used with one limit (and period): calls that disagree each apply their own.
 */
import { abortReason, systemClock, type Clock } from '../../../core/clock.js';
import { CometError } from '../../../core/errors.js';
import { log } from '../../../core/log.js';

/** Throws 'invalid-argument' unless `limit` is a whole number ≥ 1 (or Infinity: no limit). */
function checkLimit(limit: number): void {
  if (limit === Infinity || (Number.isInteger(limit) && limit >= 1)) return;
  throw new CometError('invalid-argument', { what: `The limit ${limit}`, reason: 'it must be a whole number ≥ 1' });
}

/** A waiter in a FIFO queue: how to let it go, and how to stop listening to its signal. */
interface Waiter {
  limit: number;
  since: number;
  grant(): void;
}

/** The holders and waiters of one concurrency key. */
interface Slots {
  held: number;
  queue: Waiter[];
}

/** At most `limit` concurrent holders per key; waiters get their turn in arrival order. */
export class ConcurrencyLimiter {
  readonly #clock: Clock;
  readonly #keys = new Map<string, Slots>();

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** Resolves with a release function once fewer than `limit` hold `key`; an abort rejects with the signal's reason. */
  acquire(key: string, limit: number, signal?: AbortSignal): Promise<() => void> {
    checkLimit(limit);
    const immediate = this.tryAcquire(key, limit);
    if (immediate) return Promise.resolve(immediate);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const slots = this.#slots(key);
      const onAbort = () => {
        slots.queue.splice(slots.queue.indexOf(waiter), 1);
        this.#pump(key, slots); // the aborted one may have been the head holding back others
        reject(abortReason(signal!));
      };
      const waiter: Waiter = {
        limit,
        since: this.#clock.now(),
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#hold(key, slots));
        },
      };
      slots.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** A release function when `key` has a free slot and nobody is waiting for it; otherwise undefined. */
  tryAcquire(key: string, limit: number): (() => void) | undefined {
    checkLimit(limit);
    const slots = this.#slots(key);
    if (slots.queue.length > 0 || slots.held >= limit) {
      this.#forgetIfIdle(key, slots);
      return undefined;
    }
    return this.#hold(key, slots);
  }

  /** How many hold `key` now. */
  inUse(key: string): number {
    return this.#keys.get(key)?.held ?? 0;
  }

  /** How many wait for `key`. */
  waiting(key: string): number {
    return this.#keys.get(key)?.queue.length ?? 0;
  }

  /** Since when (epoch ms) the longest waiter for `key` has waited, for "waiting for a slot since…"; undefined if none. */
  waitingSince(key: string): number | undefined {
    return this.#keys.get(key)?.queue[0]?.since;
  }

  #slots(key: string): Slots {
    let slots = this.#keys.get(key);
    if (!slots) this.#keys.set(key, (slots = { held: 0, queue: [] }));
    return slots;
  }

  /** Takes a slot; the release function gives it back once, however often it is called. */
  #hold(key: string, slots: Slots): () => void {
    slots.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      slots.held--;
      this.#pump(key, slots);
    };
  }

  /** Lets waiters in from the head while the head's limit allows. */
  #pump(key: string, slots: Slots): void {
    while (slots.queue.length > 0 && slots.held < slots.queue[0].limit) slots.queue.shift()!.grant();
    this.#forgetIfIdle(key, slots);
  }

  /** Drops an idle key, so per-host or per-item keys do not pile up. */
  #forgetIfIdle(key: string, slots: Slots): void {
    if (slots.held === 0 && slots.queue.length === 0 && this.#keys.get(key) === slots) this.#keys.delete(key);
  }
}

/** A throttle waiter: its own limit and period, and how to let it start or turn it away. */
interface ThrottleWaiter {
  limit: number;
  periodMs: number;
  start(): void;
  fail(error: Error): void;
}

/** The recent starts and the waiters of one throttle key. */
interface Window {
  /** Start times, oldest first; only the last `limit` matter. */
  starts: number[];
  /** The period of the last start, to know when the key can be forgotten. */
  periodMs: number;
  queue: ThrottleWaiter[];
  timer?: number;
}

/** Windows kept before idle ones are swept (a keyed throttle makes one per host or item). */
const SWEEP_ABOVE = 64;

/** At most `limit` starts per sliding `periodMs` per key; later starts wait for a slot, first come first served. */
export class Throttle {
  readonly #clock: Clock;
  readonly #keys = new Map<string, Window>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Resolves when a start of `key` is allowed (and counts it); an abort rejects with the signal's reason. */
  acquire(key: string, limit: number, periodMs: number, signal?: AbortSignal): Promise<void> {
    checkLimit(limit);
    checkPeriod(periodMs);
    if (this.#keys.size > SWEEP_ABOVE) this.#sweep();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const window = this.#window(key);
      const onAbort = () => {
        window.queue.splice(window.queue.indexOf(waiter), 1);
        this.#pump(key, window); // the aborted one may have been the head the timer was set for
        reject(abortReason(signal!));
      };
      const settle = () => signal?.removeEventListener('abort', onAbort);
      const waiter: ThrottleWaiter = {
        limit,
        periodMs,
        start: () => {
          settle();
          resolve();
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      window.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pump(key, window);
    });
  }

  /** Milliseconds until a start of `key` would be allowed, counting those already waiting ahead; 0 = now. */
  nextSlotIn(key: string, limit: number, periodMs: number): number {
    checkLimit(limit);
    checkPeriod(periodMs);
    const window = this.#keys.get(key);
    if (!window) return 0;
    // Play the queue forward: each waiter takes the earliest slot, then the new start takes the one after.
    const now = this.#clock.now();
    const starts = [...window.starts];
    for (let i = 0; i <= window.queue.length; i++) starts.push(slotAt(starts, limit, periodMs, now));
    return starts[starts.length - 1] - now;
  }

  /** How many wait for a start of `key`. */
  waiting(key: string): number {
    return this.#keys.get(key)?.queue.length ?? 0;
  }

  /** Turns every waiter away (CometError 'aborted') and clears the timers; the engine calls it when it stops. */
  dispose(): void {
    const windows = [...this.#keys.values()];
    this.#keys.clear();
    for (const window of windows) {
      if (window.timer !== undefined) this.#clock.clearTimeout(window.timer);
      for (const waiter of window.queue.splice(0)) {
        waiter.fail(new CometError('aborted', { what: 'Waiting for a throttled start' }));
      }
    }
  }

  #window(key: string): Window {
    let window = this.#keys.get(key);
    if (!window) this.#keys.set(key, (window = { starts: [], periodMs: 0, queue: [] }));
    return window;
  }

  /** Starts waiters from the head while slots are free, then sleeps on the clock until the head's slot comes. */
  #pump(key: string, window: Window): void {
    if (window.timer !== undefined) this.#clock.clearTimeout(window.timer);
    window.timer = undefined;
    const now = this.#clock.now();
    while (window.queue.length > 0) {
      const head = window.queue[0];
      const at = slotAt(window.starts, head.limit, head.periodMs, now);
      if (at > now) {
        window.timer = this.#clock.setTimeout(() => this.#pump(key, window), at - now);
        return;
      }
      window.queue.shift();
      // Without a limit nothing needs remembering (and an unbounded list would grow forever).
      if (Number.isFinite(head.limit)) {
        window.starts.push(now);
        if (window.starts.length > head.limit) window.starts.splice(0, window.starts.length - head.limit);
      }
      window.periodMs = head.periodMs;
      head.start();
    }
    if (isIdle(window, now) && this.#keys.get(key) === window) this.#keys.delete(key);
  }

  /** Forgets keys nobody waits for whose starts have all left their window. */
  #sweep(): void {
    const now = this.#clock.now();
    for (const [key, window] of this.#keys) if (isIdle(window, now)) this.#keys.delete(key);
  }
}

/** True when nobody waits and no start is recent enough to hold back the next one. */
function isIdle(window: Window, now: number): boolean {
  const last = window.starts[window.starts.length - 1];
  return window.queue.length === 0 && (last === undefined || last + window.periodMs <= now);
}

/** Throws 'invalid-argument' unless `periodMs` is a finite number of milliseconds ≥ 0. */
function checkPeriod(periodMs: number): void {
  if (Number.isFinite(periodMs) && periodMs >= 0) return;
  throw new CometError('invalid-argument', {
    what: `The throttle period ${periodMs}`,
    reason: 'it must be a finite number of milliseconds ≥ 0',
  });
}

/** When the next start may happen given earlier `starts` (sorted): `limit` starts back plus the period, or now. */
function slotAt(starts: number[], limit: number, periodMs: number, now: number): number {
  if (starts.length < limit) return now;
  return Math.max(now, starts[starts.length - limit] + periodMs);
}

/** One pending debounced call. */
interface Pending<T> {
  value: T;
  fire: (value: T) => void;
  timer: number;
}

/** Collapses bursts: after `waitMs` with no new push for a key, calls `fire` once with the last value pushed. */
export class Debouncer<T> {
  readonly #clock: Clock;
  readonly #pending = new Map<string, Pending<T>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Remembers `value` as the latest for `key` and restarts its wait; the last push's `fire` is the one called. */
  push(key: string, value: T, waitMs: number, fire: (value: T) => void): void {
    const previous = this.#pending.get(key);
    if (previous) this.#clock.clearTimeout(previous.timer);
    const timer = this.#clock.setTimeout(() => this.flush(key), waitMs);
    this.#pending.set(key, { value, fire, timer });
  }

  /** Fires `key` now if a call is pending. */
  flush(key: string): void {
    const pending = this.#pending.get(key);
    if (!pending) return;
    this.#pending.delete(key);
    this.#clock.clearTimeout(pending.timer);
    try {
      pending.fire(pending.value);
    } catch (error) {
      // A clock timer has nobody to throw to; the log (and the debug inspector) is where this can be seen.
      log.error('workflows', `A debounced call for ${key} threw`, error);
    }
  }

  /** Drops the pending call of `key`, if any, without firing it. */
  cancel(key: string): void {
    const pending = this.#pending.get(key);
    if (!pending) return;
    this.#clock.clearTimeout(pending.timer);
    this.#pending.delete(key);
  }

  /** True while a call for `key` waits to fire. */
  isPending(key: string): boolean {
    return this.#pending.has(key);
  }

  /** Drops every pending call without firing. */
  dispose(): void {
    for (const key of [...this.#pending.keys()]) this.cancel(key);
  }
}
