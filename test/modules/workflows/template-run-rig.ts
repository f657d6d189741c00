// The whole orchestrator for running the built-in templates: a real platform, the engine in its worker (elected by a
// Web Lock), every step a capability call through the page's supervisor — and helpers to install a template with
// exactly the grants it declares, pointed at a namespace of the test server's /__test__/ routes.
import { waitUntil } from '@open-wc/testing';
import type { PendingApproval } from '../../../src/core/supervisor/index.js';
import { foldRun } from '../../../src/modules/workflows/engine/run-state.js';
import type { RunEvent, RunRow, RunState } from '../../../src/modules/workflows/engine/run-types.js';
import type { WorkflowTemplate } from '../../../src/modules/workflows/services/types.js';
import { workflowServices, type WorkflowServices } from '../../../src/modules/workflows/services/workflow-services.js';
import type { Platform } from '../../../src/ui/platform.js';
import { deleteDatabase, testPlatform, uniqueName } from '../../ui/helpers.js';

/** A finished run: its summary row, its log and the state folded from it. */
export interface FinishedRun {
  row: RunRow;
  events: RunEvent[];
  state: RunState;
}

/** A namespace of the test routes: `base` is what a template's baseUrl input gets. */
export interface TestServer {
  ns: string;
  /** `${origin}/__test__/ns/<ns>` */
  base: string;
  /** GET base + path, as JSON. */
  get<T = Record<string, unknown>>(path: string): Promise<T>;
}

/** What the record route says about the POSTs it saw. */
export interface Recorded {
  unique: number;
  total: number;
  keys: (string | null)[];
  bodies: unknown[];
}

export interface TemplateRunRig {
  platform: Platform;
  services: WorkflowServices;
  /** A fresh namespace of the test server. */
  server(): TestServer;
  /**
   * Saves the template and grants its principal exactly the scopes the template declares, with each net scope of an
   * example host (an input's default address) narrowed to the given test namespaces.
   */
  install(template: WorkflowTemplate, ...servers: TestServer[]): Promise<void>;
  /** Starts a run by hand and resolves once it has finished. */
  run(workflowId: string, inputs?: Record<string, unknown>): Promise<FinishedRun>;
  /** Resolves with the first approval prompt of `principal` (now or later). */
  prompt(principal: string): Promise<PendingApproval>;
  close(): Promise<void>;
}

/** Starts the platform and waits until this page runs the engine. */
export async function templateRunRig(): Promise<TemplateRunRig> {
  const platform: Platform = testPlatform();
  await platform.ready;
  const services = await workflowServices(platform);
  await waitUntil(() => services.status.get().role === 'leader', 'the engine never started', { timeout: 10_000 });
  const { supervisor } = services.supervisor;
  return {
    platform,
    services,
    server() {
      const ns = uniqueName('tpl');
      const base = `${location.origin}/__test__/ns/${ns}`;
      return {
        ns,
        base,
        get: async <T>(path: string) => (await (await fetch(`${base}${path}`, { cache: 'no-store' })).json()) as T,
      };
    },
    async install(template, ...servers) {
      await services.store.save(template.workflow);
      const principal = `workflow:${template.workflow.id}`;
      for (const scope of localGrants(template, servers))
        await supervisor.grants.add({ principal, scope, note: `templates.test: ${template.workflow.id}` });
    },
    async run(workflowId, inputs = {}) {
      const runId = await services.runs.start(workflowId, inputs);
      const row = await services.runs.waitFor(runId);
      const events = await services.db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray();
      return { row, events, state: foldRun(events)! };
    },
    prompt(principal) {
      return new Promise((resolve) => {
        const stop = supervisor.approvals.subscribe((pending) => {
          const found = pending.find((p) => p.principal === principal);
          if (!found) return;
          queueMicrotask(() => stop());
          resolve(found);
        });
      });
    },
    async close() {
      await services.dispose();
      services.supervisor.dispose();
      platform.dispose();
      await deleteDatabase(platform.dbName);
    },
  };
}

/**
 * The template's declared grants as the test gives them: a net scope for an example host must be the whole-host scope
 * of an address input's default (so the grant follows the input), and becomes one per test namespace; others stay.
 */
export function localGrants(template: WorkflowTemplate, servers: TestServer[]): string[] {
  const properties =
    (template.workflow.inputs as { properties?: Record<string, { default?: unknown }> } | undefined)?.properties ?? {};
  const inputHosts = new Set(
    Object.values(properties)
      .map((p) => p.default)
      .filter((d): d is string => typeof d === 'string' && URL.canParse(d))
      .map((d) => `net:${new URL(d).origin}/*`),
  );
  return (template.grants ?? []).flatMap((scope) => {
    if (!scope.startsWith('net:')) return [scope];
    if (!inputHosts.has(scope))
      throw new Error(`${template.workflow.id} declares ${scope}, which is not the host of an address input`);
    return servers.map((s) => `net:${s.base}/*`);
  });
}

/** The events of one step (and fan-out item), of a type. */
export function stepEvents<T extends RunEvent['type']>(
  run: FinishedRun,
  stepId: string,
  type: T,
): Extract<RunEvent, { type: T }>[] {
  return run.events.filter(
    (e): e is Extract<RunEvent, { type: T }> => e.type === type && 'stepId' in e && e.stepId === stepId,
  );
}
