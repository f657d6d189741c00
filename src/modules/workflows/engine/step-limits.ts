/**
 * What holds a step attempt back or cuts it short: the concurrency limits it must take a slot of (the engine's,
 * and the step's own, keyed per value when it has a key), its throttle key, and its deadline.
 */
import type { Clock } from '../../../core/clock.js';
import { CometError } from '../../../core/errors.js';
import { formatDuration } from '../model/duration.js';
import { resolveValue, type ReferenceScope } from '../model/references.js';
import type { WorkflowDefinition, WorkflowStep } from '../model/types.js';
import type { StepCall, StepExecutor } from './active-run.js';
import { stepPointer } from './step-calls.js';

/** The limiter key of the engine-wide step limit. */
const GLOBAL_KEY = 'engine:steps';

/**
 * A limit's key: the step's own across all runs, or (with a key template such as '{{item.host}}') one per value,
 * shared by every workflow that names the same value.
 */
function limitKey(
  definition: WorkflowDefinition,
  step: WorkflowStep,
  template: string | undefined,
  scope: ReferenceScope,
  field: string,
): string {
  if (template === undefined) return `step:${definition.id}/${step.id}`;
  return `key:${String(resolveValue(template, scope, `${stepPointer(definition, step.id)}/${field}/key`))}`;
}

/** The concurrency limits an attempt needs a slot of: the engine's, then the step's own. */
export function concurrencyLimits(
  definition: WorkflowDefinition,
  step: WorkflowStep,
  scope: ReferenceScope,
  globalLimit: number,
): { key: string; limit: number }[] {
  const limits = [{ key: GLOBAL_KEY, limit: globalLimit }];
  if (step.concurrency) {
    limits.push({
      key: limitKey(definition, step, step.concurrency.key, scope, 'concurrency'),
      limit: step.concurrency.limit,
    });
  }
  return limits;
}

/** The key a throttled step's starts are counted under. */
export function throttleKey(definition: WorkflowDefinition, step: WorkflowStep, scope: ReferenceScope): string {
  return limitKey(definition, step, step.throttle?.key, scope, 'throttle');
}

/** The executor's call, rejected with 'step-timeout' at the deadline even if the capability ignores its signal. */
export function callWithDeadline(
  executor: StepExecutor,
  clock: Clock,
  call: StepCall,
  controller: AbortController,
  timeoutMs: number | undefined,
  stepId: string,
): Promise<unknown> {
  if (timeoutMs === undefined) return executor.invoke(call, controller.signal);
  return new Promise((resolve, reject) => {
    const timer = clock.setTimeout(() => {
      const error = new CometError('step-timeout', { step: stepId, timeout: formatDuration(timeoutMs) });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    executor
      .invoke(call, controller.signal)
      .then(resolve, reject)
      .finally(() => clock.clearTimeout(timer));
  });
}
