/**
 * The workflow model: what a workflow file holds. A workflow is plain JSON (schema: model/schema.ts, published as
 * schemas/workflow.schema.json). Strings anywhere in a step's input may reference data with `{{path}}`:
 *
 *   {{inputs.city}}                         a workflow input
 *   {{steps.fetch.output.body.items[0].id}} an earlier step's output (this makes `fetch` a dependency)
 *   {{item}} / {{index}}                    the current element of a fan-out (forEach)
 *   {{error.message}}                       in a compensation step: why the step failed
 *   {{run.id}} / {{run.startedAt}}          the run
 *
 * A string that is exactly one reference keeps the referenced value's type; a reference inside longer text is
 * rendered as text (objects as JSON).
 */

/** A duration: milliseconds, or a string like '500ms', '2s', '5m', '1h', '1d' (and combinations: '1m30s'). */
export type Duration = number | string;

/** Temporal's RetryPolicy fields, with durations as above. Unset fields take the platform defaults. */
export interface WorkflowRetryPolicy {
  /** Delay before the first retry (default '1s'). */
  initialInterval?: Duration;
  /** Growth of the delay per attempt (default 2). */
  backoffCoefficient?: number;
  /** Largest delay (default 100 × initialInterval). */
  maximumInterval?: Duration;
  /** Attempts in all, the first included; 0 = unlimited (default 0). */
  maximumAttempts?: number;
  /** Error names or codes that are never retried (e.g. 'capability-denied', 'invalid-input'). */
  nonRetryableErrorTypes?: string[];
  /** Random spread of each delay, 0–1 (default 0.2). */
  jitter?: number;
  /** A 429/503 with Retry-After waits at least that long (default true). */
  respectRetryAfter?: boolean;
}

/** Comparison operators of a condition. */
export type ConditionOperator =
  'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'in' | 'matches' | 'exists' | 'truthy' | 'empty';

/**
 * A condition, evaluated after references are resolved. `left`/`right` may be references ('{{steps.a.output.n}}').
 * A bare string is a single reference tested for truthiness: '{{steps.check.output.value}}'.
 */
export type Condition =
  | string
  | { left: unknown; op: ConditionOperator; right?: unknown }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** A concurrency limit: at most `limit` at once, counted per value of `key` (a template) when given. */
export interface ConcurrencyLimit {
  limit: number;
  /** E.g. '{{item.host}}': one counter per host. Keys are global, so two workflows naming the same key share it. */
  key?: string;
}

/** Throttling: at most `limit` starts per `period`, per value of `key` when given; later starts wait their turn. */
export interface Throttle {
  limit: number;
  period: Duration;
  key?: string;
}

/** What to do when a step has failed for good (after its retries). */
export type ErrorHandler =
  | 'fail'
  | 'continue'
  | {
      /** A step run once to undo or report; its input may reference `{{error.message}}`, `{{error.code}}`. */
      compensate: { capability: string; input?: unknown; timeout?: Duration };
      /** After compensating: fail the run (default) or continue as if the step had been skipped. */
      then?: 'fail' | 'continue';
    };

/** One step. Exactly one of `capability` and `workflow` is set. */
export interface WorkflowStep {
  /** Unique in the workflow: letters, digits, '_' and '-', starting with a letter. Referenced as steps.<id>. */
  id: string;
  /** A human name (default: the id). */
  name?: string;
  /** The capability it calls (e.g. 'http.request', 'data.query', 'wait', 'condition'). */
  capability?: string;
  /** A sub-workflow it runs (the id of a saved workflow): sugar for capability 'workflow.run'. */
  workflow?: string;
  /** The capability's input (or the sub-workflow's inputs), with references. */
  input?: unknown;
  /** Steps that must finish first, besides those its references name. */
  needs?: string[];
  /** Run only if this holds; otherwise the step (and whatever depends on it) is skipped. */
  if?: Condition;
  /** Fan-out: run once per element of this list (a reference), with {{item}} and {{index}}; output is the list of outputs. */
  forEach?: string;
  /** At most this many elements of a fan-out at once (default 4). */
  forEachConcurrency?: number;
  /** Retried until its output satisfies this (references may use {{output}}); uses `retry` for the spacing. */
  until?: Condition;
  /** Retry policy (default: the workflow's defaults.retry, else platform defaults with maximumAttempts 3). */
  retry?: WorkflowRetryPolicy;
  /** Longest one attempt may run (default: the workflow's defaults.timeout, else the capability's). */
  timeout?: Duration;
  /** At most N executions of this step at once, across all runs (keyed when `key` is set). */
  concurrency?: ConcurrencyLimit;
  /** At most N starts of this step per period, across all runs (keyed when `key` is set). */
  throttle?: Throttle;
  /** After the last attempt fails (default 'fail'). */
  onError?: ErrorHandler;
  /**
   * An http.request answer that is not 2xx fails the step (error code 'http-status', retried by the policy; a 429/503
   * Retry-After is honoured). Set true to receive such answers as output instead.
   */
  acceptHttpErrors?: boolean;
}

/** Starts the workflow by hand (the Run button, an agent, the API). */
export interface ManualTrigger {
  type: 'manual';
}

/** Starts the workflow on a cron schedule in a time zone. */
export interface ScheduleTrigger {
  type: 'schedule';
  /** Five or six fields (seconds optional): '0 9 * * 1-5' is 09:00 on weekdays. */
  cron: string;
  /** IANA zone (default: the user's zone when the trigger was saved). */
  timezone?: string;
  /** Runs missed while the app was closed: skipped (default) or caught up with one run. */
  missed?: 'skip' | 'catch-up';
  /** Inputs of the runs it starts. */
  inputs?: Record<string, unknown>;
}

/** Starts the workflow when a bus topic is published (by another module or tab). */
export interface EventTrigger {
  type: 'event';
  /** A bus topic, or a pattern with '*' ('memory.*'). */
  topic: string;
  /** Waits until events stop for this long and starts one run with the last event. */
  debounce?: Duration;
  /** Inputs of the run; may reference {{event.<field>}} and {{topic}} (default: inputs.event = the payload). */
  inputs?: Record<string, unknown>;
}

export type WorkflowTrigger = ManualTrigger | ScheduleTrigger | EventTrigger;

/** A workflow file: the format and version, its inputs, steps, triggers and limits. */
export interface WorkflowDefinition {
  /** Always 'comet-workflow/1'. */
  format?: 'comet-workflow/1';
  /** Stable id: lower-case letters, digits and '-' (the principal is workflow:<id>). */
  id: string;
  name: string;
  description?: string;
  /** JSON Schema of the run inputs (an object schema); the Run dialog is generated from it. */
  inputs?: Record<string, unknown>;
  steps: WorkflowStep[];
  /** Default: [{ type: 'manual' }]. */
  triggers?: WorkflowTrigger[];
  /** At most this many steps of one run at once (default 8). */
  maxParallel?: number;
  /** At most this many runs of this workflow at once (keyed by an inputs template when `key` is set). */
  concurrency?: ConcurrencyLimit;
  /** Defaults of every step. */
  defaults?: { retry?: WorkflowRetryPolicy; timeout?: Duration };
  /** The run's output (with references), e.g. '{{steps.summary.output}}'; default: every step's output by id. */
  output?: unknown;
  /** Free text for templates: what it needs and does. */
  notes?: string;
}

/** A problem found by validation, located by a JSON Pointer into the workflow ('/steps/2/input/url'). */
export interface WorkflowProblem {
  path: string;
  message: string;
  /** Machine-readable kind: 'schema', 'cycle', 'unknown-step', 'bad-reference', 'unknown-capability', … */
  kind: string;
}
