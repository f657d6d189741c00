/**
 * The workflow engine: adopts the runs in the database that are not finished, drives each one (ActiveRun), and
 * carries out what clients in any tab asked for (a queued run, pause, resume, cancel) when woken. Only the leader
 * tab's worker runs one (Web Locks, see services/orchestrator.ts), so exactly one writer appends to each run's log.
 * After a reload, a crash or a new leader, start() replays every unfinished run from its log and continues.
 */
import { systemClock, type Clock } from '../../../core/clock.js';
import { CometError, errorMessage } from '../../../core/errors.js';
import type { EventBus } from '../../../core/bus.js';
import { log as defaultLog, type Logger } from '../../../core/log.js';
import { isQuotaError } from '../../../core/storage.js';
import type { CometDB } from '../../../db/db.js';
import { resolveValue } from '../model/references.js';
import { ActiveRun, type RunHost, type StepExecutor } from './active-run.js';
import './bus-events.js';
import { ConcurrencyLimiter, Throttle } from './flow-control.js';
import { RunLog, type NewRunEvent } from './run-log.js';
import { foldRun } from './run-state.js';
import type { RunRow } from './run-types.js';

/** What an engine needs. */
export interface EngineDeps {
  db: CometDB;
  executor: StepExecutor;
  clock?: Clock;
  /** Where state changes are published (workflow.* topics); none in benchmarks. */
  bus?: Pick<EventBus, 'publish'>;
  log?: Logger;
  /** Steps of all runs at once (default 16). */
  maxConcurrentSteps?: number;
  /** Jitter source (tests pass a fixed one). */
  random?: () => number;
}

/** Default of maxConcurrentSteps. */
export const DEFAULT_GLOBAL_LIMIT = 16;

const UNFINISHED: RunRow['status'][] = ['queued', 'running', 'paused'];

export class WorkflowEngine implements RunHost {
  readonly clock: Clock;
  readonly log: RunLog;
  readonly executor: StepExecutor;
  readonly limiter: ConcurrencyLimiter;
  readonly throttle: Throttle;
  readonly globalLimit: number;
  readonly random: () => number;
  readonly #db: CometDB;
  readonly #bus?: Pick<EventBus, 'publish'>;
  readonly #logger: Logger;
  readonly #runs = new Map<string, ActiveRun>();
  /** Runs being read from the database, so two wakes never adopt the same run twice. */
  readonly #adopting = new Map<string, Promise<void>>();
  /** Releases of per-workflow run limits, by run. */
  readonly #runSlots = new Map<string, () => void>();
  /** Queued runs waiting for their workflow's run limit. */
  readonly #waitingForSlot = new Set<string>();
  readonly #finishWaiters = new Map<string, (() => void)[]>();
  #disposed = false;

  constructor(deps: EngineDeps) {
    this.#db = deps.db;
    this.executor = deps.executor;
    this.clock = deps.clock ?? systemClock;
    this.#bus = deps.bus;
    this.#logger = deps.log ?? defaultLog;
    this.log = new RunLog(deps.db);
    this.limiter = new ConcurrencyLimiter(this.clock);
    this.throttle = new Throttle(this.clock);
    this.globalLimit = deps.maxConcurrentSteps ?? DEFAULT_GLOBAL_LIMIT;
    this.random = deps.random ?? Math.random;
  }

  /** Adopts every unfinished run (after a reload or as a new leader). */
  async start(): Promise<void> {
    await this.wake();
  }

  /** Looks at the database: adopts new runs, applies control requests. With a run id, looks at that run only. */
  async wake(runId?: string): Promise<void> {
    if (this.#disposed) return;
    const rows =
      runId === undefined
        ? await this.#db.runs.where('status').anyOf(UNFINISHED).toArray()
        : [await this.#db.runs.get(runId)].filter((r): r is RunRow => r !== undefined);
    await Promise.all(rows.map((row) => this.#take(row)));
  }

  /** The run the engine drives, if it does. */
  active(runId: string): ActiveRun | undefined {
    return this.#runs.get(runId);
  }

  /** Ids of the runs the engine drives now. */
  activeRuns(): string[] {
    return [...this.#runs.keys()];
  }

  /** Resolves when the engine no longer drives the run (it finished, or was never here). */
  async settled(runId: string): Promise<void> {
    // A run can finish before its adoption has returned: look only once adoption is over.
    await this.#adopting.get(runId);
    if (!this.#runs.has(runId)) return;
    await new Promise<void>((resolve) =>
      this.#finishWaiters.set(runId, [...(this.#finishWaiters.get(runId) ?? []), resolve]),
    );
  }

  /** Stops driving runs without recording anything: the next leader continues them from their logs. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const run of this.#runs.values()) run.stop();
    this.#runs.clear();
    this.throttle.dispose();
    await this.log.flush();
  }

  async #take(row: RunRow): Promise<void> {
    const run = this.#runs.get(row.id);
    if (run) return this.#control(run, row);
    if (!UNFINISHED.includes(row.status)) return;
    let adopting = this.#adopting.get(row.id);
    if (!adopting) {
      adopting = this.#adopt(row).finally(() => this.#adopting.delete(row.id));
      this.#adopting.set(row.id, adopting);
    }
    await adopting;
  }

  /** Reads the run's log, waits for its workflow's run limit if it has not started, and hands it to an ActiveRun. */
  async #adopt(row: RunRow): Promise<void> {
    const events = await this.#db.runEvents.where('[runId+seq]').between([row.id, 0], [row.id, Infinity]).toArray();
    const state = foldRun(events);
    if (!state) {
      this.#logger.warn('workflows', `Run ${row.id} has no run.created event; it was left alone.`);
      return;
    }
    const limit = state.workflow.concurrency;
    if (limit && !this.#runSlots.has(row.id)) {
      const key =
        limit.key === undefined
          ? `runs:${state.workflow.id}`
          : `runs:${state.workflow.id}:${String(resolveValue(limit.key, { inputs: state.inputs }, '/concurrency/key'))}`;
      const release = this.limiter.tryAcquire(key, limit.limit);
      if (!release) {
        // Stays queued without holding up wake(): adopted when a run of the same workflow (and key) finishes.
        if (this.#waitingForSlot.has(row.id)) return;
        this.#waitingForSlot.add(row.id);
        void this.limiter.acquire(key, limit.limit).then((granted) => {
          this.#waitingForSlot.delete(row.id);
          this.#runSlots.set(row.id, granted);
          return this.wake(row.id);
        });
        return;
      }
      this.#runSlots.set(row.id, release);
    }
    if (this.#disposed) return this.#releaseSlot(row.id);
    this.log.adopt(row.id, state.lastSeq);
    const run = new ActiveRun(state, this);
    this.#runs.set(row.id, run);
    run.start();
    const latest = await this.#db.runs.get(row.id);
    if (latest) await this.#control(run, latest);
  }

  /** Carries out a client's request on the run's row, then clears it (only if it is still the same request). */
  async #control(run: ActiveRun, row: RunRow): Promise<void> {
    const { control } = row;
    if (!control) return;
    if (control === 'pause') run.pause();
    else if (control === 'resume') run.resume();
    else run.cancel(`Cancelled by ${row.origin.principal === 'module:console' ? 'a person' : row.origin.principal}.`);
    await this.log.flush();
    await this.#db.runs
      .where('id')
      .equals(row.id)
      .modify((r) => {
        if (r.control === control) delete r.control;
      });
  }

  changed(run: ActiveRun, events: readonly NewRunEvent[]): void {
    const bus = this.#bus;
    if (!bus) return;
    const { state } = run;
    const workflowId = state.workflow.id;
    let runChanged = false;
    for (const event of events) {
      if (event.type.startsWith('run.') || event.type === 'step.skipped' || event.type === 'step.expanded')
        runChanged = true;
      const { stepId, item } = event as { stepId?: string; item?: number };
      if (stepId === undefined) continue;
      const step = state.steps[stepId];
      const s = item === undefined ? step : step?.items?.[item];
      if (!s) continue;
      runChanged ||= s.status === 'succeeded' || s.status === 'failed';
      bus.publish('workflow.step.changed', {
        runId: run.id,
        workflowId,
        stepId,
        ...(item === undefined ? {} : { item }),
        status: s.status,
        attempt: s.attempts.at(-1)?.attempt ?? 0,
        ...(s.error && s.status !== 'succeeded' ? { message: s.error.message } : {}),
      });
    }
    if (runChanged) {
      const steps = Object.values(state.steps);
      bus.publish('workflow.run.changed', {
        runId: run.id,
        workflowId,
        status: state.status,
        stepsDone: steps.filter((s) => ['succeeded', 'failed', 'skipped', 'cancelled'].includes(s.status)).length,
        stepsTotal: steps.length,
      });
    }
  }

  halted(run: ActiveRun, error: unknown): void {
    this.#forget(run.id);
    const reason = isQuotaError(error)
      ? new CometError('storage-quota', { what: `the progress of run ${run.id}` }).message
      : errorMessage(error);
    const message = `Run ${run.id} of ${run.state.workflow.name} stopped because its progress could not be saved. ${reason} It continues from its last saved step when you resume it or reload.`;
    this.#logger.error('workflows', message, { error });
    this.#bus?.publish('workflow.run.halted', { runId: run.id, workflowId: run.state.workflow.id, message });
  }

  finished(run: ActiveRun): void {
    this.#forget(run.id);
  }

  #forget(runId: string): void {
    this.#runs.delete(runId);
    this.log.release(runId);
    this.#releaseSlot(runId);
    for (const resolve of this.#finishWaiters.get(runId) ?? []) resolve();
    this.#finishWaiters.delete(runId);
  }

  #releaseSlot(runId: string): void {
    this.#runSlots.get(runId)?.();
    this.#runSlots.delete(runId);
  }
}
