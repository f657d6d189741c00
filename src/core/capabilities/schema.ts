/**
 * JSON Schema validation that works under the app's strict CSP: @cfworker/json-schema interprets a schema
 * instead of compiling it to code (no eval, no new Function). Errors come back as a path a person can read
 * (`headers.Authorization`, `items[2].id`) and a short message, one per actual problem.
 */
import { Validator, type OutputUnit } from '@cfworker/json-schema';

/** A JSON Schema (draft 2020-12): an object of keywords, or `true`/`false`. */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** One problem with a value: where (empty for the value itself) and what. */
export interface SchemaError {
  /** Dotted path with brackets for indices and odd keys: `headers.Authorization`, `items[2].id`, `meta["a.b"]`. */
  path: string;
  message: string;
}

/** The result of validate(). */
export type ValidationResult = { ok: true } | { ok: false; errors: SchemaError[] };

/** Validators by schema object: prepared once, reused (a schema must not be changed after its first use). */
const cache = new WeakMap<object, Validator>();
const booleanValidators = {
  true: new Validator(true, '2020-12', false),
  false: new Validator(false, '2020-12', false),
};

/** Checks `value` against `schema` (draft 2020-12, formats checked); lists every problem found. */
export function validate(schema: JsonSchema, value: unknown): ValidationResult {
  const result = validatorFor(schema).validate(value);
  if (result.valid) return { ok: true };
  return { ok: false, errors: explain(result.errors) };
}

/** The problems as one line: `url is required; method must be one of "GET", "POST"`. */
export function describeErrors(errors: readonly SchemaError[]): string {
  return errors.map((e) => (e.path ? `${e.path} ${e.message}` : `the value ${e.message}`)).join('; ');
}

function validatorFor(schema: JsonSchema): Validator {
  if (typeof schema === 'boolean') return booleanValidators[`${schema}`];
  let validator = cache.get(schema);
  if (!validator) {
    // A copy: the validator annotates the schema objects it is given, and the caller's may be frozen or shared.
    validator = new Validator(structuredClone(schema), '2020-12', false);
    cache.set(schema, validator);
  }
  return validator;
}

/** Keywords whose own error only says "something inside failed"; the error inside says what. */
const SUMMARIES = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'allOf',
  '$ref',
  '$recursiveRef',
  '$dynamicRef',
  'dependentSchemas',
  'dependencies',
  'if',
  'then',
  'else',
  'propertyNames',
]);
/** Keywords whose sub-errors are alternatives that all failed: the summary is clearer than each alternative. */
const ALTERNATIVES = new Set(['anyOf', 'oneOf', 'not']);

/** Turns the validator's output units into one readable error per problem, without duplicates. */
function explain(units: OutputUnit[]): SchemaError[] {
  const alternatives = units.filter((u) => ALTERNATIVES.has(u.keyword)).map((u) => `${u.keywordLocation}/`);
  const inside = units.filter((u) => !alternatives.some((prefix) => u.keywordLocation.startsWith(prefix)));
  const leaves = inside.filter((u) => !SUMMARIES.has(u.keyword));
  const chosen = leaves.length ? leaves : inside;
  const seen = new Set<string>();
  const errors: SchemaError[] = [];
  for (const unit of chosen) {
    const error = describe(unit);
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(error);
  }
  return errors;
}

/** One output unit as a path and a short message. */
function describe(unit: OutputUnit): SchemaError {
  const segments = pointerSegments(unit.instanceLocation);
  const text = unit.error;
  const required = /^Instance does not have required property "(.*)"\.$/.exec(text);
  if (unit.keyword === 'required' && required) {
    return { path: formatPath([...segments, required[1]]), message: 'is required' };
  }
  const path = formatPath(segments);
  const type = /^Instance type "(.*)" is invalid\. Expected (.*)\.$/.exec(text);
  if (unit.keyword === 'type' && type) {
    return { path, message: `must be ${type[2].replaceAll('"', '')} (got ${type[1]})` };
  }
  if (unit.keyword === 'false') return { path, message: 'is not allowed' };
  const format = /^String does not match format "(.*)"\.$/.exec(text);
  if (unit.keyword === 'format' && format) return { path, message: `must be a valid ${format[1]}` };
  const anyOf = /^Instance does not match (any|exactly one) subschemas?/.exec(text);
  if (anyOf)
    return { path, message: `matches ${anyOf[1] === 'any' ? 'none' : 'not exactly one'} of the allowed forms` };
  if (unit.keyword === 'enum')
    return { path, message: text.replace(/^Instance does not match any of /, 'must be one of ').replace(/\.$/, '') };
  if (unit.keyword === 'const')
    return { path, message: text.replace(/^Instance does not match /, 'must be ').replace(/\.$/, '') };
  return { path, message: text.replace(/^Instance /, '').replace(/\.$/, '') };
}

/** The segments of the validator's instance location ('#/a/b%20c/0'): URI-encoded JSON Pointer after '#'. */
function pointerSegments(location: string): string[] {
  const pointer = location.replace(/^#/, '');
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Segments as `a.b[2]["odd key"]`. */
function formatPath(segments: string[]): string {
  let path = '';
  for (const segment of segments) {
    if (/^(0|[1-9]\d*)$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
