/**
 * `workflow.run`: runs a saved workflow as a sub-workflow and returns its output. The child run is an ordinary run
 * with its own principal (workflow:<child>), so its steps need the child's own grants; starting it needs the
 * caller's grant `workflow:run:<child>` — a workflow cannot borrow another's permissions without being allowed to.
 * The start carries the caller's idempotency key: a parent step replayed after a reload finds the child it started
 * instead of starting a second one, and waits for it.
 */
import type { CapabilityDefinition } from '../../../core/capabilities/index.js';
import { CometError, errorMessage } from '../../../core/errors.js';
import type { Logger } from '../../../core/log.js';
import type { CometDB } from '../../../db/db.js';
import type { DexieRunClient } from './run-client.js';

/** The input of workflow.run. */
export interface WorkflowRunInput {
  workflowId: string;
  inputs?: Record<string, unknown>;
}

/** Longest a sub-workflow may run: a day (its steps may wait and retry; raise the parent step's timeout for less). */
export const SUBWORKFLOW_TIMEOUT_MS = 24 * 3_600_000;

/** The workflow.run capability, starting child runs through `runs`. */
export function workflowRunCapability(
  db: CometDB,
  runs: DexieRunClient,
  log: Logger,
): CapabilityDefinition<WorkflowRunInput, unknown> {
  return {
    name: 'workflow.run',
    description:
      'Runs a saved workflow as a sub-workflow with the given inputs, waits for it, and returns its output. Fails if the sub-workflow fails.',
    inputSchema: {
      type: 'object',
      required: ['workflowId'],
      additionalProperties: false,
      properties: {
        workflowId: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'The id of a saved workflow.' },
        inputs: { type: 'object', description: 'The inputs of the sub-workflow run.' },
      },
    },
    outputSchema: {},
    sideEffects: true,
    source: 'builtin',
    timeoutMs: SUBWORKFLOW_TIMEOUT_MS,
    hints: { title: 'Run a sub-workflow', idempotent: true },
    scopes: ({ workflowId }) => [`workflow:run:${workflowId}`],
    run: async ({ workflowId, inputs = {} }, ctx) => {
      const { runId: parentRunId, stepId, idempotencyKey } = ctx.context;
      const runId = await runs.start(
        workflowId,
        inputs,
        {
          principal: ctx.principal.id,
          trigger: 'sub-workflow',
          ...(parentRunId === undefined ? {} : { detail: `step ${stepId ?? '?'} of run ${parentRunId}` }),
        },
        {
          ...(parentRunId === undefined ? {} : { parentRunId }),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey: `sub:${idempotencyKey}` }),
        },
      );
      // Cancelling the parent step cancels the child.
      const onAbort = () =>
        void runs
          .cancel(runId)
          .catch((error: unknown) => log.debug('workflows', `Child ${runId}: ${errorMessage(error)}`));
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        const row = await runs.waitFor(runId, ctx.signal);
        if (row.status !== 'succeeded') {
          throw new CometError('subworkflow-failed', {
            workflow: workflowId,
            runId,
            status: row.status,
            reason: row.error?.message,
          });
        }
        const last = await db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).last();
        return last?.type === 'run.succeeded' ? last.output : null;
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
