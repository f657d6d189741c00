/**
 * The durable side of runs: appends events to their logs and keeps the summary rows in step, with group commit.
 * Everything appended in the same turn of the event loop (a step's completion, the start of the steps it unblocks,
 * the run's progress) goes into ONE IndexedDB transaction; while that transaction commits, further appends collect
 * for the next. So a sequential chain costs one commit per step and a wide fan-out far less than one per step.
 * A transaction applies whole or not at all: a failed commit (a full disk) loses the batch, never half of it.
 */
import { errorMessage } from '../../../core/errors.js';
import type { CometDB } from '../../../db/db.js';
import type { RunEvent, RunRow } from './run-types.js';

/** An event as the engine hands it over: the log assigns runId, seq and time. */
export type NewRunEvent = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId' | 'seq'> : never) : never;

interface Batch {
  events: RunEvent[];
  rows: Map<string, Partial<RunRow>>;
  done: Promise<void>;
  settle: (error?: unknown) => void;
}

/** Appends to run logs in group-committed transactions. */
export class RunLog {
  readonly #db: CometDB;
  readonly #seq = new Map<string, number>();
  #open?: Batch;
  #committing?: Promise<void>;
  /** Transactions committed and events written so far (tests check the group commit with it). */
  readonly stats = { commits: 0, events: 0 };

  constructor(db: CometDB) {
    this.#db = db;
  }

  /** Continues numbering a run's log after `seq` (the engine calls it when it adopts a run). */
  adopt(runId: string, seq: number): void {
    this.#seq.set(runId, Math.max(seq, this.#seq.get(runId) ?? 0));
  }

  /** Forgets a finished run's counter. */
  release(runId: string): void {
    this.#seq.delete(runId);
  }

  /**
   * Queues `events` of run `runId` (numbered in order) and changes to its row; resolves once they are durable,
   * rejects (with the storage error) if their transaction failed. Returns the numbered events at once.
   */
  append(
    runId: string,
    events: readonly NewRunEvent[],
    row: Partial<RunRow> = {},
  ): { events: RunEvent[]; durable: Promise<void> } {
    const batch = this.#batch();
    let seq = this.#seq.get(runId) ?? 0;
    const numbered = events.map((e) => ({ ...e, runId, seq: ++seq }));
    this.#seq.set(runId, seq);
    batch.events.push(...numbered);
    batch.rows.set(runId, { ...batch.rows.get(runId), ...row, lastSeq: seq });
    return { events: numbered, durable: batch.done };
  }

  /** Resolves when everything appended so far is durable (or failed). */
  async flush(): Promise<void> {
    const open = this.#open;
    if (open) await open.done.catch(() => undefined);
    await this.#committing?.catch(() => undefined);
  }

  #batch(): Batch {
    if (this.#open) return this.#open;
    let settle!: Batch['settle'];
    const done = new Promise<void>(
      (resolve, reject) =>
        (settle = (e) => (e === undefined ? resolve() : reject(e instanceof Error ? e : new Error(errorMessage(e))))),
    );
    done.catch(() => undefined); // callers that don't await a batch must not cause an unhandled rejection
    const batch: Batch = { events: [], rows: new Map(), done, settle };
    this.#open = batch;
    // Commit after the current turn, and after the transaction in flight, so more appends can join this batch.
    const previous = this.#committing ?? Promise.resolve();
    this.#committing = previous
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
      .then(() => this.#commit(batch));
    return batch;
  }

  async #commit(batch: Batch): Promise<void> {
    if (this.#open === batch) this.#open = undefined;
    try {
      await this.#db.transaction('rw', this.#db.runEvents, this.#db.runs, async () => {
        await this.#db.runEvents.bulkAdd(batch.events);
        await this.#db.runs.bulkUpdate([...batch.rows].map(([key, changes]) => ({ key, changes })));
      });
      this.stats.commits++;
      this.stats.events += batch.events.length;
      batch.settle();
    } catch (error) {
      batch.settle(error ?? new Error('the transaction failed'));
    }
  }
}
