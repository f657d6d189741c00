/**
 * Validation of the references in a workflow: each field allows certain roots (item only in a fan-out, error only
 * in a compensation, output only in `until`), step references must name existing steps that have finished by then,
 * and workflow inputs must be declared. Used by validate.ts.
 */
import { formatPath, type ReferenceRoot } from './path.js';
import { scanReferences, type FoundReference } from './references.js';
import type { WorkflowProblem } from './types.js';

/** Where a field is evaluated: which roots it may read and which steps have finished by then. */
export interface ReferenceContext {
  /** What the field is, for messages: "the input of step fetch". */
  field: string;
  roots: readonly ReferenceRoot[];
  /** Steps that have finished when the field is read; undefined = any step of the workflow. */
  upstream?: ReadonlySet<string>;
  /** The step the field belongs to, if any. */
  stepId?: string;
  /** True when the field may read its own step's entry (a compensation reads {{steps.<self>.error}}). */
  readsSelf?: boolean;
}

/** What the checker knows of the whole workflow. */
export interface ReferenceWorld {
  /** Every step id of the workflow. */
  stepIds: ReadonlySet<string>;
  /** The declared inputs (the input schema's properties), when the workflow declares any. */
  inputNames?: ReadonlySet<string>;
}

/** Why a root is unavailable outside the fields that set it. */
const ROOT_HOME: Record<ReferenceRoot, string> = {
  inputs: 'the inputs of a run',
  steps: 'steps that have run',
  run: 'the run',
  item: 'a forEach step (its input, until and flow-control keys)',
  index: 'a forEach step (its input, until and flow-control keys)',
  error: 'onError.compensate.input',
  output: 'until conditions',
  event: "an event trigger's inputs",
  topic: "an event trigger's inputs",
};

/** The fields of a step's entry that references may read. */
const STEP_FIELDS = ['output', 'error', 'status'];

/** The problems of the references in `value` (located under the JSON Pointer `at`), read in `context`. */
export function referenceProblems(
  value: unknown,
  at: string,
  context: ReferenceContext,
  world: ReferenceWorld,
): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const { references, bad } = scanReferences(value, at);
  for (const b of bad) {
    problems.push({
      path: b.at,
      kind: 'bad-reference',
      message: `{{${b.text}}} is not a valid reference: ${b.reason}`,
    });
  }
  for (const reference of references) {
    const message = referenceMessage(reference, context, world);
    if (message) {
      const kind = message.startsWith('there is no step') ? 'unknown-step' : 'bad-reference';
      problems.push({ path: reference.at, kind, message: `{{${reference.path}}}: ${message}` });
    }
  }
  return problems;
}

/** What is wrong with one reference in `context`, or undefined. */
function referenceMessage(
  reference: FoundReference,
  context: ReferenceContext,
  world: ReferenceWorld,
): string | undefined {
  const [root, name, field] = reference.segments as [ReferenceRoot, ...(string | number)[]];
  if (!context.roots.includes(root)) {
    return `${root} cannot be used in ${context.field}; it is only available in ${ROOT_HOME[root]}`;
  }
  if (root === 'inputs' && name !== undefined && world.inputNames && !world.inputNames.has(String(name))) {
    const known = [...world.inputNames];
    return `the workflow declares no input '${String(name)}'${known.length ? ` (its inputs: ${known.join(', ')})` : ''}; add it to the inputs schema`;
  }
  if (root !== 'steps') return undefined;
  if (name === undefined) return 'name a step: {{steps.<id>.output}}';
  const id = String(name);
  if (!world.stepIds.has(id)) return `there is no step '${id}'`;
  if (field !== undefined && !STEP_FIELDS.includes(String(field))) {
    return `a step offers ${STEP_FIELDS.join(', ')}; '${String(field)}' is not one of them (write ${formatPath(['steps', id, 'output', field])})`;
  }
  if (id === context.stepId && !context.readsSelf && context.upstream) {
    return context.roots.includes('output')
      ? "a step's until condition reads its own output as {{output}}"
      : 'a step cannot read its own entry here';
  }
  if (context.upstream && !context.upstream.has(id) && !(id === context.stepId && context.readsSelf)) {
    return `step '${id}' has not necessarily finished when ${context.field} is read; add it to the step's needs`;
  }
  return undefined;
}
