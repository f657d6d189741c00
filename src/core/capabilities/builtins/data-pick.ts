/**
 * `data.pick`: keeps only the named fields of an object, or of every object in a list.
 *
 * Rules:
 * - A field is a dotted path ('user.name'); the result keeps the nesting ({ user: { name } }), and several fields
 *   under one parent share it ('user.name' and 'user.id' give { user: { name, id } }).
 * - A path that passes through a list picks from each of its elements ('items.id' on { items: [{ id, name }] }
 *   gives { items: [{ id }] }), so lists keep their length and order.
 * - A field that is not there is left out; an element with none of the fields becomes {}.
 * - A field and a path below it ('user' and 'user.name'): the whole field wins.
 */
import type { CapabilityDefinition } from '../types.js';
import { checkSize } from './data-limits.js';
import { dotSegments } from './data-path.js';

const NAME = 'data.pick';

/** The input of data.pick. */
export interface DataPickInput {
  value: Record<string, unknown> | Record<string, unknown>[];
  /** Dotted paths of the fields to keep. */
  fields: string[];
}

/** The fields as a tree: `true` keeps the whole value, a subtree keeps only its fields. */
type FieldTree = Map<string, FieldTree | true>;

function fieldTree(fields: readonly string[]): FieldTree {
  const root: FieldTree = new Map();
  for (const field of fields) {
    const segments = dotSegments(NAME, field);
    let node = root;
    for (const [i, segment] of segments.entries()) {
      const existing = node.get(segment);
      if (existing === true) break;
      if (i === segments.length - 1) {
        node.set(segment, true);
        break;
      }
      const child: FieldTree = existing ?? new Map<string, FieldTree | true>();
      node.set(segment, child);
      node = child;
    }
  }
  return root;
}

/** `value` reduced to the fields of `tree`, by the rules above. */
function pickFrom(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => pickFrom(item, tree));
  const picked: Record<string, unknown> = {};
  if (value === null || typeof value !== 'object') return picked;
  const source = value as Record<string, unknown>;
  for (const [key, sub] of tree) {
    if (!Object.hasOwn(source, key) || source[key] === undefined) continue;
    const field = source[key];
    if (sub === true) picked[key] = field;
    else if (field !== null && typeof field === 'object') picked[key] = pickFrom(field, sub);
  }
  return picked;
}

/** The data.pick capability. */
export function dataPick(): CapabilityDefinition<DataPickInput, { value: unknown }> {
  return {
    name: NAME,
    description:
      'Keeps only the named fields of an object or of each object in a list. Fields are dotted paths ' +
      "('user.name'); a path through a list picks from each element ('items.id'). Missing fields are left out.",
    inputSchema: {
      type: 'object',
      required: ['value', 'fields'],
      additionalProperties: false,
      properties: {
        value: {
          description: 'An object, or a list of objects.',
          anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }],
        },
        fields: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: { type: 'string', minLength: 1, maxLength: 1000 },
          description: "Dotted paths of the fields to keep, e.g. ['id', 'user.name'].",
        },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['value'],
      additionalProperties: false,
      properties: { value: { type: ['object', 'array'] } },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Pick fields' },
    scopes: () => [],
    run: ({ value, fields }) => {
      checkSize(NAME, 'value', value);
      return Promise.resolve({ value: pickFrom(value, fieldTree(fields)) });
    },
  };
}
