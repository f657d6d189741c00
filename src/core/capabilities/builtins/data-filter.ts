/**
 * `data.filter`: keeps the elements of a list that satisfy every clause of `where`, in their order.
 *
 * A clause reads the value at `path` in the element (a dotted path, 'user.age' or 'tags.0'; no path: the element
 * itself) and compares it with `value`:
 * - eq / ne: JSON equality (objects and lists compared by content);
 * - gt / gte / lt / lte: two numbers, or two strings (compared by code point); any other pair does not match;
 * - contains: a string that contains the text `value`, or a list with an element equal to `value`;
 * - exists: the path has a value (null counts); `value: false` asks for elements where it has none.
 * A missing value matches only `ne` and `exists: false`.
 */
import type { CapabilityDefinition } from '../types.js';
import { badInput, checkSize, ITEMS_OUTPUT_SCHEMA } from './data-limits.js';
import { deepEqual } from '../../../modules/workflows/model/conditions.js';
import { dotSegments, readPath } from './data-path.js';

const NAME = 'data.filter';

/** The comparisons of a data.filter clause. */
export const FILTER_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists'] as const;

/** One clause of data.filter. */
export interface FilterClause {
  /** A dotted path into each element; absent for the element itself. */
  path?: string;
  op: (typeof FILTER_OPS)[number];
  value?: unknown;
}

/** The input of data.filter. */
export interface DataFilterInput {
  items: unknown[];
  where: FilterClause | FilterClause[];
}

/** A clause prepared once for every element. */
interface Test {
  segments: string[];
  op: FilterClause['op'];
  value: unknown;
}

function ordered(op: 'gt' | 'gte' | 'lt' | 'lte', a: unknown, b: unknown): boolean {
  const comparable =
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  return op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : a <= b;
}

/** Whether `item` satisfies `test`, by the rules above. */
function holds(item: unknown, test: Test): boolean {
  const read = test.segments.length ? readPath(item, test.segments) : { found: item !== undefined, value: item };
  if (test.op === 'exists') return read.found === (test.value ?? true);
  if (!read.found) return test.op === 'ne';
  const actual = read.value;
  switch (test.op) {
    case 'eq':
      return deepEqual(actual, test.value);
    case 'ne':
      return !deepEqual(actual, test.value);
    case 'contains':
      if (typeof actual === 'string') return typeof test.value === 'string' && actual.includes(test.value);
      return Array.isArray(actual) && actual.some((element) => deepEqual(element, test.value));
    default:
      return ordered(test.op, actual, test.value);
  }
}

/** The clauses checked and prepared: `value` is required except for exists, where it is a boolean. */
function prepare(where: FilterClause | FilterClause[]): Test[] {
  return (Array.isArray(where) ? where : [where]).map((clause, i) => {
    const at = Array.isArray(where) ? `where[${i}]` : 'where';
    if (clause.op === 'exists') {
      if (clause.value !== undefined && typeof clause.value !== 'boolean')
        throw badInput(NAME, `${at}.value must be true or false with op "exists"`);
    } else if (clause.value === undefined) throw badInput(NAME, `${at}.value is required with op "${clause.op}"`);
    const segments = clause.path === undefined ? [] : dotSegments(NAME, clause.path);
    return { segments, op: clause.op, value: clause.value };
  });
}

const CLAUSE_SCHEMA = {
  type: 'object',
  required: ['op'],
  additionalProperties: false,
  properties: {
    path: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      description: "A dotted path into each element ('user.age', 'tags.0'); leave out to test the element itself.",
    },
    op: { enum: [...FILTER_OPS] },
    value: { description: 'What to compare with (true or false for exists).' },
  },
} as const;

/** The data.filter capability. */
export function dataFilter(): CapabilityDefinition<DataFilterInput, { items: unknown[] }> {
  return {
    name: NAME,
    description:
      'Keeps the elements of a list whose value at `path` compares to `value` (eq, ne, gt, gte, lt, lte, ' +
      'contains, exists); with a list of clauses, every clause must hold.',
    inputSchema: {
      type: 'object',
      required: ['items', 'where'],
      additionalProperties: false,
      properties: {
        items: { type: 'array' },
        where: { anyOf: [CLAUSE_SCHEMA, { type: 'array', minItems: 1, maxItems: 100, items: CLAUSE_SCHEMA }] },
      },
    },
    outputSchema: ITEMS_OUTPUT_SCHEMA,
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Filter a list' },
    scopes: () => [],
    run: ({ items, where }) => {
      checkSize(NAME, 'items', items);
      const tests = prepare(where);
      return Promise.resolve({ items: items.filter((item) => tests.every((test) => holds(item, test))) });
    },
  };
}
