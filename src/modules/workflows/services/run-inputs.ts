/** A run's inputs against the workflow's input schema: defaults filled in, problems named before anything runs. */
import { CometError } from '../../../core/errors.js';
import { describeErrors, validate } from '../../../core/capabilities/schema.js';
import type { WorkflowDefinition } from '../model/types.js';

/** The inputs with the schema's top-level defaults filled in; throws 'invalid-input' naming every problem. */
export function checkRunInputs(
  definition: WorkflowDefinition,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const schema = definition.inputs;
  if (!schema) return inputs;
  const properties = (schema.properties ?? {}) as Record<string, { default?: unknown }>;
  const filled = { ...inputs };
  for (const [name, property] of Object.entries(properties)) {
    if (filled[name] === undefined && property.default !== undefined) filled[name] = structuredClone(property.default);
  }
  const checked = validate(schema, filled);
  if (!checked.ok) {
    throw new CometError('invalid-input', {
      capability: `workflow ${definition.name}`,
      summary: describeErrors(checked.errors),
      field: checked.errors[0]?.path,
      errors: checked.errors,
    });
  }
  return filled;
}
