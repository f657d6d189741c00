/** `data.query`: a JSONPath query over a JSON value, evaluated without eval so it runs under the app's strict CSP. */
import { errorMessage } from '../../errors.js';
import type { CapabilityDefinition } from '../types.js';
import { badInput, checkSize } from './data-limits.js';

const NAME = 'data.query';

/** The input of data.query. */
export interface DataQueryInput {
  data: unknown;
  /** A JSONPath expression starting at `$`, e.g. `$.items[?(@.price < 10)].name`. */
  path: string;
}

/**
 * Rejects paths jsonpath-plus would silently read another way (it treats an unclosed `$[` as `$`): the path must
 * start at `$` and close every quote, bracket and parenthesis it opens.
 */
function checkPath(path: string): void {
  if (!path.startsWith('$')) throw badInput(NAME, `the JSONPath "${path}" must start with $`);
  const open: string[] = [];
  let quote = '';
  for (const [index, char] of [...path].entries()) {
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '[' || char === '(') open.push(char === '[' ? ']' : ')');
    else if (char === ']' || char === ')') {
      if (open.pop() !== char) throw badInput(NAME, `the JSONPath "${path}" has an unexpected ${char} at ${index}`);
    }
  }
  const unclosed = quote || open.at(-1);
  if (unclosed) throw badInput(NAME, `the JSONPath "${path}" is missing a closing ${unclosed}`);
}

/** The data.query capability. */
export function dataQuery(): CapabilityDefinition<DataQueryInput, { matches: unknown[] }> {
  return {
    name: NAME,
    description:
      'Selects values from JSON data with a JSONPath expression (filters like [?(@.price < 10)] are supported). ' +
      'Returns every match, in document order.',
    inputSchema: {
      type: 'object',
      required: ['data', 'path'],
      additionalProperties: false,
      properties: { data: {}, path: { type: 'string', minLength: 1, maxLength: 2000 } },
    },
    outputSchema: {
      type: 'object',
      required: ['matches'],
      additionalProperties: false,
      properties: { matches: { type: 'array' } },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Query JSON (JSONPath)' },
    scopes: () => [],
    run: async ({ data, path }) => {
      checkSize(NAME, 'data', data);
      checkPath(path);
      // Loaded on first use, so the supervisor's services stay light until a workflow queries JSON.
      const { JSONPath } = await import('jsonpath-plus');
      let matches: unknown[];
      try {
        // eval 'safe': jsonpath-plus's own interpreter for filter scripts, never eval or new Function.
        matches = JSONPath<unknown[]>({ path, json: data as object, eval: 'safe', wrap: true });
      } catch (error) {
        throw badInput(NAME, `the JSONPath "${path}" could not be evaluated: ${errorMessage(error)}`, error);
      }
      checkSize(NAME, 'the result', matches);
      return { matches };
    },
  };
}
