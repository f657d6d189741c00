/**
 * Validation of workflow files: the JSON Schema first (shape, types, ranges), then what a schema cannot express —
 * unique step ids, known steps, capabilities and sub-workflows, references that can be resolved where they are
 * written, durations, retry policies, conditions and cycles. Every problem names the exact field by JSON Pointer
 * ('/steps/2/input/url') and says what to change.
 */
import { cronProblem } from '../engine/cron.js';
import { validate } from '../../../core/capabilities/schema.js';
import { CometError } from '../../../core/errors.js';
import { findCycle, stepDependencies } from './graph.js';
import type { ReferenceRoot } from './path.js';
import { referenceProblems, type ReferenceWorld } from './reference-checks.js';
import { childPointer } from './references.js';
import { workflowSchema } from './schema.js';
import {
  checkDuration,
  checkRetry,
  checkStep,
  dependencyPointer,
  isObject,
  wellFormedSteps,
  type Report,
  type WorkflowCheckOptions,
} from './step-checks.js';
import type { WorkflowDefinition, WorkflowProblem } from './types.js';

export type { WorkflowCheckOptions } from './step-checks.js';

/** What the schema's patterns ask for, in words (the validator only says "does not match pattern"). */
function patternText(pointer: string): string {
  if (pointer === '/id') return "must be lower-case letters, digits and '-', starting with a letter or digit";
  if (/^\/steps\/\d+\/id$/.test(pointer)) return "must be letters, digits, '_' and '-', starting with a letter";
  return "must be milliseconds or text with units, such as '500ms', '30s', '5m', '1h' or '1m30s'";
}

/** Every problem of a workflow (of any shape): schema problems first, then the others, each located by JSON Pointer. */
export function workflowProblems(def: unknown, options: WorkflowCheckOptions = {}): WorkflowProblem[] {
  const schema = schemaProblems(def);
  if (!isObject(def)) return schema;
  const semantic: WorkflowProblem[] = [];
  const report: Report = (path, kind, message) => semantic.push({ path, kind, message });
  const steps: unknown[] = Array.isArray(def.steps) ? def.steps : [];
  const firstIndex = new Map<string, number>();
  steps.forEach((step, i) => {
    if (!isObject(step) || typeof step.id !== 'string') return;
    const first = firstIndex.get(step.id);
    if (first === undefined) firstIndex.set(step.id, i);
    else
      report(
        `/steps/${i}/id`,
        'duplicate-step',
        `step id '${step.id}' is already used by step ${first + 1}; ids must be unique`,
      );
  });
  const wellFormed = wellFormedSteps(steps);
  const graph = stepDependencies({ steps: wellFormed });
  const world = {
    stepIds: new Set(firstIndex.keys()),
    inputNames: declaredInputs(def),
    workflowId: def.id,
    defaultRetry: isObject(def.defaults) ? def.defaults.retry : undefined,
  };
  steps.forEach((step, i) => {
    if (isObject(step)) checkStep(step, `/steps/${i}`, graph, world, options, report);
  });
  const cycle = findCycle({ steps: wellFormed });
  if (cycle) {
    const from = wellFormed.find((s) => s.id === cycle[0])!;
    const at = dependencyPointer(from, `/steps/${firstIndex.get(cycle[0])}`, cycle[1]);
    report(
      at,
      'cycle',
      `steps wait for each other in a loop, so none of them can start: ${cycle.join(' → ')}. Remove one of these dependencies`,
    );
  }
  checkWorkflowFields(def, world, report);
  return [...schema, ...withoutRepeats(semantic, schema)];
}

/**
 * The definition itself when it has no problem; otherwise throws CometError 'workflow-invalid' with the count, the
 * first problem as '<path>: <message>' and the list.
 */
export function assertValidWorkflow(def: unknown, options: WorkflowCheckOptions = {}): WorkflowDefinition {
  const problems = workflowProblems(def, options);
  if (problems.length === 0) return def as WorkflowDefinition;
  const named = isObject(def) ? (def.name ?? def.id) : undefined;
  throw new CometError('workflow-invalid', {
    name: typeof named === 'string' ? named : '',
    count: problems.length,
    first: formatProblem(problems[0]),
    problems,
  });
}

/** A problem as one line: '/steps/2/input/url: …' ('(workflow)' for the whole file). */
export function formatProblem(problem: WorkflowProblem): string {
  return `${problem.path || '(workflow)'}: ${problem.message}`;
}

/** The workflow-level fields: defaults, output, concurrency key, inputs schema and triggers. */
function checkWorkflowFields(def: Record<string, unknown>, world: ReferenceWorld, report: Report): void {
  const refs = (value: unknown, at: string, field: string, roots: ReferenceRoot[]) => {
    for (const p of referenceProblems(value, at, { field, roots }, world)) report(p.path, p.kind, p.message);
  };
  if (isObject(def.defaults)) {
    checkDuration(def.defaults.timeout, '/defaults/timeout', report);
    if (isObject(def.defaults.retry)) {
      checkDuration(def.defaults.retry.initialInterval, '/defaults/retry/initialInterval', report);
      checkDuration(def.defaults.retry.maximumInterval, '/defaults/retry/maximumInterval', report);
      checkRetry(undefined, def.defaults.retry, '/defaults/retry', report);
    }
  }
  if (def.output !== undefined) refs(def.output, '/output', "the workflow's output", ['inputs', 'steps', 'run']);
  if (isObject(def.concurrency) && def.concurrency.key !== undefined) {
    refs(def.concurrency.key, '/concurrency/key', "the workflow's concurrency key (read before the run starts)", [
      'inputs',
    ]);
  }
  if (isObject(def.inputs) && def.inputs.type !== undefined && def.inputs.type !== 'object') {
    report(
      '/inputs/type',
      'bad-inputs',
      "the inputs schema must describe an object (type 'object'), one field per input",
    );
  }
  const triggers: unknown[] = Array.isArray(def.triggers) ? def.triggers : [];
  triggers.forEach((trigger, i) => {
    if (!isObject(trigger)) return;
    const at = `/triggers/${i}`;
    if (trigger.type === 'event') {
      checkDuration(trigger.debounce, `${at}/debounce`, report);
      refs(trigger.inputs, `${at}/inputs`, "an event trigger's inputs", ['event', 'topic']);
    } else if (trigger.type === 'schedule') {
      refs(trigger.inputs, `${at}/inputs`, "a schedule trigger's inputs (fixed values)", []);
      const cronWrong = typeof trigger.cron === 'string' ? cronProblem(trigger.cron) : undefined;
      if (cronWrong)
        report(`${at}/cron`, 'bad-cron', `'${String(trigger.cron)}' is not a valid schedule: ${cronWrong}`);
      if (typeof trigger.timezone === 'string' && !isTimeZone(trigger.timezone)) {
        report(
          `${at}/timezone`,
          'bad-timezone',
          `'${trigger.timezone}' is not a known time zone; use an IANA name such as 'Europe/Oslo'`,
        );
      }
    }
  });
}

/** The names of the declared inputs (plus `event` when an event trigger fills it), or undefined when undeclared. */
function declaredInputs(def: Record<string, unknown>): Set<string> | undefined {
  if (!isObject(def.inputs) || !isObject(def.inputs.properties)) return undefined;
  const names = new Set(Object.keys(def.inputs.properties));
  const triggers: unknown[] = Array.isArray(def.triggers) ? def.triggers : [];
  if (triggers.some((t) => isObject(t) && t.type === 'event')) names.add('event');
  return names;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The schema's problems, located by JSON Pointer and phrased for people. */
function schemaProblems(def: unknown): WorkflowProblem[] {
  const result = validate(workflowSchema, def);
  if (result.ok) return [];
  return result.errors.map((error) => {
    const path = dottedToPointer(error.path);
    const message = /does not match pattern/.test(error.message) ? patternText(path) : error.message;
    return { path, kind: 'schema', message };
  });
}

/** Semantic problems minus those at or under a field the schema already reported, and exact repeats. */
function withoutRepeats(semantic: WorkflowProblem[], schema: WorkflowProblem[]): WorkflowProblem[] {
  const covered = schema.map((p) => p.path).filter((path) => path !== '');
  const seen = new Set<string>();
  return semantic.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key) || covered.some((path) => p.path === path || p.path.startsWith(`${path}/`))) return false;
    seen.add(key);
    return true;
  });
}

/** validate()'s dotted path ('steps[2].input["a.b"]') as a JSON Pointer ('/steps/2/input/a.b'). */
function dottedToPointer(path: string): string {
  const token = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let pointer = '';
  let at = 0;
  while (at < path.length) {
    token.lastIndex = at;
    const match = token.exec(path);
    if (!match) return `${pointer}/${path.slice(at)}`;
    pointer = childPointer(pointer, match[1] ?? match[2] ?? (JSON.parse(match[3]) as string));
    at = token.lastIndex;
  }
  return pointer;
}
