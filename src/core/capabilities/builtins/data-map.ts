/**
 * `data.map`: builds one value per element of a list from a JSON template with `{{item.x}}` and `{{index}}`
 * placeholders, in the workflow reference language (src/modules/workflows/model/references.ts): a string that is
 * exactly one placeholder keeps the value's type, placeholders inside longer text are rendered as text, and `\{{` is
 * a literal `{{`. Inside a workflow the engine resolves references in a step's input first, so a workflow writes the
 * template's placeholders escaped ('\{{item.name}}'): the engine leaves `{{item.name}}`, and data.map fills it.
 */
import { errorMessage, isCometError } from '../../errors.js';
import { resolveValue } from '../../../modules/workflows/model/references.js';
import type { CapabilityDefinition } from '../types.js';
import { badInput, checkSize, ITEMS_OUTPUT_SCHEMA } from './data-limits.js';

const NAME = 'data.map';

/** The input of data.map. */
export interface DataMapInput {
  items: unknown[];
  /** Any JSON value; its strings may hold {{item…}} and {{index}}. */
  template: unknown;
}

/** The data.map capability. */
export function dataMap(): CapabilityDefinition<DataMapInput, { items: unknown[] }> {
  return {
    name: NAME,
    description:
      'Turns each element of a list into a new value built from a JSON template: {{item.name}}, {{item.tags[0]}} ' +
      'and {{index}} are filled from the element (a placeholder alone keeps its type). In a workflow step, write ' +
      'the placeholders as \\{{item.name}} so the engine passes them on.',
    inputSchema: {
      type: 'object',
      required: ['items', 'template'],
      additionalProperties: false,
      properties: {
        items: { type: 'array' },
        template: { description: 'Any JSON value; its strings may hold {{item…}} and {{index}} placeholders.' },
      },
    },
    outputSchema: ITEMS_OUTPUT_SCHEMA,
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Map a list' },
    scopes: () => [],
    run: ({ items, template }) => {
      checkSize(NAME, 'items', items);
      const mapped = items.map((item, index) => {
        try {
          return resolveValue(template, { item, index }, '/template');
        } catch (error) {
          if (isCometError(error, 'reference-missing')) {
            const { reference, at, reason } = error.details as Record<string, string>;
            throw badInput(NAME, `element ${index}: {{${reference}}} at ${at} has no value (${reason})`, error);
          }
          if (isCometError(error, 'invalid-argument')) throw badInput(NAME, errorMessage(error), error);
          throw error;
        }
      });
      checkSize(NAME, 'the result', mapped);
      return Promise.resolve({ items: mapped });
    },
  };
}
