/**
 * The grant scopes a workflow's steps need, known before it runs: each capability computes its scopes from an input
 * (http.request: the net scope of its URL), so each step's input is given to it with its `{{references}}` replaced —
 * by the input's default when the workflow's inputs schema has one, else by a placeholder. A scope that came out of a
 * reference covers the whole host ('https://api.example.com/items/{{inputs.id}}' → net:https://api.example.com/*);
 * one whose host or name comes from a reference cannot be known until the run, and is listed as such.
 */
import type { AnyCapability } from '../../../core/capabilities/index.js';
import { errorMessage } from '../../../core/errors.js';
import type { WorkflowDefinition } from '../model/types.js';

/** A scope the workflow needs, and the steps that need it. */
export interface ScopeNeed {
  scope: string;
  steps: string[];
}

/** A step whose scopes cannot be known before the run, and why. */
export interface ScopeUnknown {
  stepId: string;
  reason: string;
}

/** What a workflow needs from the supervisor. */
export interface WorkflowScopes {
  /** Sorted by scope. */
  needs: ScopeNeed[];
  unknown: ScopeUnknown[];
  /** Sub-workflows it runs (besides workflow:run:<id> here, their steps run as workflow:<id> with their own grants). */
  subWorkflows: string[];
}

/** Looks capabilities up by name (the registry). */
export interface CapabilityLookup {
  get(name: string): AnyCapability | undefined;
}

/** Placeholders are plain letters and digits, so they survive URL parsing in a host or a path. */
const MARKER = /cometref(\d+)x/;
const marker = (i: number) => `cometref${i}x`;
const REFERENCE = /(?<!\\)\{\{(.*?)\}\}/g;

/** The scopes `definition` needs, step by step (compensation steps included). */
export function workflowScopes(definition: WorkflowDefinition, capabilities: CapabilityLookup): WorkflowScopes {
  const needs = new Map<string, Set<string>>();
  const unknown: ScopeUnknown[] = [];
  const subWorkflows = new Set<string>();
  const defaults = inputDefaults(definition);
  const need = (scope: string, stepId: string) => {
    if (!needs.has(scope)) needs.set(scope, new Set());
    needs.get(scope)!.add(stepId);
  };
  const add = (stepId: string, capability: string | undefined, input: unknown, what = '') => {
    if (!capability) return;
    const found = capabilities.get(capability);
    if (!found) return; // validation reports unknown capabilities
    const result = stepScopes(found, input, defaults);
    for (const scope of result.scopes) need(scope, stepId);
    if (result.unknown) unknown.push({ stepId, reason: `${what}${result.unknown}` });
  };
  for (const step of Array.isArray(definition.steps) ? definition.steps : []) {
    if (step.workflow) {
      subWorkflows.add(step.workflow);
      // A sub-workflow step calls workflow.run, which needs workflow:run:<child> (the child's own steps run as it).
      if (capabilities.get('workflow.run'))
        add(step.id, 'workflow.run', { workflowId: step.workflow, inputs: step.input });
      else need(`workflow:run:${step.workflow}`, step.id);
    }
    add(step.id, step.capability, step.input);
    const onError = step.onError;
    if (typeof onError === 'object' && onError !== null && onError.compensate)
      add(step.id, onError.compensate.capability, onError.compensate.input, 'its compensation: ');
  }
  return {
    needs: [...needs]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([scope, steps]) => ({ scope, steps: [...steps] })),
    unknown,
    subWorkflows: [...subWorkflows],
  };
}

/** The scopes one capability needs for an input with references, or why they cannot be known yet. */
export function stepScopes(
  capability: AnyCapability,
  input: unknown,
  defaults: Record<string, unknown> = {},
): { scopes: string[]; unknown?: string } {
  const references: string[] = [];
  const substituted: string[] = [];
  const placeholderInput = substitute(input ?? {}, defaults, references, substituted);
  let raw: string[];
  try {
    raw = capability.scopes(placeholderInput).map(String);
  } catch (error) {
    const from = references.length ? ` (it depends on ${references.map((r) => `{{${r}}}`).join(', ')})` : '';
    return { scopes: [], unknown: `${capability.name} cannot say what it needs yet${from}: ${errorMessage(error)}` };
  }
  const scopes: string[] = [];
  const unresolved: string[] = [];
  for (const scope of raw) {
    const generalised = generalise(scope, references, substituted);
    if (typeof generalised === 'string') scopes.push(generalised);
    else unresolved.push(generalised.reason);
  }
  return { scopes: [...new Set(scopes)], ...(unresolved.length ? { unknown: unresolved.join('; ') } : {}) };
}

/** The defaults of the workflow's inputs ({ baseUrl: 'http://…' }), from its inputs schema. */
function inputDefaults(definition: WorkflowDefinition): Record<string, unknown> {
  const properties = (definition.inputs as { properties?: Record<string, { default?: unknown }> } | undefined)
    ?.properties;
  if (!properties || typeof properties !== 'object') return {};
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, schema]) => schema && typeof schema === 'object' && schema.default !== undefined)
      .map(([name, schema]) => [name, schema.default]),
  );
}

/** A copy of `value` with every reference replaced by its input default or a numbered placeholder. */
function substitute(
  value: unknown,
  defaults: Record<string, unknown>,
  references: string[],
  substituted: string[],
): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{(.*?)\}\}$/.exec(value);
    const wholeDefault = whole ? defaultFor(whole[1], defaults) : undefined;
    if (wholeDefault !== undefined) {
      if (typeof wholeDefault === 'string') substituted.push(wholeDefault);
      return wholeDefault;
    }
    return value.replace(REFERENCE, (_match, path: string) => {
      const fallback = defaultFor(path, defaults);
      if (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean') {
        substituted.push(String(fallback));
        return String(fallback);
      }
      references.push(path.trim());
      return marker(references.length - 1);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, defaults, references, substituted));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, defaults, references, substituted)]),
    );
  return value;
}

/** The default of `inputs.<name>`, for a path that names one. */
function defaultFor(path: string, defaults: Record<string, unknown>): unknown {
  const match = /^\s*inputs\.([\w$-]+)\s*$/.exec(path);
  return match && Object.hasOwn(defaults, match[1]) ? defaults[match[1]] : undefined;
}

/**
 * A scope computed from placeholders, as a grant can hold it: a net scope whose path came from a reference or an
 * input default covers the whole host; a scope whose host or name is a placeholder cannot be known.
 */
function generalise(scope: string, references: string[], substituted: string[]): string | { reason: string } {
  const placeholder = MARKER.exec(scope);
  if (scope.startsWith('net:')) {
    const url = URL.canParse(scope.slice(4)) ? new URL(scope.slice(4)) : undefined;
    if (url && MARKER.test(url.host))
      return { reason: `the host comes from {{${references[Number(MARKER.exec(url.host)![1])]}}}` };
    const fromInput = substituted.some((text) => text && scope.includes(text.replace(/\/+$/, '')));
    if (url && (placeholder || fromInput)) return `net:${url.protocol}//${url.host}/*`;
    return scope;
  }
  if (placeholder)
    return { reason: `${scope.replace(MARKER, '…')} depends on {{${references[Number(placeholder[1])]}}}` };
  return scope;
}
