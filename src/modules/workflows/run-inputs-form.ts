/**
 * The run dialog's inputs form: the values it starts with (the inputs schema's defaults), whether there is anything to
 * ask, and the 'invalid-input' errors of a start turned into problems located at the form's fields (the validator
 * names places as `items[2].id`; the form's fields are marked with JSON Pointers, `/items/2/id`).
 */
import type { JsonSchema, SchemaError } from '../../core/capabilities/index.js';
import { isCometError } from '../../core/errors.js';
import { childPointer } from './model/references.js';
import type { WorkflowDefinition, WorkflowProblem } from './model/types.js';

/** The inputs schema of a workflow, when it asks for anything. */
export function inputsSchema(definition: WorkflowDefinition): JsonSchema | undefined {
  const schema = definition.inputs;
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return schema && properties && typeof properties === 'object' && Object.keys(properties).length ? schema : undefined;
}

/** The values the form starts with: a copy of each input's default. */
export function defaultInputs(definition: WorkflowDefinition): Record<string, unknown> {
  const properties = (inputsSchema(definition) as { properties?: Record<string, unknown> } | undefined)?.properties;
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties ?? {})) {
    const fallback = (property as { default?: unknown } | null)?.default;
    if (fallback !== undefined) values[name] = structuredClone(fallback);
  }
  return values;
}

/** The problems an 'invalid-input' error lists, located by JSON Pointer; undefined for any other error. */
export function inputProblems(error: unknown): WorkflowProblem[] | undefined {
  if (!isCometError(error, 'invalid-input')) return undefined;
  const errors = (error.details.errors as SchemaError[] | undefined) ?? [];
  return errors.map((e) => ({ path: pointerOf(e.path), message: sentence(e.message), kind: 'input' }));
}

/** Keeps the problems of the fields whose values did not change between `before` and `after`. */
export function problemsStill(
  problems: readonly WorkflowProblem[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): WorkflowProblem[] {
  const changed = new Set(
    [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
      .map((name) => childPointer('', name)),
  );
  return problems.filter((p) => ![...changed].some((field) => p.path === field || p.path.startsWith(`${field}/`)));
}

const SEGMENT = /\.?([A-Za-z_$][\w$-]*)|\[(0|[1-9]\d*)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/** 'items[2].id' → '/items/2/id', 'meta["a.b"]' → '/meta/a.b'; '' (the whole value, or unreadable) → ''. */
export function pointerOf(path: string): string {
  let pointer = '';
  let at = 0;
  while (at < path.length) {
    SEGMENT.lastIndex = at;
    const match = SEGMENT.exec(path);
    if (!match) return '';
    pointer = childPointer(pointer, match[1] ?? match[2] ?? (JSON.parse(match[3]) as string));
    at = SEGMENT.lastIndex;
  }
  return pointer;
}

/** A validator message as the sentence under a field: 'is required' → 'Required', 'must be …' → 'Must be …'. */
function sentence(message: string): string {
  if (message === 'is required') return 'Required';
  return message.charAt(0).toUpperCase() + message.slice(1);
}
