/**
 * What a `{{reference}}` typed in a step's field may name there: the workflow's inputs, the outputs of steps that
 * do not depend on this one (with the fields their capability's output schema declares), and — where they exist —
 * item/index of a fan-out, the failure of a compensated step, the output checked by `until`, and the run.
 */
import type { AnyCapability, JsonSchema } from '../../core/capabilities/index.js';
import { downstreamOf } from './model/graph.js';
import { formatPath } from './model/references.js';
import type { WorkflowDefinition, WorkflowStep } from './model/types.js';

/** One path the reference input offers. */
export interface ReferenceSuggestion {
  /** Without braces: 'steps.fetch.output.body'. */
  path: string;
  /** What it is, for the list: 'output of fetch (http.request)', 'input: string'. */
  detail: string;
}

/** Which field of a step is being edited: its input, a compensation input, or an `until` condition. */
export type ReferenceSite = 'input' | 'compensate' | 'until';

/** Looks capabilities up by name. */
export interface CapabilitySource {
  get(name: string): AnyCapability | undefined;
}

/** How deep output schemas are followed (steps.x.output.body.items is three levels below output). */
const MAX_DEPTH = 2;

/** The suggestions for a field of step number `index` of `definition`. */
export function referenceSuggestions(
  definition: WorkflowDefinition,
  index: number,
  capabilities: CapabilitySource,
  site: ReferenceSite = 'input',
): ReferenceSuggestion[] {
  const steps = Array.isArray(definition.steps) ? definition.steps : [];
  const step = steps[index] as WorkflowStep | undefined;
  const suggestions: ReferenceSuggestion[] = [];
  const properties = objectProperties(definition.inputs);
  for (const [name, schema] of properties)
    suggestions.push({ path: formatPath(['inputs', name]), detail: `input${typeName(schema)}` });
  if (step?.forEach) {
    suggestions.push({ path: 'item', detail: 'the current element of the fan-out' });
    suggestions.push({ path: 'index', detail: 'its position in the list (0, 1, …)' });
  }
  if (site === 'compensate') {
    suggestions.push({ path: 'error.message', detail: 'why the step failed' });
    suggestions.push({ path: 'error.code', detail: 'the error code, e.g. http-network' });
  }
  if (site === 'until' && step) {
    suggestions.push({ path: 'output', detail: 'the output of the attempt being checked' });
    for (const field of outputFields(capabilities.get(step.capability ?? '')?.outputSchema, ['output'], 0))
      suggestions.push(field);
  }
  const blocked = step ? safeDownstream(definition, step.id) : new Set<string>();
  for (const other of steps) {
    if (!other || typeof other.id !== 'string' || blocked.has(other.id)) continue;
    const capability = other.capability ? capabilities.get(other.capability) : undefined;
    const source = other.capability ?? (other.workflow ? `workflow ${other.workflow}` : 'step');
    const base = ['steps', other.id, 'output'];
    if (other.forEach) {
      suggestions.push({ path: formatPath(base), detail: `outputs of ${other.id} (a list, one per item)` });
      continue;
    }
    suggestions.push({ path: formatPath(base), detail: `output of ${other.id} (${source})` });
    suggestions.push(...outputFields(capability?.outputSchema, base, 0));
  }
  suggestions.push({ path: 'run.id', detail: 'the id of this run' });
  suggestions.push({ path: 'run.startedAt', detail: 'when this run started (epoch ms)' });
  return suggestions;
}

/** Filters suggestions by what was typed after '{{': paths starting with it first, then paths containing it. */
export function matchSuggestions(all: readonly ReferenceSuggestion[], typed: string, limit = 8): ReferenceSuggestion[] {
  const needle = typed.trim().toLowerCase();
  if (!needle) return all.slice(0, limit);
  const starts = all.filter((s) => s.path.toLowerCase().startsWith(needle));
  const contains = all.filter((s) => !starts.includes(s) && s.path.toLowerCase().includes(needle));
  return [...starts, ...contains].slice(0, limit);
}

/** The steps that would form a loop if this step referenced them: itself and everything after it. */
function safeDownstream(definition: WorkflowDefinition, stepId: string): Set<string> {
  try {
    return downstreamOf(definition, stepId);
  } catch (error) {
    // A malformed draft (steps without ids, …): offer nothing from other steps rather than a wrong list.
    if (error instanceof TypeError) return new Set((definition.steps ?? []).map((s) => s?.id));
    throw error;
  }
}

/** Fields an output schema declares, as suggestions below `base`. */
function outputFields(schema: JsonSchema | undefined, base: (string | number)[], depth: number): ReferenceSuggestion[] {
  if (depth >= MAX_DEPTH) return [];
  const found: ReferenceSuggestion[] = [];
  for (const [name, child] of objectProperties(schema)) {
    const path = [...base, name];
    const description =
      typeof child === 'object' && typeof child.description === 'string' ? ` — ${child.description}` : '';
    found.push({ path: formatPath(path), detail: `field${typeName(child)}${description}` });
    found.push(...outputFields(child, path, depth + 1));
  }
  return found;
}

function objectProperties(schema: JsonSchema | undefined): [string, JsonSchema][] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties as Record<string, JsonSchema>);
}

/** ': string' for a schema with a type, '' otherwise. */
function typeName(schema: JsonSchema): string {
  if (typeof schema !== 'object' || schema === null) return '';
  const type = schema.type;
  if (typeof type === 'string') return `: ${type}`;
  if (Array.isArray(type)) return `: ${type.join(' | ')}`;
  if (Array.isArray(schema.enum)) return `: one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  return '';
}
