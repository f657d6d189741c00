/**
 * Workflow files as people exchange them: one workflow ('comet-workflow/1'), a bundle `{ workflows: [...] }`, or the
 * templates file ('comet-workflow-templates/1', served as workflow-templates.json and importable too). Reading checks
 * the shape only; the store validates every workflow before saving any.
 */
import type { CapabilityRegistry } from '../../../core/capabilities/index.js';
import { CometError } from '../../../core/errors.js';
import type { WorkflowRow } from '../../../db/schema.js';
import { WORKFLOW_FORMAT } from '../model/schema.js';
import type { WorkflowDefinition } from '../model/types.js';
import { parseJsonText } from './json-text.js';
import type { WorkflowTemplate } from './types.js';
import { workflowScopes } from './workflow-scopes.js';

export { WORKFLOW_FORMAT };

/** The format of workflow-templates.json. */
export const TEMPLATES_FORMAT = 'comet-workflow-templates/1';

const fileError = (reason: string, details: Record<string, unknown> = {}) =>
  new CometError('workflow-file-invalid', { reason, ...details });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses JSON text, or throws 'workflow-file-invalid' naming the line and column of the first syntax error. */
function parseFile(text: string): unknown {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  const { line, column, message } = parsed.error;
  throw fileError(`It is not JSON: line ${line}, column ${column}: ${message}.`, { line, column });
}

/** The workflows of a file, in file order; throws 'workflow-file-invalid' when the file has none or a bad shape. */
export function readWorkflowFile(text: string): WorkflowDefinition[] {
  const value = parseFile(text);
  if (!isObject(value))
    throw fileError('A workflow file holds one workflow (an object with "steps") or { "workflows": [...] }.');
  let list: unknown[];
  if (Array.isArray(value.workflows)) list = value.workflows;
  else if (value.format === TEMPLATES_FORMAT && Array.isArray(value.templates))
    list = (value.templates as unknown[]).map((t) => (isObject(t) ? t.workflow : t));
  else if ('steps' in value || 'id' in value) list = [value];
  else throw fileError('It holds no workflow: expected an object with "id" and "steps", or { "workflows": [...] }.');
  if (!list.length) throw fileError('Its list of workflows is empty.');
  const notObject = list.findIndex((w) => !isObject(w));
  if (notObject >= 0)
    throw fileError(`Entry ${notObject + 1} of its list (/workflows/${notObject}) is not a workflow object.`);
  return list as WorkflowDefinition[];
}

/** The templates of workflow-templates.json (shape-checked; each is marked 'builtin'). */
export function readTemplatesFile(text: string): WorkflowTemplate[] {
  let value: unknown;
  try {
    value = parseFile(text);
  } catch (error) {
    throw new CometError('workflow-templates-unavailable', { reason: (error as Error).message }, { cause: error });
  }
  if (!isObject(value) || value.format !== TEMPLATES_FORMAT || !Array.isArray(value.templates))
    throw new CometError('workflow-templates-unavailable', {
      reason: `the file is not a templates file ({ "format": "${TEMPLATES_FORMAT}", "templates": [...] })`,
    });
  return value.templates
    .filter((t): t is Record<string, unknown> => isObject(t) && isObject(t.workflow))
    .map((t) => ({ ...(t as unknown as WorkflowTemplate), source: 'builtin' as const }));
}

/** The row id of a user template (templates and workflows share the table, so their keys must not collide). */
export function templateRowId(workflowId: string): string {
  return `template:${workflowId}`;
}

/** A user template as the gallery shows it: its inputs documented from their schemas, its grants derived. */
export function userTemplate(row: WorkflowRow, capabilities: Pick<CapabilityRegistry, 'get'>): WorkflowTemplate {
  const workflow = row.definition;
  const properties = (workflow.inputs as { properties?: Record<string, { description?: unknown }> } | undefined)
    ?.properties;
  const inputsDoc = isObject(properties)
    ? Object.fromEntries(
        Object.entries(properties).map(([name, schema]) => [
          name,
          isObject(schema) && typeof schema.description === 'string' ? schema.description : '',
        ]),
      )
    : undefined;
  return {
    workflow,
    source: 'user',
    ...(inputsDoc && Object.keys(inputsDoc).length ? { inputsDoc } : {}),
    grants: workflowScopes(workflow, capabilities).needs.map((n) => n.scope),
  };
}
