/**
 * The editor's model of a workflow being edited: the document (what the JSON says, saved as it is once valid), new
 * steps with free ids, moving and removing steps, and the drafts left unsaved when the editor closed, so coming back
 * restores them.
 */
import { WORKFLOW_FORMAT } from './model/schema.js';
import type { WorkflowDefinition, WorkflowStep } from './model/types.js';

/** A new, empty workflow. */
export function blankWorkflow(id: string): WorkflowDefinition {
  return { format: WORKFLOW_FORMAT, id, name: 'Untitled workflow', steps: [] };
}

/** The workflow as the JSON view shows it. */
export function workflowText(document: unknown): string {
  return JSON.stringify(document, null, 2);
}

/** True for the objects the forms can show (anything else is edited in the JSON only). */
export function isDefinition(value: unknown): value is WorkflowDefinition {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The steps of a definition that may be malformed (the JSON can say anything). */
export function stepsOf(definition: WorkflowDefinition): WorkflowStep[] {
  return Array.isArray(definition.steps) ? definition.steps : [];
}

/** A step id not used yet, from the capability's last name part ('http.request' → 'request', then 'request-2'). */
export function newStepId(definition: WorkflowDefinition, capability: string | undefined): string {
  const base =
    (capability ?? 'subflow')
      .split('.')
      .pop()!
      .replace(/[^A-Za-z0-9_-]/g, '-')
      .replace(/^[^A-Za-z]+/, '') || 'step';
  const taken = new Set(stepsOf(definition).map((s) => s?.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new step calling `capability` (or running a sub-workflow). */
export function newStep(definition: WorkflowDefinition, pick: { capability?: string; workflow?: true }): WorkflowStep {
  const id = newStepId(definition, pick.capability);
  return pick.capability ? { id, capability: pick.capability, input: {} } : { id, workflow: '', input: {} };
}

/** The definition with its steps replaced. */
export function withSteps(definition: WorkflowDefinition, steps: WorkflowStep[]): WorkflowDefinition {
  return { ...definition, steps };
}

/** Moves element `from` to `to`; returns a new list. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** The index of the step a JSON Pointer is in ('/steps/3/input/url' → 3). */
export function stepIndexOf(pointer: string): number | undefined {
  const match = /^\/steps\/(\d+)(?:\/|$)/.exec(pointer);
  return match ? Number(match[1]) : undefined;
}

/** The definition with top-level fields patched (undefined values remove their field). */
export function patchDefinition(
  definition: WorkflowDefinition,
  patch: Partial<WorkflowDefinition>,
): WorkflowDefinition {
  const next: Record<string, unknown> = { ...definition, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete next[key];
  return next as unknown as WorkflowDefinition;
}

/** Unsaved editor texts by workflow id ('' for a new one), kept while the page lives. */
const unsaved = new Map<string, string>();

/** Keeps the unsaved text of a workflow for when the editor opens it again. */
export function keepDraft(id: string, text: string): void {
  unsaved.set(id, text);
}

/** The unsaved text of a workflow, if the editor closed with one. */
export function draftOf(id: string): string | undefined {
  return unsaved.get(id);
}

/** Forgets the unsaved text of a workflow (it was saved or discarded). */
export function dropDraft(id: string): void {
  unsaved.delete(id);
}
