import Dexie from 'dexie';
import type { CometDB } from '../db/db.js';
import type { DeadLetterRow, QueueRow, SerializedError } from '../db/schema.js';
import type { EventBus } from './bus.js';
import { systemClock, type Clock } from './clock.js';
import { CometError, errorMessage } from './errors.js';
import { newId } from './ids.js';
import { normalizeRetryPolicy, retryAfterOf, retryDelay, shouldRetry, type RetryPolicy } from './retry.js';
import { isQuotaError } from './storage.js';

/** A message handed to one consumer until `leasedUntil`; present it to ack, nack or extend. */
export interface Lease<P> {
  id: string;
  leaseId: string;
  payload: P;
  /** 1 for the first delivery, 2 for the first retry, … */
  attempt: number;
  /** Epoch ms when the message becomes visible to other consumers again unless acked, nacked or extended. */
  leasedUntil: number;
}

/** Counts of one queue's messages. `ready` includes messages whose lease ran out. */
export interface QueueStats {
  ready: number;
  leased: number;
  delayed: number;
  dead: number;
}

/** Options of a PersistentQueue. */
export interface QueueOptions {
  db: CometDB;
  /** Which queue of the shared tables this is, e.g. 'workflow-steps'. */
  name: string;
  clock?: Clock;
  /** When to retry failed messages; `maximumAttempts` (default 10 here) is when a message is dead-lettered. */
  retry?: Partial<RetryPolicy>;
  /** How long a lease lasts by default (30 s, as in SQS). */
  visibilityTimeoutMs?: number;
  /** Receives the 'queue.*' events. */
  bus?: EventBus;
  /** Source of jitter; tests pass a fixed one. */
  random?: () => number;
}

/** Unlike a single call's retry, a queue must end somewhere: a message failing this often becomes a dead letter. */
const DEFAULT_MAXIMUM_ATTEMPTS = 10;
const DEFAULT_VISIBILITY_TIMEOUT_MS = 30_000;

/**
 * A persistent at-least-once message queue in IndexedDB, shared by every tab and worker that opens the same
 * database. Every operation is one Dexie transaction, so two consumers never lease the same message at once and a
 * reload never loses one: a message leased but never acked becomes visible again when its lease runs out.
 */
export class PersistentQueue<P> {
  /** The queue's name. */
  readonly name: string;
  readonly #db: CometDB;
  readonly #clock: Clock;
  readonly #policy: RetryPolicy;
  readonly #visibilityTimeoutMs: number;
  readonly #bus: EventBus | undefined;
  readonly #random: () => number;

  constructor(options: QueueOptions) {
    if (!options.name) throw new CometError('invalid-argument', { what: 'The queue name', reason: 'it is empty' });
    this.name = options.name;
    this.#db = options.db;
    this.#clock = options.clock ?? systemClock;
    this.#policy = normalizeRetryPolicy({ maximumAttempts: DEFAULT_MAXIMUM_ATTEMPTS, ...options.retry });
    this.#visibilityTimeoutMs = checkDuration(
      'visibilityTimeoutMs',
      options.visibilityTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS,
      1,
    );
    this.#bus = options.bus;
    this.#random = options.random ?? Math.random;
  }

  /** Adds a message, visible after `delayMs`; with an `id` it is idempotent while that message is queued or dead. */
  async enqueue(payload: P, options: { delayMs?: number; id?: string } = {}): Promise<string> {
    const delayMs = checkDuration('delayMs', options.delayMs ?? 0, 0);
    const id = options.id ?? newId();
    const now = this.#clock.now();
    const db = this.#db;
    const added = await db
      .transaction('rw', [db.queue, db.deadLetters], async () => {
        if (options.id !== undefined) {
          const existing = (await db.queue.get(id)) ?? (await db.deadLetters.get(id));
          if (existing && existing.queue !== this.name) {
            throw new CometError('invalid-argument', {
              what: `Message id ${id}`,
              reason: `queue ${existing.queue} already uses it; ids are unique across queues`,
            });
          }
          if (existing) return false;
        }
        const seq = await this.#nextSeq();
        const visibleAt = now + delayMs;
        await db.queue.add({
          id,
          queue: this.name,
          payload,
          attempts: 0,
          visibleAt,
          leaseId: null,
          createdAt: now,
          lastError: null,
          seq,
        });
        return true;
      })
      .catch((error: unknown) => {
        throw storageError(error, this.name);
      });
    if (added) this.#bus?.publish('queue.enqueued', { queue: this.name, id, visibleAt: now + delayMs });
    return id;
  }

  /** Leases the message that became visible first (FIFO among equals); undefined when none is visible now. */
  async lease(options: { visibilityTimeoutMs?: number } = {}): Promise<Lease<P> | undefined> {
    const timeout = checkDuration('visibilityTimeoutMs', options.visibilityTimeoutMs ?? this.#visibilityTimeoutMs, 1);
    const now = this.#clock.now();
    const db = this.#db;
    const dead: DeadLetterRow[] = [];
    const lease = await db.transaction('rw', [db.queue, db.deadLetters], async () => {
      for (;;) {
        const row = await this.#visible(now).first();
        if (!row) return undefined;
        const max = this.#policy.maximumAttempts;
        if (row.leaseId !== null && max > 0 && row.attempts >= max) {
          // Its last allowed lease ran out without an ack or nack: the consumer crashed or hung on it every time.
          dead.push(await this.#bury(row, `its lease expired on the last allowed attempt (${max})`, now));
          continue;
        }
        const leased: QueueRow = { ...row, attempts: row.attempts + 1, leaseId: newId(), visibleAt: now + timeout };
        await db.queue.put(leased);
        return {
          id: row.id,
          leaseId: leased.leaseId!,
          payload: row.payload as P,
          attempt: leased.attempts,
          leasedUntil: leased.visibleAt,
        };
      }
    });
    for (const row of dead) this.#publishDead(row);
    return lease;
  }

  /** Removes a processed message; throws 'queue-lease-lost' if another consumer has leased it since. */
  async ack(lease: Lease<P>): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.queue, async () => {
      await this.#owned(lease);
      await db.queue.delete(lease.id);
    });
    this.#bus?.publish('queue.acked', { queue: this.name, id: lease.id, attempt: lease.attempt });
  }

  /** Records a failure: schedules a retry per the policy, or moves the message to the dead letters. */
  async nack(lease: Lease<P>, error: unknown): Promise<'retry' | 'dead'> {
    const now = this.#clock.now();
    const lastError = serializeError(error);
    const db = this.#db;
    const outcome = await db.transaction('rw', [db.queue, db.deadLetters], async () => {
      const row = await this.#owned(lease);
      const decision = shouldRetry(this.#policy, row.attempts, error);
      if (!decision.retry) return { dead: await this.#bury({ ...row, lastError }, decision.reason, now), delayMs: 0 };
      const delayMs = retryDelay(this.#policy, row.attempts, this.#random, retryAfterOf(error));
      await db.queue.put({ ...row, leaseId: null, visibleAt: now + delayMs, lastError });
      return { dead: undefined, delayMs };
    });
    if (outcome.dead) {
      this.#publishDead(outcome.dead);
      return 'dead';
    }
    const { delayMs } = outcome;
    this.#bus?.publish('queue.retry-scheduled', {
      queue: this.name,
      id: lease.id,
      attempt: lease.attempt,
      delayMs,
      error: lastError.message,
    });
    return 'retry';
  }

  /** Keeps the lease for `ms` more from now (for long work); updates `lease.leasedUntil`. */
  async extend(lease: Lease<P>, ms: number): Promise<void> {
    const leasedUntil = this.#clock.now() + checkDuration('ms', ms, 1);
    const db = this.#db;
    await db.transaction('rw', db.queue, async () => {
      await this.#owned(lease);
      await db.queue.update(lease.id, { visibleAt: leasedUntil });
    });
    lease.leasedUntil = leasedUntil;
  }

  /** How many messages are ready, leased, delayed and dead. */
  async stats(): Promise<QueueStats> {
    const now = this.#clock.now();
    const db = this.#db;
    return db.transaction('r', [db.queue, db.deadLetters], async () => {
      const ready = await this.#visible(now).count();
      const later = db.queue
        .where('[queue+visibleAt+seq]')
        .between([this.name, now, Dexie.maxKey], [this.name, Dexie.maxKey, Dexie.maxKey], false, true);
      const leased = await later
        .clone()
        .filter((row) => row.leaseId !== null)
        .count();
      const delayed = (await later.count()) - leased;
      const dead = await db.deadLetters.where('queue').equals(this.name).count();
      return { ready, leased, delayed, dead };
    });
  }

  /** This queue's dead letters, oldest death first. */
  async deadLetters(): Promise<DeadLetterRow[]> {
    const rows = await this.#db.deadLetters.where('queue').equals(this.name).toArray();
    return rows.sort((a, b) => a.deadAt - b.deadAt);
  }

  /** Puts a dead letter back at the end of the queue with its attempts reset. */
  async requeueDead(id: string): Promise<void> {
    const now = this.#clock.now();
    const db = this.#db;
    await db.transaction('rw', [db.queue, db.deadLetters], async () => {
      const dead = await this.#dead(id);
      if (await db.queue.get(id)) {
        throw new CometError('invalid-argument', {
          what: `Dead letter ${id}`,
          reason: 'a message with its id is queued again',
        });
      }
      const { deadAt: _deadAt, reason: _reason, ...message } = dead;
      await db.queue.add({ ...message, attempts: 0, visibleAt: now, leaseId: null, seq: await this.#nextSeq() });
      await db.deadLetters.delete(id);
    });
    this.#bus?.publish('queue.requeued', { queue: this.name, id });
  }

  /** Deletes one dead letter, or all of this queue's when no id is given. */
  async purgeDead(id?: string): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.deadLetters, async () => {
      if (id === undefined) await db.deadLetters.where('queue').equals(this.name).delete();
      else await db.deadLetters.delete((await this.#dead(id)).id);
    });
  }

  /** Messages visible at `now`, in lease order. */
  #visible(now: number) {
    return this.#db.queue
      .where('[queue+visibleAt+seq]')
      .between([this.name, Dexie.minKey, Dexie.minKey], [this.name, now, Dexie.maxKey], true, true);
  }

  /** One more than the highest seq in this queue: enough to order the messages that exist. */
  async #nextSeq(): Promise<number> {
    const last = await this.#db.queue
      .where('[queue+seq]')
      .between([this.name, Dexie.minKey], [this.name, Dexie.maxKey])
      .last();
    return (last?.seq ?? 0) + 1;
  }

  /** The row `lease` still holds; throws 'queue-lease-lost' when it was re-leased, acked or dead-lettered. */
  async #owned(lease: Lease<P>): Promise<QueueRow> {
    const row = await this.#db.queue.get(lease.id);
    if (!row || row.leaseId !== lease.leaseId)
      throw new CometError('queue-lease-lost', { id: lease.id, queue: this.name });
    return row;
  }

  async #dead(id: string): Promise<DeadLetterRow> {
    const dead = await this.#db.deadLetters.get(id);
    if (!dead || dead.queue !== this.name) throw new CometError('queue-unknown-message', { id, queue: this.name });
    return dead;
  }

  /** Moves `row` to the dead letters; call inside a transaction over both tables. */
  async #bury(row: QueueRow, reason: string, now: number): Promise<DeadLetterRow> {
    const { leaseId: _leaseId, visibleAt: _visibleAt, seq: _seq, ...message } = row;
    const dead: DeadLetterRow = { ...message, deadAt: now, reason };
    await this.#db.queue.delete(row.id);
    await this.#db.deadLetters.put(dead);
    return dead;
  }

  #publishDead(row: DeadLetterRow): void {
    this.#bus?.publish('queue.dead-lettered', {
      queue: this.name,
      id: row.id,
      attempt: row.attempts,
      reason: row.reason,
    });
  }
}

/** `value` if it is a finite number of milliseconds ≥ `min`; a clear error naming `field` otherwise. */
function checkDuration(field: string, value: number, min: number): number {
  if (Number.isFinite(value) && value >= min) return value;
  throw new CometError('invalid-argument', {
    what: `${field} (${value})`,
    reason: `it must be a finite number of milliseconds ≥ ${min}`,
  });
}

/** An error in the shape the queue stores: plain, cloneable data with the CometError code when there is one. */
export function serializeError(error: unknown): SerializedError {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: errorMessage(error) };
  const { name, message, stack, code, details } = error as Partial<Record<keyof SerializedError, unknown>>;
  const result: SerializedError = {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : errorMessage(error),
  };
  if (typeof stack === 'string') result.stack = stack;
  if (typeof code === 'string') result.code = code;
  const cloned = cloneable(details);
  if (cloned && typeof cloned === 'object') result.details = cloned as Record<string, unknown>;
  return result;
}

/** A structured clone of `value`, or undefined when it holds something uncloneable (then the details are dropped). */
function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'DataCloneError') return undefined;
    throw error;
  }
}

/** Storage failures as catalogue errors: an uncloneable payload or a full quota; anything else unchanged. */
function storageError(error: unknown, queue: string): unknown {
  if (isQuotaError(error))
    return new CometError('storage-quota', { what: `a message for queue ${queue}` }, { cause: error });
  const names = [error, (error as { inner?: unknown } | null)?.inner].map(
    (e) => (e as { name?: unknown } | null)?.name,
  );
  if (names.includes('DataCloneError')) {
    const what = `A message for queue ${queue}`;
    return new CometError('not-cloneable', { what, reason: errorMessage(error) }, { cause: error });
  }
  return error;
}
