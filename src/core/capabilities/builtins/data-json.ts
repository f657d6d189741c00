/** `data.json.parse` and `data.json.stringify`: JSON text to a value and back, size-capped. */
import { errorMessage } from '../../errors.js';
import type { CapabilityDefinition } from '../types.js';
import { badInput, checkSize, TEXT_SCHEMA } from './data-limits.js';

const TEXT_OUTPUT = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text: TEXT_SCHEMA },
} as const;

/** The data.json.parse capability. */
export function dataJsonParse(): CapabilityDefinition<{ text: string }, { value: unknown }> {
  const name = 'data.json.parse';
  return {
    name,
    description: 'Parses JSON text into a value; a syntax error names where it is.',
    inputSchema: {
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text: TEXT_SCHEMA },
    },
    outputSchema: { type: 'object', required: ['value'], additionalProperties: false, properties: { value: {} } },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Parse JSON' },
    scopes: () => [],
    run: ({ text }) => {
      try {
        return Promise.resolve({ value: JSON.parse(text) as unknown });
      } catch (error) {
        // The engine's message carries the position ("... at position 12 (line 2 column 3)").
        throw badInput(name, `the text is not valid JSON: ${errorMessage(error)}`, error);
      }
    },
  };
}

/** The data.json.stringify capability. */
export function dataJsonStringify(): CapabilityDefinition<{ value: unknown; indent?: number }, { text: string }> {
  const name = 'data.json.stringify';
  return {
    name,
    description: 'Writes a value as JSON text, compact or indented by `indent` spaces (0 to 8).',
    inputSchema: {
      type: 'object',
      required: ['value'],
      additionalProperties: false,
      properties: { value: {}, indent: { type: 'integer', minimum: 0, maximum: 8 } },
    },
    outputSchema: TEXT_OUTPUT,
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Write JSON' },
    scopes: () => [],
    run: ({ value, indent = 0 }) => {
      const text = JSON.stringify(value, null, indent);
      checkSize(name, 'the text', text);
      return Promise.resolve({ text });
    },
  };
}
