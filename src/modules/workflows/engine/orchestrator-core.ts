/**
 * Everything the orchestrator worker runs, wired together: the database, the engine, the schedule and event
 * triggers, on the bus it is given (in the worker: joined to the page's bus, which relays to the other tabs).
 */
import type { EventBus } from '../../../core/bus.js';
import { systemClock, type Clock } from '../../../core/clock.js';
import { CometError } from '../../../core/errors.js';
import { log as defaultLog, type Logger } from '../../../core/log.js';
import type { CometDB } from '../../../db/db.js';
import { openDatabase } from '../../../db/open.js';
import type { StepExecutor } from './active-run.js';
import { createRun } from './create-run.js';
import { WorkflowEngine } from './engine.js';
import { TriggerRunner, type ArmedSchedule } from './triggers.js';
import { triggerStateTable } from './triggers-state.js';

/** How the page starts the orchestrator. */
export interface OrchestratorOptions {
  dbName: string;
  /** Steps of all runs at once. */
  maxConcurrentSteps?: number;
}

/** The running orchestrator: the engine plus its triggers. */
export class OrchestratorCore {
  readonly engine: WorkflowEngine;
  readonly triggers: TriggerRunner;
  readonly #db: CometDB;
  readonly #offs: (() => void)[] = [];

  private constructor(
    db: CometDB,
    bus: EventBus,
    executor: StepExecutor,
    clock: Clock,
    log: Logger,
    options: OrchestratorOptions,
  ) {
    this.#db = db;
    this.engine = new WorkflowEngine({ db, executor, clock, bus, log, maxConcurrentSteps: options.maxConcurrentSteps });
    this.triggers = new TriggerRunner({
      clock,
      bus,
      log,
      state: triggerStateTable(db.triggerState),
      start: async (workflowId, inputs, origin) => {
        const row = await db.workflows.get(workflowId);
        if (!row) throw new CometError('workflow-unknown', { id: workflowId });
        const { runId } = await createRun(db, clock, row.definition, inputs, origin);
        await this.engine.wake(runId);
        return runId;
      },
    });
    this.#offs.push(
      bus.subscribe('workflow.engine.wake', ({ runId }) => void this.engine.wake(runId)),
      bus.subscribe('workflow.definitions.changed', () => void this.#loadTriggers()),
    );
  }

  /** Opens the database and starts the engine (adopting unfinished runs) and the triggers. */
  static async open(
    options: OrchestratorOptions,
    executor: StepExecutor,
    deps: { bus: EventBus; clock?: Clock; log?: Logger },
  ): Promise<OrchestratorCore> {
    const log = deps.log ?? defaultLog;
    const status = await openDatabase({ name: options.dbName, log });
    if (!status.db) {
      throw new CometError('orchestrator-unavailable', {
        reason: status.error?.message ?? 'the database did not open',
      });
    }
    const core = new OrchestratorCore(status.db, deps.bus, executor, deps.clock ?? systemClock, log, options);
    await core.engine.start();
    await core.#loadTriggers();
    return core;
  }

  /** The armed schedules (next fire times), for the views. */
  schedules(): ArmedSchedule[] {
    return this.triggers.armed();
  }

  async #loadTriggers(): Promise<void> {
    const rows = await this.#db.workflows.where('kind').equals('workflow').toArray();
    await this.triggers.load(rows.map((r) => r.definition));
  }

  /** Stops without recording anything: the next leader continues every run from its log. */
  async close(): Promise<void> {
    this.#offs.forEach((off) => off());
    this.triggers.dispose();
    await this.engine.dispose();
    this.#db.close();
  }
}
