/** Size caps shared by the data.* capabilities, and the error they raise for input a caller got wrong. */
import { CometError } from '../../errors.js';

/** The longest text (characters) a data.* capability takes or returns: 1 M, so one step cannot stall the page. */
export const MAX_DATA_CHARS = 1_000_000;

/** The output schema of the list steps (data.map, data.filter): `{ items: [...] }`. */
export const ITEMS_OUTPUT_SCHEMA = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array' } },
} as const;

/** A JSON Schema for text capped at MAX_DATA_CHARS. */
export const TEXT_SCHEMA = { type: 'string', maxLength: MAX_DATA_CHARS } as const;

/** The 'invalid-input' error of `capability`: input that passed the schema but cannot be used. */
export function badInput(capability: string, summary: string, cause?: unknown): CometError {
  return new CometError('invalid-input', { capability, summary }, { cause });
}

/** Throws when `value`, written as JSON, is longer than MAX_DATA_CHARS (`what` names it in the message). */
export function checkSize(capability: string, what: string, value: unknown): void {
  const size = typeof value === 'string' ? value.length : (JSON.stringify(value)?.length ?? 0);
  if (size > MAX_DATA_CHARS)
    throw badInput(capability, `${what} is ${size} characters as JSON; the limit is ${MAX_DATA_CHARS}`);
}
