/**
 * `data.template`: fills `{{path.to.value}}` placeholders from a data object. A plain substitution written here,
 * with no expressions and no eval.
 *
 * Rules:
 * - `{{ path }}`: spaces inside the braces are ignored; the path is property names separated by dots, and an array
 *   element is a numeric segment (`items.0.name`). Only own properties are read (never `constructor` or
 *   `__proto__` from a prototype).
 * - Strings are inserted as they are (no HTML escaping: the result is plain text); numbers, booleans and null as
 *   JSON text; objects and arrays as compact JSON.
 * - A path that leads nowhere fails the call with the placeholder named; so does an unclosed `{{`.
 * - `\{{` writes a literal `{{`, and `\\` a literal backslash; any other backslash is kept as it is.
 */
import type { CapabilityDefinition } from '../types.js';
import { badInput, checkSize, TEXT_SCHEMA } from './data-limits.js';

const NAME = 'data.template';

/** The input of data.template. */
export interface DataTemplateInput {
  template: string;
  data: Record<string, unknown>;
}

/** The value at a dotted path in `data`, or `missing` when any segment is absent. */
function lookup(data: unknown, path: string, missing: symbol): unknown {
  let value: unknown = data;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return missing;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Renders `template` with values from `data`, by the rules above. */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  const missing = Symbol('missing');
  let out = '';
  let at = 0;
  while (at < template.length) {
    if (template.startsWith('\\\\', at) || template.startsWith('\\{{', at)) {
      const literal = template[at + 1] === '\\' ? '\\' : '{{';
      out += literal;
      at += 1 + literal.length;
      continue;
    }
    if (!template.startsWith('{{', at)) {
      out += template[at];
      at += 1;
      continue;
    }
    const end = template.indexOf('}}', at + 2);
    if (end < 0) throw badInput(NAME, `the placeholder opened at character ${at} has no closing }}`);
    const placeholder = template.slice(at, end + 2);
    const path = template.slice(at + 2, end).trim();
    if (!/^[^.\s{}]+(\.[^.\s{}]+)*$/.test(path))
      throw badInput(NAME, `the placeholder ${placeholder} is not a dotted path like {{user.name}}`);
    const value = lookup(data, path, missing);
    if (value === missing || value === undefined)
      throw badInput(NAME, `the placeholder ${placeholder} has no value: "${path}" is not in the data`);
    out += typeof value === 'string' ? value : JSON.stringify(value);
    at = end + 2;
  }
  return out;
}

/** The data.template capability. */
export function dataTemplate(): CapabilityDefinition<DataTemplateInput, { text: string }> {
  return {
    name: NAME,
    description:
      'Fills {{path.to.value}} placeholders in a text template from a data object (array elements as items.0). ' +
      'Fails, naming the placeholder, when a path is not in the data. Write \\{{ for a literal {{.',
    inputSchema: {
      type: 'object',
      required: ['template', 'data'],
      additionalProperties: false,
      properties: { template: TEXT_SCHEMA, data: { type: 'object' } },
    },
    outputSchema: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text: TEXT_SCHEMA },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Fill a text template' },
    scopes: () => [],
    run: ({ template, data }) => {
      checkSize(NAME, 'data', data);
      const text = renderTemplate(template, data);
      checkSize(NAME, 'the text', text);
      return Promise.resolve({ text });
    },
  };
}
