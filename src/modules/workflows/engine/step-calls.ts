/**
 * What one step attempt needs besides scheduling: the data its references see, its resolved input, its call, and
 * whether a failure is worth retrying. Pure helpers of active-run.ts.
 */
import { CometError, errorMessage } from '../../../core/errors.js';
import { errorTypes, retryAfterOf, retryDelay, type RetryPolicy } from '../../../core/retry.js';
import { parseDuration } from '../model/duration.js';
import { resolveValue, type ReferenceScope } from '../model/references.js';
import { toRetryPolicy } from '../model/retry-policy.js';
import type { WorkflowDefinition, WorkflowStep } from '../model/types.js';
import type { RunState, StepState } from './run-types.js';

/** The capability a sub-workflow step calls. */
export const WORKFLOW_RUN = 'workflow.run';

/**
 * Errors no retry can fix: the input or the workflow is wrong. A supervisor denial is retried only when it says when
 * to come back (a rate limit); otherwise a person must grant something first.
 */
const NEVER_RETRIED = [
  'invalid-input',
  'invalid-output',
  'capability-unknown',
  'reference-missing',
  'workflow-invalid',
];

/** The data a step's references see: inputs, finished steps' outputs and errors, the run, and the fan-out item. */
export function scopeOf(state: RunState, extra: Partial<ReferenceScope> = {}): ReferenceScope {
  const steps: NonNullable<ReferenceScope['steps']> = {};
  for (const [id, step] of Object.entries(state.steps)) steps[id] = scopeEntry(step);
  return { inputs: state.inputs, steps, run: { id: state.runId, startedAt: state.startedAt }, ...extra };
}

/** What references see of one step: its status, and its output once it succeeded, or its error. */
export function scopeEntry(step: StepState): NonNullable<ReferenceScope['steps']>[string] {
  return {
    status: step.status,
    ...(step.status === 'succeeded' ? { output: step.output } : {}),
    ...(step.error ? { error: step.error } : {}),
  };
}

/** The step's pointer in the workflow file, for located errors. */
export function stepPointer(definition: WorkflowDefinition, stepId: string): string {
  return `/steps/${definition.steps.findIndex((s) => s.id === stepId)}`;
}

/** The capability and input of one attempt. Durations of `wait` become an absolute time, so a replay waits the rest. */
export function resolveCall(
  definition: WorkflowDefinition,
  step: WorkflowStep,
  scope: ReferenceScope,
  now: number,
): { capability: string; input: unknown } {
  const at = `${stepPointer(definition, step.id)}/input`;
  const input = resolveValue(step.input ?? {}, scope, at);
  if (step.workflow !== undefined)
    return { capability: WORKFLOW_RUN, input: { workflowId: step.workflow, inputs: input } };
  const capability = step.capability ?? '';
  if (capability === 'wait' && isRecord(input) && input.duration !== undefined && input.until === undefined) {
    const { duration, ...rest } = input;
    return {
      capability,
      input: { ...rest, until: now + parseDuration(duration as string | number, `${at}/duration`) },
    };
  }
  return { capability, input };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The step's retry policy: its own over the workflow's defaults over the platform's. */
export function policyOf(definition: WorkflowDefinition, step: WorkflowStep): RetryPolicy {
  return toRetryPolicy(step.retry, definition.defaults?.retry);
}

/** The step's per-attempt deadline in ms, if it has one. */
export function timeoutOf(definition: WorkflowDefinition, step: WorkflowStep): number | undefined {
  const timeout = step.timeout ?? definition.defaults?.timeout;
  return timeout === undefined ? undefined : parseDuration(timeout, `${stepPointer(definition, step.id)}/timeout`);
}

/** When to try again after `error` on `attempt` (1-based), or undefined when it is final. */
export function nextRetry(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  random: () => number,
): number | undefined {
  const types = errorTypes(error);
  if (types.some((t) => NEVER_RETRIED.includes(t) || policy.nonRetryableErrorTypes.includes(t))) return undefined;
  if (types.includes('capability-denied') && retryAfterOf(error) === undefined) return undefined;
  // A `condition` step's assert checks the same input again on a retry: it cannot come out differently.
  if ((error as { details?: { assert?: unknown } }).details?.assert === true) return undefined;
  if (policy.maximumAttempts > 0 && attempt >= policy.maximumAttempts) return undefined;
  return retryDelay(policy, attempt, random, retryAfterOf(error));
}

/** Any thrown value as an Error: steps may throw strings or plain objects. */
export function asError(thrown: unknown, stepId: string): Error {
  if (thrown instanceof Error) return thrown;
  return new CometError('step-threw', { step: stepId, value: errorMessage(thrown), thrown });
}

/** The parts of an http.request result the engine reads. */
interface HttpAnswer {
  ok: boolean;
  status: number;
  statusText?: string;
  url: string;
  retryAfterMs?: number;
}

/**
 * An http.request answer that is not 2xx, as the error that fails the step (with the server's Retry-After, which
 * the retry honours); undefined for any other capability or a 2xx answer.
 */
export function httpFailure(capability: string, input: unknown, output: unknown): CometError | undefined {
  if (capability !== 'http.request' || typeof output !== 'object' || output === null) return undefined;
  const answer = output as Partial<HttpAnswer>;
  if (answer.ok !== false || typeof answer.status !== 'number') return undefined;
  return new CometError('http-status', {
    method: (input as { method?: string } | undefined)?.method ?? 'GET',
    url: answer.url,
    status: answer.status,
    statusText: answer.statusText,
    ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
  });
}
