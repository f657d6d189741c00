// A real platform (its own database and bus) with a workflow engine on it driven by a scripted executor and a
// ManualClock, the run client the views use, and the element under test mounted inside a platform provider. Commands
// reach the engine as in the app: the client writes the database and publishes 'workflow.engine.wake'.
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { ManualClock } from '../../../src/core/clock.js';
import { Logger } from '../../../src/core/log.js';
import type { CometDB } from '../../../src/db/db.js';
import { supervisorServices, type SupervisorServices } from '../../../src/modules/supervisor/supervisor-services.js';
import type { RunViewServices } from '../../../src/modules/workflows/comet-workflow-run.js';
import { WorkflowEngine } from '../../../src/modules/workflows/engine/engine.js';
import type { WorkflowDefinition, WorkflowStep } from '../../../src/modules/workflows/model/types.js';
import { DexieRunClient } from '../../../src/modules/workflows/services/run-client.js';
import type { Platform } from '../../../src/ui/platform.js';
import { deleteDatabase, setUpTheme, testPlatform } from '../../ui/helpers.js';
import { ScriptedExecutor, type Script } from './engine/engine-fixture.js';

/** A Monday, 09:00 UTC. */
export const START = Date.UTC(2026, 0, 5, 9);

/** What a run view test works with. */
export interface RunViewFixture {
  platform: Platform;
  db: CometDB;
  clock: ManualClock;
  executor: ScriptedExecutor;
  engine: WorkflowEngine;
  runs: DexieRunClient;
  services: RunViewServices;
  /** The supervisor's services, when asked for: approval prompts on the platform's bus. */
  supervisor: SupervisorServices | undefined;
  /** Renders `template` inside a provider of the platform; returns the first element of `tag`. */
  mount<K extends keyof HTMLElementTagNameMap>(tag: K, template: TemplateResult): Promise<HTMLElementTagNameMap[K]>;
  close(): Promise<void>;
}

/** A workflow of `steps` (id 'test-flow'). */
export const workflow = (steps: WorkflowStep[], extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition => ({
  id: 'test-flow',
  name: 'Test flow',
  steps,
  ...extra,
});

/** A promise with its resolve function outside, for steps that finish when the test says. */
export function gate<T = unknown>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/** Sets up the platform, the engine and the run client; call close() after the test. */
export async function runViewFixture(
  scripts: Record<string, Script>,
  options: { supervisor?: boolean } = {},
): Promise<RunViewFixture> {
  setUpTheme();
  const platform = testPlatform();
  await platform.ready;
  const db = platform.db!;
  const clock = new ManualClock(START);
  const supervisor = options.supervisor ? await supervisorServices(platform, { clock }) : undefined;
  const executor = new ScriptedExecutor(scripts);
  const engine = new WorkflowEngine({ db, clock, executor, bus: platform.bus, log: new Logger(), random: () => 0.5 });
  await engine.start();
  const off = platform.bus.subscribe('workflow.engine.wake', ({ runId }) => void engine.wake(runId));
  const runs = new DexieRunClient({
    db,
    bus: platform.bus,
    clock,
    store: { get: () => Promise.resolve(undefined) },
    checks: () => ({}),
    principal: 'module:console',
  });
  return {
    platform,
    db,
    clock,
    executor,
    engine,
    runs,
    services: { db, runs, ...(supervisor ? { supervisor } : {}) },
    supervisor,
    async mount(tag, template) {
      const provider = await fixture(
        html`<comet-test-provider .platform=${platform}>${template}</comet-test-provider>`,
      );
      const element = provider.querySelector(tag)!;
      await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
      return element;
    },
    async close() {
      off();
      await engine.dispose();
      supervisor?.dispose();
      platform.dispose();
      await platform.ready;
      await deleteDatabase(platform.dbName);
    },
  };
}
