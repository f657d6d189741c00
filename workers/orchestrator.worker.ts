// The workflow engine's worker: started only in the leader tab (services/orchestrator.ts holds the Web Lock).
// Capability calls go back to the page that started it (the executor it passes), where the supervisor lives.
import { EventBus } from '../src/core/bus.js';
import { exposeWorker } from '../src/core/rpc.js';
import type { StepExecutor } from '../src/modules/workflows/engine/active-run.js';
import { OrchestratorCore, type OrchestratorOptions } from '../src/modules/workflows/engine/orchestrator-core.js';

let core: OrchestratorCore | undefined;
// The bus travels over the same port as the calls; the page's bus relays it to the other tabs.
const bus = new EventBus();
bus.connectPort(self as unknown as DedicatedWorkerGlobalScope);

const api = {
  /** Opens the database and starts the engine and triggers; capability calls go to `executor`. */
  async start(options: OrchestratorOptions, executor: StepExecutor): Promise<void> {
    // A Comlink proxy of the page's executor: its invoke() is a call back to the page.
    core ??= await OrchestratorCore.open(options, executor, { bus });
  },
  /** Looks at the database for new runs and control requests. */
  async wake(runId?: string): Promise<void> {
    await core?.engine.wake(runId);
  },
  /** The armed schedule triggers with their next fire times. */
  schedules() {
    return core?.schedules() ?? [];
  },
  /** Ids of the runs the engine drives now. */
  activeRuns(): string[] {
    return core?.engine.activeRuns() ?? [];
  },
  /** Stops (the lock is being given up); unfinished runs continue in the next leader. */
  async stop(): Promise<void> {
    await core?.close();
    core = undefined;
  },
};

/** The orchestrator worker's API, for spawnWorker<OrchestratorApi>. */
export type OrchestratorApi = typeof api;

exposeWorker(api);
