/**
 * The workflow module's services, wired once per platform after the database opened: saved workflows and templates
 * (store), runs (runs), the `workflow.run` capability, and the orchestrator, which joins the leader election and,
 * in the tab that wins, runs the engine in its worker. Views reach them through workflowServices(platform); outside
 * agents through `document.querySelector('comet-app').platform` and this function.
 */
import { errorMessage } from '../../../core/errors.js';
import type { CometDB } from '../../../db/db.js';
import type { Platform } from '../../../ui/platform.js';
import { supervisorServices, type SupervisorServices } from '../../supervisor/supervisor-services.js';
import { hostExecutor } from './host-executor.js';
import { Orchestrator } from './orchestrator.js';
import { DexieRunClient } from './run-client.js';
import { workflowRunCapability } from './workflow-run-capability.js';
import { DexieWorkflowStore } from './workflow-store.js';

/** What the workflow views (and agents) use. */
export interface WorkflowServices {
  store: DexieWorkflowStore;
  runs: DexieRunClient;
  /** Where the engine runs (this tab leads, another does, or it is unavailable). */
  status: Orchestrator;
  supervisor: SupervisorServices;
  db: CometDB;
  /** Leaves the election and unregisters (tests; the real page just goes away). */
  dispose(): Promise<void>;
}

const created = new WeakMap<Platform, Promise<WorkflowServices>>();

/** Creates the services once per platform; later calls return the same promise (a failed start is retried). */
export function workflowServices(platform: Platform): Promise<WorkflowServices> {
  let services = created.get(platform);
  if (!services) {
    services = open(platform);
    created.set(platform, services);
    services.catch(() => created.delete(platform));
  }
  return services;
}

async function open(platform: Platform): Promise<WorkflowServices> {
  const supervisor = await supervisorServices(platform);
  const db = platform.db!; // supervisorServices rejects when the database is not open
  const { bus, log } = platform;
  const { capabilities, clock } = supervisor;
  const store = new DexieWorkflowStore({ db, bus, clock, capabilities });
  await store.ready;
  const runs = new DexieRunClient({
    db,
    bus,
    clock,
    store,
    checks: () => ({ capabilities: (name) => capabilities.has(name) }),
    principal: supervisor.user.id,
  });
  const unregister = capabilities.register(workflowRunCapability(db, runs, log));
  const orchestrator = new Orchestrator({ dbName: platform.dbName, bus, executor: hostExecutor(supervisor), log });
  // A run stopped by a full disk is said where the user looks, whatever view is open.
  const unhalted = bus.subscribe('workflow.run.halted', ({ message }) =>
    platform.toasts.show({ variant: 'danger', title: 'A workflow run stopped', message }),
  );
  orchestrator
    .start()
    .catch((error: unknown) => log.error('workflows', `Leader election failed: ${errorMessage(error)}`));
  return {
    store,
    runs,
    status: orchestrator,
    supervisor,
    db,
    async dispose() {
      await orchestrator.stop();
      unhalted();
      unregister();
      created.delete(platform);
    },
  };
}
