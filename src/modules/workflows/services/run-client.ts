/**
 * Starts and steers runs from any tab. Every command is a database write first (a new queued run, or a request in
 * the run's `control` field), then a wake-up on the bus: the leader tab's engine carries it out, and if no tab leads
 * at that moment the next leader finds it in the database. So a command is never lost with a tab.
 */
import type { EventBus } from '../../../core/bus.js';
import type { Clock } from '../../../core/clock.js';
import { CometError } from '../../../core/errors.js';
import type { CometDB } from '../../../db/db.js';
import { createRun } from '../engine/create-run.js';
import { foldRun } from '../engine/run-state.js';
import type { RunEvent, RunOrigin, RunRow, RunState } from '../engine/run-types.js';
import { downstreamOf } from '../model/graph.js';
import { assertValidWorkflow, type WorkflowCheckOptions } from '../model/validate.js';
import type { WorkflowDefinition } from '../model/types.js';
import { checkRunInputs } from './run-inputs.js';
import { readRunFile, RUN_FILE_FORMAT, type RunFile } from './run-file.js';
import type { RunClient, WorkflowStore } from './types.js';

/** What a RunClient needs. */
export interface RunClientDeps {
  db: CometDB;
  bus: Pick<EventBus, 'publish' | 'subscribe'>;
  clock: Clock;
  store: Pick<WorkflowStore, 'get'>;
  /** What validation knows: the registered capabilities and saved workflows. */
  checks: () => WorkflowCheckOptions;
  /** The principal commands are made as (a person: 'module:console'). */
  principal: string;
}

const FINISHED: RunRow['status'][] = ['succeeded', 'failed', 'cancelled'];
const CONTROL_WORDS = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const;
/** How often waitFor looks at the database besides the bus (a leader that changed tabs between two messages). */
const WAIT_POLL_MS = 2000;

export class DexieRunClient implements RunClient {
  readonly #deps: RunClientDeps;

  constructor(deps: RunClientDeps) {
    this.#deps = deps;
  }

  async start(
    workflow: string | WorkflowDefinition,
    inputs: Record<string, unknown> = {},
    origin: Partial<RunOrigin> = {},
    options: { parentRunId?: string; idempotencyKey?: string } = {},
  ): Promise<string> {
    const definition = typeof workflow === 'string' ? await this.#saved(workflow) : workflow;
    assertValidWorkflow(definition, this.#deps.checks());
    const filled = checkRunInputs(definition, inputs);
    const { db, clock } = this.#deps;
    const { runId } = await createRun(
      db,
      clock,
      definition,
      filled,
      { principal: this.#deps.principal, trigger: 'manual', ...origin },
      options,
    );
    this.#wake(runId);
    return runId;
  }

  pause(runId: string): Promise<void> {
    return this.#control(runId, 'pause', ['queued', 'running']);
  }

  /** Resumes a paused run, or one the engine stopped because its log could not be written (it is still 'running'). */
  resume(runId: string): Promise<void> {
    return this.#control(runId, 'resume', ['paused', 'running']);
  }

  cancel(runId: string): Promise<void> {
    return this.#control(runId, 'cancel', ['queued', 'running', 'paused']);
  }

  async rerun(runId: string, stepId: string): Promise<string> {
    const state = await this.#state(runId);
    const refuse = (reason: string) => new CometError('run-not-allowed', { id: runId, action: 're-run', reason });
    if (!FINISHED.includes(state.status)) throw refuse('it is still running; cancel it first');
    if (!state.steps[stepId]) throw refuse(`it has no step ${stepId}`);
    const again = downstreamOf(state.workflow, stepId);
    const copied = Object.values(state.steps)
      .filter((s) => s.status === 'succeeded' && !again.has(s.stepId))
      .map((s) => ({
        type: 'step.copied' as const,
        time: this.#deps.clock.now(),
        stepId: s.stepId,
        output: s.output,
        fromRunId: runId,
      }));
    const { runId: id } = await createRun(
      this.#deps.db,
      this.#deps.clock,
      state.workflow,
      state.inputs,
      { principal: this.#deps.principal, trigger: 'rerun', detail: `from step ${stepId} of run ${runId}` },
      { rerunOf: { runId, stepId }, extraEvents: copied },
    );
    this.#wake(id);
    return id;
  }

  async exportRun(runId: string): Promise<string> {
    const { db } = this.#deps;
    const [run, events] = await db.transaction('r', db.runs, db.runEvents, () =>
      Promise.all([db.runs.get(runId), this.#events(runId)]),
    );
    if (!run) throw new CometError('run-unknown', { id: runId });
    const { control: _control, ...row } = run;
    const file: RunFile = {
      format: RUN_FILE_FORMAT,
      exportedAt: new Date(this.#deps.clock.now()).toISOString(),
      run: row,
      events,
    };
    return JSON.stringify(file, null, 2);
  }

  async importRun(text: string): Promise<string> {
    const { run, events, state } = readRunFile(text, this.#deps.checks());
    const { db } = this.#deps;
    await db.transaction('rw', db.runs, db.runEvents, async () => {
      if (await db.runs.get(run.id)) {
        throw new CometError('run-file-invalid', {
          reason: `Run ${run.id} is already here; delete it first to load it again.`,
        });
      }
      if (
        run.idempotencyKey !== undefined &&
        (await db.runs.where('idempotencyKey').equals(run.idempotencyKey).count())
      ) {
        throw new CometError('run-file-invalid', { reason: 'A run started by the same step is already here.' });
      }
      await db.runs.add({ ...run, status: state.status, lastSeq: state.lastSeq });
      await db.runEvents.bulkAdd(events);
    });
    this.#wake(run.id);
    return run.id;
  }

  waitFor(runId: string, signal?: AbortSignal): Promise<RunRow> {
    const { db, bus } = this.#deps;
    const { clock } = this.#deps;
    return new Promise((resolve, reject) => {
      let done = false;
      let poll = 0;
      const finish = (settle: () => void) => {
        if (done) return;
        done = true;
        off();
        clock.clearTimeout(poll);
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const fail = (error: unknown) =>
        finish(() =>
          reject(error instanceof Error ? error : new CometError('aborted', { what: `Waiting for run ${runId}` })),
        );
      const check = () =>
        db.runs.get(runId).then((row) => {
          if (!row) throw new CometError('run-unknown', { id: runId });
          if (FINISHED.includes(row.status)) finish(() => resolve(row));
        });
      const arm = () => {
        if (!done) poll = clock.setTimeout(() => void check().then(arm, fail), WAIT_POLL_MS);
      };
      const off = bus.subscribe('workflow.run.changed', (change) => {
        if (change.runId === runId) check().catch(fail);
      });
      const onAbort = () => fail(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      check().then(arm, fail);
    });
  }

  async deleteRuns(runIds: string[]): Promise<void> {
    const { db } = this.#deps;
    await db.transaction('rw', db.runs, db.runEvents, async () => {
      const rows = await db.runs.bulkGet(runIds);
      const running = rows.find((r) => r && !FINISHED.includes(r.status));
      if (running) {
        throw new CometError('run-not-allowed', {
          id: running.id,
          action: 'deleted',
          reason: 'it has not finished; cancel it first',
        });
      }
      for (const id of runIds) await db.runEvents.where('[runId+seq]').between([id, 0], [id, Infinity]).delete();
      await db.runs.bulkDelete(runIds);
    });
  }

  async #saved(id: string): Promise<WorkflowDefinition> {
    const definition = await this.#deps.store.get(id);
    if (!definition) throw new CometError('workflow-unknown', { id });
    return definition;
  }

  #events(runId: string): Promise<RunEvent[]> {
    return this.#deps.db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray();
  }

  async #state(runId: string): Promise<RunState> {
    const state = foldRun(await this.#events(runId));
    if (!state) throw new CometError('run-unknown', { id: runId });
    return state;
  }

  /** Writes the request into the run's row (only in a status where it means something) and wakes the engine. */
  async #control(runId: string, control: NonNullable<RunRow['control']>, allowed: RunRow['status'][]): Promise<void> {
    const { db } = this.#deps;
    await db.transaction('rw', db.runs, async () => {
      const row = await db.runs.get(runId);
      if (!row) throw new CometError('run-unknown', { id: runId });
      if (!allowed.includes(row.status)) {
        throw new CometError('run-not-allowed', {
          id: runId,
          action: CONTROL_WORDS[control],
          reason: `it is ${row.status}`,
        });
      }
      await db.runs.update(runId, { control });
    });
    this.#wake(runId);
  }

  #wake(runId: string): void {
    this.#deps.bus.publish('workflow.engine.wake', { runId });
  }
}
