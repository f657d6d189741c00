/**
 * Creates a run: its summary row and the first event of its log (run.created, holding the workflow as it is now and
 * the inputs), in one transaction. Any tab may do it; the leader's engine adopts the run when woken. A start retried
 * with the same idempotency key (a sub-workflow step replayed after a reload) finds the run it created before.
 */
import { newId } from '../../../core/ids.js';
import type { Clock } from '../../../core/clock.js';
import type { CometDB } from '../../../db/db.js';
import type { WorkflowDefinition } from '../model/types.js';
import type { RunEvent, RunOrigin, RunRow } from './run-types.js';

/** Options of createRun. */
export interface CreateRunOptions {
  parentRunId?: string;
  idempotencyKey?: string;
  rerunOf?: RunRow['rerunOf'];
  /** Events to append after run.created (outputs copied by a re-run). */
  extraEvents?: Omit<RunEvent, 'runId' | 'seq'>[];
}

/** The principal a workflow's capability calls are made as. */
export const workflowPrincipal = (workflowId: string) => `workflow:${workflowId}`;

/** Writes a new queued run (or finds the one with the same idempotency key); resolves with its id. */
export async function createRun(
  db: CometDB,
  clock: Clock,
  workflow: WorkflowDefinition,
  inputs: Record<string, unknown>,
  origin: RunOrigin,
  options: CreateRunOptions = {},
): Promise<{ runId: string; created: boolean }> {
  return db.transaction('rw', db.runs, db.runEvents, async () => {
    if (options.idempotencyKey !== undefined) {
      const existing = await db.runs.where('idempotencyKey').equals(options.idempotencyKey).first();
      if (existing) return { runId: existing.id, created: false };
    }
    const runId = newId();
    const time = clock.now();
    const principal = workflowPrincipal(workflow.id);
    const events = [
      { type: 'run.created', time, workflow, inputs, origin, principal },
      ...(options.extraEvents ?? []),
    ].map((e, i) => ({ ...e, runId, seq: i + 1 }) as RunEvent);
    const row: RunRow = {
      id: runId,
      workflowId: workflow.id,
      workflowName: workflow.name,
      status: 'queued',
      principal,
      origin,
      createdAt: time,
      stepsDone: events.filter((e) => e.type === 'step.copied').length,
      stepsTotal: workflow.steps.length,
      lastSeq: events.length,
      ...(options.parentRunId === undefined ? {} : { parentRunId: options.parentRunId }),
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      ...(options.rerunOf === undefined ? {} : { rerunOf: options.rerunOf }),
    };
    await db.runs.add(row);
    await db.runEvents.bulkAdd(events);
    return { runId, created: true };
  });
}
