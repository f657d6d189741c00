/**
 * Which tab runs the workflow engine. Every tab asks for one Web Lock; the browser grants it to one tab at a time,
 * and the moment that tab closes (or crashes) the next tab in line gets it. The holder starts the orchestrator
 * worker, and holds the lock until it stops; the others are followers and see runs through the database and bus.
 */
import type { EventBus } from '../../../core/bus.js';
import { errorMessage } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { log as defaultLog, type Logger } from '../../../core/log.js';
import { proxy, spawnWorker, type WorkerHandle } from '../../../core/rpc.js';
import type { StepExecutor } from '../engine/active-run.js';
import type { OrchestratorApi } from '../../../../workers/orchestrator.worker.js';
import type { OrchestratorStatus } from './types.js';

/** What an Orchestrator needs. */
export interface OrchestratorDeps {
  dbName: string;
  /** The page's bus: the worker's bus is joined to it (and through it to the other tabs). */
  bus: EventBus;
  /** Runs the engine's capability calls (in the page, where the supervisor lives). */
  executor: StepExecutor;
  log?: Logger;
  /** The browser's lock manager (tests pass their own; absent in old browsers: this tab then simply leads). */
  locks?: LockManager;
}

/** Starts the engine in this tab when it wins the lock, and reports where the engine runs. */
export class Orchestrator {
  readonly tabId = newId();
  readonly #deps: OrchestratorDeps;
  readonly #log: Logger;
  readonly #listeners = new Set<(status: OrchestratorStatus) => void>();
  #status: OrchestratorStatus = { role: 'starting' };
  #worker?: WorkerHandle<OrchestratorApi>;
  #unbus?: () => void;
  readonly #abort = new AbortController();
  #release?: () => void;

  constructor(deps: OrchestratorDeps) {
    this.#deps = deps;
    this.#log = deps.log ?? defaultLog;
  }

  get(): OrchestratorStatus {
    return this.#status;
  }

  subscribe(listener: (status: OrchestratorStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Joins the election; resolves once this tab leads or follows. */
  async start(): Promise<void> {
    const locks = this.#deps.locks ?? (typeof navigator === 'undefined' ? undefined : navigator.locks);
    if (!locks) {
      await this.#lead();
      return;
    }
    const name = `comet-orchestrator:${this.#deps.dbName}`;
    let granted = false;
    locks
      .request(name, { signal: this.#abort.signal }, async () => {
        granted = true;
        // An engine that could not start gives the lock up at once, so a healthy tab can lead.
        if (!(await this.#lead())) return;
        // Hold the lock while this tab lives (or until stop()).
        await new Promise<void>((resolve) => (this.#release = resolve));
        await this.#unlead();
      })
      .catch((error: unknown) => {
        if (!this.#abort.signal.aborted) this.#set({ role: 'unavailable', reason: errorMessage(error) });
      });
    const state = await locks.query();
    if (!granted && state.held?.some((lock) => lock.name === name) && this.#status.role === 'starting') {
      this.#set({ role: 'follower' });
    }
  }

  /** Wakes the engine (in this tab if it leads; through the bus otherwise). */
  wake(runId?: string): void {
    this.#deps.bus.publish('workflow.engine.wake', runId === undefined ? {} : { runId });
  }

  /** The armed schedules (only the leader knows them). */
  async schedules(): Promise<Awaited<ReturnType<OrchestratorApi['schedules']>>> {
    return this.#worker ? await this.#worker.api.schedules() : [];
  }

  /** Leaves the election; if this tab leads, the engine stops and the next tab takes over. */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#release?.();
    await this.#unlead();
  }

  /** Starts the engine worker; false (with the status saying why) when it could not. */
  async #lead(): Promise<boolean> {
    const worker = spawnWorker<OrchestratorApi>('orchestrator', new URL('./orchestrator.worker.js', import.meta.url));
    this.#worker = worker;
    try {
      await worker.ready;
      if (worker.worker) this.#unbus = this.#deps.bus.connectPort(worker.worker);
      await worker.api.start({ dbName: this.#deps.dbName }, proxy(this.#deps.executor));
      this.#set({ role: 'leader' });
      this.#deps.bus.publish('workflow.engine.leader', { tabId: this.tabId, state: 'leading' });
      return true;
    } catch (error) {
      this.#log.error('workflows', `The workflow engine could not start: ${errorMessage(error)}`, { error });
      this.#set({ role: 'unavailable', reason: errorMessage(error) });
      await this.#unlead();
      return false;
    }
  }

  async #unlead(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    await worker.api
      .stop()
      .catch((error: unknown) => this.#log.warn('workflows', `Stopping the engine: ${errorMessage(error)}`));
    this.#unbus?.();
    worker.terminate();
    this.#deps.bus.publish('workflow.engine.leader', { tabId: this.tabId, state: 'stopped' });
  }

  #set(status: OrchestratorStatus): void {
    this.#status = status;
    for (const listener of this.#listeners) listener(status);
  }
}
