/**
 * An engine over a real scratch database, with a scripted executor: each capability name maps to a function of
 * (input, signal, call). Tests drive retries and timeouts with a ManualClock and wait on the run's row.
 */
import Dexie from 'dexie';
import { ManualClock, type Clock } from '../../../../src/core/clock.js';
import { CometError } from '../../../../src/core/errors.js';
import { Logger } from '../../../../src/core/log.js';
import { openDatabase } from '../../../../src/db/open.js';
import type { CometDB } from '../../../../src/db/db.js';
import type { StepCall, StepExecutor } from '../../../../src/modules/workflows/engine/active-run.js';
import { createRun } from '../../../../src/modules/workflows/engine/create-run.js';
import { WorkflowEngine } from '../../../../src/modules/workflows/engine/engine.js';
import { foldRun } from '../../../../src/modules/workflows/engine/run-state.js';
import type { RunRow, RunState } from '../../../../src/modules/workflows/engine/run-types.js';
import type { WorkflowDefinition } from '../../../../src/modules/workflows/model/types.js';
import { uniqueName } from '../../../ui/helpers.js';

export type Script = (input: unknown, signal: AbortSignal, call: StepCall) => unknown;

/** An executor that runs scripts by capability name and records every call. */
export class ScriptedExecutor implements StepExecutor {
  readonly calls: StepCall[] = [];
  /** Calls in flight now, and the most there ever were. */
  inFlight = 0;
  maxInFlight = 0;
  constructor(readonly scripts: Record<string, Script>) {}

  async invoke(call: StepCall, signal: AbortSignal): Promise<unknown> {
    this.calls.push(call);
    const script = this.scripts[call.capability];
    if (!script) throw new CometError('capability-unknown', { name: call.capability });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await script(call.input, signal, call);
    } finally {
      this.inFlight--;
    }
  }
}

export interface EngineFixture {
  db: CometDB;
  clock: Clock;
  engine: WorkflowEngine;
  executor: StepExecutor;
  /** Creates a run of `workflow` and wakes the engine; resolves with the run id. */
  start(workflow: WorkflowDefinition, inputs?: Record<string, unknown>): Promise<string>;
  /** Resolves with the row once the run has finished. */
  finished(runId: string, timeoutMs?: number): Promise<RunRow>;
  /** The run's state folded from its log in the database. */
  state(runId: string): Promise<RunState>;
  /** A new engine over the same database (what a reload or a new leader does); the old one is disposed. */
  restart(executor?: StepExecutor): Promise<WorkflowEngine>;
  close(): Promise<void>;
}

/** Opens a scratch database and an engine on it. */
export async function engineFixture(
  executor: StepExecutor,
  options: { clock?: Clock; maxConcurrentSteps?: number; random?: () => number } = {},
): Promise<EngineFixture> {
  const name = uniqueName('engine');
  const status = await openDatabase({ name, log: new Logger() });
  const db = status.db!;
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 5, 9));
  const make = (ex: StepExecutor) =>
    new WorkflowEngine({
      db,
      clock,
      executor: ex,
      log: new Logger(),
      maxConcurrentSteps: options.maxConcurrentSteps,
      random: options.random ?? (() => 0.5),
    });
  const fixture: EngineFixture = {
    db,
    clock,
    engine: make(executor),
    executor,
    async start(workflow, inputs = {}) {
      const { runId } = await createRun(db, clock, workflow, inputs, {
        principal: 'module:console',
        trigger: 'manual',
      });
      await fixture.engine.wake(runId);
      return runId;
    },
    async finished(runId, timeoutMs = 5000) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        await fixture.engine.settled(runId);
        await fixture.engine.log.flush();
        const row = await db.runs.get(runId);
        if (row && ['succeeded', 'failed', 'cancelled'].includes(row.status)) return row;
        if (performance.now() > until) throw new Error(`run ${runId} still ${row?.status} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async state(runId) {
      await fixture.engine.log.flush();
      const events = await db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray();
      return foldRun(events)!;
    },
    async restart(ex = fixture.executor) {
      await fixture.engine.dispose();
      fixture.engine = make(ex);
      fixture.executor = ex;
      await fixture.engine.start();
      return fixture.engine;
    },
    async close() {
      await fixture.engine.dispose();
      db.close();
      await Dexie.delete(name);
    },
  };
  await fixture.engine.start();
  return fixture;
}

/** Resolves after pending promise callbacks and one macrotask (a batch commit) have run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

/** Waits until `check` is true, polling on real time (IndexedDB answers asynchronously). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
