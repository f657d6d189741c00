/**
 * The engine's own cost per step (issue 5), with persistence on: every event goes to IndexedDB as in the app, and
 * the steps are no-ops (an executor that answers at once), so what is measured is scheduling, reference
 * resolution, the event log and its commits.
 *   chain-100  100 sequential steps (target: under 3 ms/step; at most one commit per step)
 *   dag-1000   1,000 steps in 50 parallel chains of 20 (fan-out 50; target: under 0.5 ms/step, completions batched)
 * Peers, measured in the same run: the floor of "one commit per step" (idb-commit-per-step-100: 100 sequential
 * IndexedDB transactions of one event row each) and of "everything in one commit" (idb-one-commit-1000).
 * chain-100-supervised adds what a real step costs around the engine: each no-op is a capability call through the
 * supervisor with its two hash-chained audit entries.
 */
import { AuditLog } from '../src/core/audit/index.js';
import { CapabilityHost, CapabilityRegistry } from '../src/core/capabilities/index.js';
import { systemClock } from '../src/core/clock.js';
import { Logger } from '../src/core/log.js';
import { PrincipalRegistry, Supervisor } from '../src/core/supervisor/index.js';
import { CometDB } from '../src/db/db.js';
import type { StepExecutor } from '../src/modules/workflows/engine/active-run.js';
import { createRun } from '../src/modules/workflows/engine/create-run.js';
import { WorkflowEngine } from '../src/modules/workflows/engine/engine.js';
import type { WorkflowDefinition, WorkflowStep } from '../src/modules/workflows/model/types.js';
import { measure } from './harness.js';

const log = new Logger();
const db = new CometDB(`bench-workflows-${Date.now()}`);
await db.open();

const noop: StepExecutor = { invoke: () => Promise.resolve({ ok: true }) };

/** Runs `workflow` to the end on `engine`; resolves when its last event is durable. */
async function runToEnd(engine: WorkflowEngine, workflow: WorkflowDefinition): Promise<void> {
  const { runId } = await createRun(db, systemClock, workflow, {}, { principal: 'module:bench', trigger: 'manual' });
  await engine.wake(runId);
  await engine.settled(runId);
  await engine.log.flush();
  const row = await db.runs.get(runId);
  if (row?.status !== 'succeeded') throw new Error(`run ${runId} ended ${row?.status}: ${row?.error?.message}`);
}

const chain = (n: number): WorkflowStep[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    capability: 'bench.noop',
    input: i === 0 ? { n: 0 } : { previous: `{{steps.s${i - 1}.output.ok}}` },
  }));

const dag = (width: number, depth: number): WorkflowStep[] =>
  Array.from({ length: width * depth }, (_, k) => {
    const layer = Math.floor(k / width);
    const lane = k % width;
    return {
      id: `l${layer}-${lane}`,
      capability: 'bench.noop',
      input: layer === 0 ? { lane } : { previous: `{{steps.l${layer - 1}-${lane}.output.ok}}` },
    };
  });

const engine = new WorkflowEngine({ db, executor: noop, log, maxConcurrentSteps: 64 });
const chain100: WorkflowDefinition = { id: 'chain', name: 'Chain', steps: chain(100) };
const dag1000: WorkflowDefinition = { id: 'dag', name: 'DAG', steps: dag(50, 20), maxParallel: 50 };

await measure('chain-100', () => runToEnd(engine, chain100).then(() => undefined), {
  samples: 15,
  warmup: 3,
  per: 100,
  peer: 'idb-commit-per-step-100',
});
await measure(
  'idb-commit-per-step-100',
  async () => {
    const runId = crypto.randomUUID();
    for (let seq = 1; seq <= 100; seq++) {
      await db.transaction('rw', db.runEvents, () =>
        db.runEvents.add({
          runId,
          seq,
          time: Date.now(),
          type: 'step.succeeded',
          stepId: `s${seq}`,
          attempt: 1,
          output: { ok: true },
          durationMs: 0,
        }),
      );
    }
  },
  { samples: 15, warmup: 3, per: 100 },
);
await measure('dag-1000', () => runToEnd(engine, dag1000).then(() => undefined), {
  samples: 8,
  warmup: 2,
  per: 1000,
  peer: 'idb-one-commit-1000',
});
await measure(
  'idb-one-commit-1000',
  async () => {
    const runId = crypto.randomUUID();
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      runId,
      seq: i + 1,
      time: Date.now(),
      type: 'step.succeeded' as const,
      stepId: `s${i}`,
      attempt: 1,
      output: { ok: true },
      durationMs: 0,
    }));
    await db.transaction('rw', db.runEvents, () => db.runEvents.bulkAdd(rows));
  },
  { samples: 8, warmup: 2, per: 1000 },
);

// The same chain with every step a supervised capability call (decided, audited twice, run).
{
  const principals = new PrincipalRegistry();
  const supervisor = await Supervisor.open({ db, clock: systemClock, principals, log });
  const audit = new AuditLog({ db, clock: systemClock, log });
  const registry = new CapabilityRegistry();
  registry.register({
    name: 'bench.noop',
    description: 'Does nothing.',
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object' },
    sideEffects: false,
    scopes: () => [],
    run: () => Promise.resolve({ ok: true }),
  });
  const host = new CapabilityHost({ registry, supervisor, audit, clock: systemClock, log });
  const principal = principals.issue('workflow', 'chain');
  const supervised: StepExecutor = {
    invoke: (call, signal) => host.invoke(principal, call.capability, call.input, { ...call, signal }),
  };
  const supervisedEngine = new WorkflowEngine({ db, executor: supervised, log });
  await measure('chain-100-supervised', () => runToEnd(supervisedEngine, chain100).then(() => undefined), {
    samples: 8,
    warmup: 2,
    per: 100,
    peer: 'chain-100',
  });
}
