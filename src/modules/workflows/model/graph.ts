/**
 * The step graph of a workflow: which steps each step waits for, in what layers they can run, cycles, and what lies
 * downstream of a step. A step depends on the steps in its `needs` and on every step its input, if, forEach,
 * concurrency.key or throttle.key references. `until` and onError are not dependencies: they read the step's own
 * output or error.
 */
import { CometError } from '../../../core/errors.js';
import { stepsReferenced } from './references.js';
import type { WorkflowDefinition, WorkflowStep } from './types.js';

/** The parts of a definition the graph reads. */
type GraphInput = Pick<WorkflowDefinition, 'steps'>;

/** The ids of the steps a step references or needs, whether or not they exist. */
export function declaredDependencies(step: WorkflowStep): Set<string> {
  const referenced = stepsReferenced([step.input, step.if, step.forEach, step.concurrency?.key, step.throttle?.key]);
  return new Set([...(Array.isArray(step.needs) ? step.needs : []), ...referenced]);
}

/**
 * For each step id (in definition order), the ids of the steps it waits for. Names of steps that do not exist are
 * left out (validation reports them); a step that references itself depends on itself, which is a cycle.
 */
export function stepDependencies(def: GraphInput): Map<string, Set<string>> {
  const ids = new Set(def.steps.map((s) => s.id));
  const graph = new Map<string, Set<string>>();
  for (const step of def.steps) {
    const deps = [...declaredDependencies(step)].filter((id) => ids.has(id));
    const existing = graph.get(step.id);
    graph.set(step.id, new Set([...(existing ?? []), ...deps]));
  }
  return graph;
}

/** A dependency loop as the ids along it, first repeated at the end (['a', 'b', 'a']: a waits for b, b for a). */
export function findCycle(def: GraphInput): string[] | undefined {
  const graph = stepDependencies(def);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of graph.get(id) ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of graph.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Steps grouped by depth: layer 0 depends on nothing, layer n on steps of layers below n only (at least one in n−1).
 * Within a layer the definition order is kept. Throws CometError 'invalid-argument' naming the loop on a cycle.
 */
export function topologicalLayers(def: GraphInput): string[][] {
  const cycle = findCycle(def);
  if (cycle) {
    throw new CometError('invalid-argument', {
      what: "The workflow's steps",
      reason: `they wait for each other in a loop: ${cycle.join(' → ')}`,
    });
  }
  const graph = stepDependencies(def);
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const d = Math.max(-1, ...[...(graph.get(id) ?? [])].map(depthOf)) + 1;
    depth.set(id, d);
    return d;
  };
  const layers: string[][] = [];
  for (const id of graph.keys()) (layers[depthOf(id)] ??= []).push(id);
  return layers;
}

/** The step and every step that depends on it, directly or not: what re-running from that step runs again. */
export function downstreamOf(def: GraphInput, stepId: string): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const [id, deps] of stepDependencies(def)) {
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), id]);
  }
  const result = new Set<string>([stepId]);
  const queue = [stepId];
  while (queue.length) {
    for (const next of dependents.get(queue.shift()!) ?? []) {
      if (!result.has(next)) {
        result.add(next);
        queue.push(next);
      }
    }
  }
  return result;
}
