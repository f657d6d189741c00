/**
 * The checks of a workflow's steps that a schema cannot express: unique ids, one of capability/workflow, known
 * steps in needs, known capabilities and sub-workflows, durations, retry policies, conditions, fan-out lists and
 * references. The input may be any JSON (validation runs on files people wrote): every access is guarded.
 */
import { isCometError } from '../../../core/errors.js';
import { conditionProblems } from './conditions.js';
import { parseDuration } from './duration.js';
import type { ReferenceRoot } from './path.js';
import { referenceProblems, type ReferenceContext, type ReferenceWorld } from './reference-checks.js';
import { scanReferences, singleReference } from './references.js';
import { toRetryPolicy } from './retry-policy.js';
import type { WorkflowStep } from './types.js';

/** What the checks may ask of the platform. */
export interface WorkflowCheckOptions {
  /** True when a capability of this name is registered (unknown capabilities are only reported when given). */
  capabilities?: (name: string) => boolean;
  /** True when a workflow of this id is saved (unknown sub-workflows are only reported when given). */
  workflows?: (id: string) => boolean;
}

/** A step of unknown shape, read defensively. */
export type LooseStep = Partial<Record<keyof WorkflowStep, unknown>>;

/** Reports problems as they are found. */
export type Report = (path: string, kind: string, message: string) => void;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A message for a thrown value: a CometError's reason when it has one, else its message. */
export function reasonOf(error: unknown): string {
  if (isCometError(error) && typeof error.details.reason === 'string') return error.details.reason;
  return error instanceof Error ? error.message : String(error);
}

/** Reports a Duration that parseDuration rejects. */
export function checkDuration(value: unknown, at: string, report: Report): void {
  if (value === undefined) return;
  try {
    parseDuration(value as string | number, at);
  } catch (error) {
    if (!isCometError(error, 'invalid-argument')) throw error;
    report(at, 'bad-duration', `not a valid duration: ${reasonOf(error)}`);
  }
}

/** Reports a retry policy whose values do not fit together (e.g. maximumInterval below initialInterval). */
export function checkRetry(step: unknown, defaults: unknown, at: string, report: Report): void {
  if (step !== undefined && !isObject(step)) return;
  if (defaults !== undefined && !isObject(defaults)) return;
  try {
    toRetryPolicy(step, defaults, at);
  } catch (error) {
    if (!isCometError(error, 'invalid-argument')) throw error;
    report(at, 'bad-retry', `the retry policy is not valid: ${error.message}`);
  }
}

/** The ids of the steps `id` waits for, directly or not. */
export function ancestors(graph: ReadonlyMap<string, ReadonlySet<string>>, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(graph.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

/** Checks one step at `/steps/<index>`. `graph` holds the dependencies of the well-formed steps. */
export function checkStep(
  step: LooseStep,
  at: string,
  graph: ReadonlyMap<string, ReadonlySet<string>>,
  world: ReferenceWorld & { workflowId?: unknown; defaultRetry?: unknown },
  options: WorkflowCheckOptions,
  report: Report,
): void {
  const id = typeof step.id === 'string' ? step.id : undefined;
  const name = id ? `step ${id}` : 'this step';
  const hasCapability = step.capability !== undefined;
  const hasWorkflow = step.workflow !== undefined;
  if (hasCapability === hasWorkflow) {
    report(
      at,
      'step-kind',
      hasCapability
        ? `${name} sets both capability and workflow; keep one (a step calls a capability or runs a workflow)`
        : `${name} sets neither capability nor workflow; say what it calls`,
    );
  }
  if (typeof step.capability === 'string' && options.capabilities && !options.capabilities(step.capability)) {
    report(`${at}/capability`, 'unknown-capability', unknownCapability(step.capability));
  }
  if (typeof step.workflow === 'string') {
    if (step.workflow === world.workflowId) {
      report(
        `${at}/workflow`,
        'cycle',
        `${name} runs the workflow it belongs to, which would never end: ${step.workflow} → ${step.workflow}`,
      );
    } else if (options.workflows && !options.workflows(step.workflow)) {
      report(
        `${at}/workflow`,
        'unknown-workflow',
        `there is no saved workflow '${step.workflow}'; save or import it first`,
      );
    }
  }
  if (Array.isArray(step.needs)) {
    step.needs.forEach((need, j) => {
      if (typeof need !== 'string') return;
      if (need === id) report(`${at}/needs/${j}`, 'cycle', `${name} cannot need itself`);
      else if (!world.stepIds.has(need)) report(`${at}/needs/${j}`, 'unknown-step', `there is no step '${need}'`);
    });
  }
  checkDuration(step.timeout, `${at}/timeout`, report);
  if (isObject(step.retry)) {
    checkDuration(step.retry.initialInterval, `${at}/retry/initialInterval`, report);
    checkDuration(step.retry.maximumInterval, `${at}/retry/maximumInterval`, report);
  }
  checkRetry(step.retry, world.defaultRetry, `${at}/retry`, report);
  if (isObject(step.throttle)) checkDuration(step.throttle.period, `${at}/throttle/period`, report);
  if (typeof step.forEach === 'string' && !singleReference(step.forEach)) {
    report(
      `${at}/forEach`,
      'bad-reference',
      "forEach must be exactly one reference to a list, such as '{{steps.list.output.items}}'",
    );
  }
  for (const field of ['if', 'until'] as const) {
    if (step[field] !== undefined) {
      for (const p of conditionProblems(step[field], `${at}/${field}`)) report(p.path, p.kind, p.message);
    }
  }
  checkStepReferences(step, at, id, graph, world, report);
  checkErrorHandler(step, at, id, graph, world, options, report);
}

function unknownCapability(name: string): string {
  return `there is no capability '${name}'; check the name, or install the plugin that provides it`;
}

/** The references of the step's own fields (not its error handler). */
function checkStepReferences(
  step: LooseStep,
  at: string,
  id: string | undefined,
  graph: ReadonlyMap<string, ReadonlySet<string>>,
  world: ReferenceWorld,
  report: Report,
): void {
  const name = id ? `step ${id}` : 'this step';
  const fanOut: ReferenceRoot[] = step.forEach === undefined ? [] : ['item', 'index'];
  const base: ReferenceRoot[] = ['inputs', 'steps', 'run'];
  const upstream = id && step.until !== undefined ? ancestors(graph, id) : new Set<string>();
  const fields: [unknown, string, ReferenceContext][] = [
    [step.input, '/input', { field: `the input of ${name}`, roots: [...base, ...fanOut] }],
    [step.if, '/if', { field: `the if condition of ${name} (read before any fan-out)`, roots: base }],
    [step.forEach, '/forEach', { field: `the forEach list of ${name}`, roots: base }],
    [
      isObject(step.concurrency) ? step.concurrency.key : undefined,
      '/concurrency/key',
      { field: `the concurrency key of ${name}`, roots: [...base, ...fanOut] },
    ],
    [
      isObject(step.throttle) ? step.throttle.key : undefined,
      '/throttle/key',
      { field: `the throttle key of ${name}`, roots: [...base, ...fanOut] },
    ],
    [
      step.until,
      '/until',
      { field: `the until condition of ${name}`, roots: [...base, ...fanOut, 'output'], upstream, stepId: id },
    ],
  ];
  for (const [value, suffix, context] of fields) {
    if (value === undefined) continue;
    for (const p of referenceProblems(value, `${at}${suffix}`, context, world)) report(p.path, p.kind, p.message);
  }
}

/** The compensation step of onError: its capability, timeout and references. */
function checkErrorHandler(
  step: LooseStep,
  at: string,
  id: string | undefined,
  graph: ReadonlyMap<string, ReadonlySet<string>>,
  world: ReferenceWorld,
  options: WorkflowCheckOptions,
  report: Report,
): void {
  if (!isObject(step.onError) || !isObject(step.onError.compensate)) return;
  const compensate = step.onError.compensate;
  const where = `${at}/onError/compensate`;
  if (
    typeof compensate.capability === 'string' &&
    options.capabilities &&
    !options.capabilities(compensate.capability)
  ) {
    report(`${where}/capability`, 'unknown-capability', unknownCapability(compensate.capability));
  }
  checkDuration(compensate.timeout, `${where}/timeout`, report);
  if (compensate.input === undefined) return;
  const context: ReferenceContext = {
    field: `the compensation of ${id ? `step ${id}` : 'this step'}`,
    roots: ['inputs', 'steps', 'run', 'error'],
    upstream: id ? ancestors(graph, id) : new Set(),
    stepId: id,
    readsSelf: true,
  };
  for (const p of referenceProblems(compensate.input, `${where}/input`, context, world))
    report(p.path, p.kind, p.message);
}

/** The dependencies of well-formed steps (object, string id, first of its id), for the graph checks. */
export function wellFormedSteps(steps: unknown[]): WorkflowStep[] {
  const seen = new Set<string>();
  const result: WorkflowStep[] = [];
  for (const step of steps) {
    if (!isObject(step) || typeof step.id !== 'string' || seen.has(step.id)) continue;
    seen.add(step.id);
    const loose = step as LooseStep;
    result.push({
      id: step.id,
      needs: Array.isArray(loose.needs) ? loose.needs.filter((n): n is string => typeof n === 'string') : undefined,
      input: loose.input,
      if: loose.if as WorkflowStep['if'],
      forEach: typeof loose.forEach === 'string' ? loose.forEach : undefined,
      concurrency: isObject(loose.concurrency)
        ? (loose.concurrency as unknown as WorkflowStep['concurrency'])
        : undefined,
      throttle: isObject(loose.throttle) ? (loose.throttle as unknown as WorkflowStep['throttle']) : undefined,
    });
  }
  return result;
}

/** Where step `step` (at `at`) says it waits for `to`: its entry in needs, or its first reference to steps.<to>. */
export function dependencyPointer(step: WorkflowStep, at: string, to: string): string {
  const j = step.needs?.indexOf(to) ?? -1;
  if (j >= 0) return `${at}/needs/${j}`;
  const fields: [unknown, string][] = [
    [step.input, '/input'],
    [step.if, '/if'],
    [step.forEach, '/forEach'],
    [step.concurrency?.key, '/concurrency/key'],
    [step.throttle?.key, '/throttle/key'],
  ];
  for (const [value, suffix] of fields) {
    const found = scanReferences(value, `${at}${suffix}`).references.find(
      (r) => r.segments[0] === 'steps' && String(r.segments[1]) === to,
    );
    if (found) return found.at;
  }
  return at;
}
