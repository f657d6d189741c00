/**
 * A step's retry policy as the engine uses it: the workflow file's fields (durations as text) merged over the
 * workflow's defaults and turned into src/core/retry.ts's RetryPolicy (milliseconds, validated).
 */
import { normalizeRetryPolicy, type RetryPolicy } from '../../../core/retry.js';
import { parseDuration } from './duration.js';
import type { WorkflowRetryPolicy } from './types.js';

/** Attempts of a step when neither the step nor the workflow's defaults set a retry policy. */
export const DEFAULT_STEP_ATTEMPTS = 3;

/**
 * The RetryPolicy of a step. Fields are merged one by one, the step's over the workflow's `defaults`; fields set by
 * neither take the platform defaults (src/core/retry.ts: 1 s, ×2, 100 × initial, unlimited attempts, 20 % jitter).
 * One exception: a step with no retry policy at all, in a workflow with no default one, gets the platform defaults
 * with maximumAttempts 3, so that a plain step which keeps failing fails the run instead of retrying forever.
 * Throws CometError 'invalid-argument' naming the field (under `at`) when a duration or a value is not valid.
 */
export function toRetryPolicy(step?: WorkflowRetryPolicy, defaults?: WorkflowRetryPolicy, at = 'retry'): RetryPolicy {
  if (step === undefined && defaults === undefined)
    return normalizeRetryPolicy({ maximumAttempts: DEFAULT_STEP_ATTEMPTS });
  const merged: WorkflowRetryPolicy = { ...definedOnly(defaults ?? {}), ...definedOnly(step ?? {}) };
  const duration = (value: WorkflowRetryPolicy['initialInterval'], field: string) =>
    value === undefined ? undefined : parseDuration(value, at.startsWith('/') ? `${at}/${field}` : `${at}.${field}`);
  return normalizeRetryPolicy({
    initialIntervalMs: duration(merged.initialInterval, 'initialInterval'),
    maximumIntervalMs: duration(merged.maximumInterval, 'maximumInterval'),
    backoffCoefficient: merged.backoffCoefficient,
    maximumAttempts: merged.maximumAttempts,
    nonRetryableErrorTypes: merged.nonRetryableErrorTypes,
    jitter: merged.jitter,
    respectRetryAfter: merged.respectRetryAfter,
  });
}

/** The fields of `policy` that are set, so that `{ jitter: undefined }` in a step does not hide the default's. */
function definedOnly(policy: WorkflowRetryPolicy): WorkflowRetryPolicy {
  return Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined));
}
