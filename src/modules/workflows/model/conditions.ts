/**
 * Conditions of `if` and `until`: comparisons of resolved references, combined with all/any/not. Evaluated as data,
 * never as code (the CSP forbids eval, and a workflow file must not be able to run code).
 */
import { CometError, isCometError } from '../../../core/errors.js';
import { childPointer, resolveValue, scanReferences, singleReference, type ReferenceScope } from './references.js';
import type { Condition, ConditionOperator, WorkflowProblem } from './types.js';

/** Every operator, with the words describeCondition uses and whether it needs `right`. */
export const CONDITION_OPERATORS: Readonly<Record<ConditionOperator, { words: string; binary: boolean }>> = {
  eq: { words: 'equals', binary: true },
  ne: { words: 'does not equal', binary: true },
  gt: { words: 'is greater than', binary: true },
  gte: { words: 'is at least', binary: true },
  lt: { words: 'is less than', binary: true },
  lte: { words: 'is at most', binary: true },
  contains: { words: 'contains', binary: true },
  in: { words: 'is one of', binary: true },
  matches: { words: 'matches', binary: true },
  exists: { words: 'exists', binary: false },
  truthy: { words: 'is truthy', binary: false },
  empty: { words: 'is empty', binary: false },
};

/**
 * Whether `condition` holds in `scope`. References in left/right are resolved first (a missing one throws
 * CometError 'reference-missing', except under `exists`, where it just does not exist). `at` is the condition's
 * JSON Pointer, for error messages.
 */
export function evaluateCondition(condition: Condition, scope: ReferenceScope, at = ''): boolean {
  if (typeof condition === 'string') return isTruthy(resolveValue(condition, scope, at));
  if ('all' in condition) return condition.all.every((c, i) => evaluateCondition(c, scope, `${at}/all/${i}`));
  if ('any' in condition) return condition.any.some((c, i) => evaluateCondition(c, scope, `${at}/any/${i}`));
  if ('not' in condition) return !evaluateCondition(condition.not, scope, `${at}/not`);
  const { op } = condition;
  if (op === 'exists') return resolveOrUndefined(condition.left, scope, `${at}/left`) !== undefined;
  const left = resolveValue(condition.left, scope, `${at}/left`);
  const right = CONDITION_OPERATORS[op]?.binary ? resolveValue(condition.right, scope, `${at}/right`) : undefined;
  return compare(op, left, right, at);
}

function compare(op: ConditionOperator, left: unknown, right: unknown, at: string): boolean {
  switch (op) {
    case 'eq':
      return deepEqual(left, right);
    case 'ne':
      return !deepEqual(left, right);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return order(op, left, right);
    case 'contains':
      if (typeof left === 'string') return typeof right === 'string' && left.includes(right);
      return Array.isArray(left) && left.some((element) => deepEqual(element, right));
    case 'in':
      if (Array.isArray(right)) return right.some((element) => deepEqual(element, left));
      return typeof right === 'string' && typeof left === 'string' && right.includes(left);
    case 'matches':
      return typeof left === 'string' && regex(right, `${at}/right`).test(left);
    case 'truthy':
      return isTruthy(left);
    case 'empty':
      return isEmpty(left);
    default:
      throw new CometError('invalid-argument', {
        what: `The condition operator ${JSON.stringify(op)}${at ? ` at ${at}` : ''}`,
        reason: `use one of ${Object.keys(CONDITION_OPERATORS).join(', ')}`,
      });
  }
}

/** gt/gte/lt/lte of two numbers or two strings; any other pair is false. */
function order(op: 'gt' | 'gte' | 'lt' | 'lte', left: unknown, right: unknown): boolean {
  const comparable =
    (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) return false;
  const [a, b] = [left, right] as [number, number];
  if (op === 'gt') return a > b;
  if (op === 'gte') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

function regex(source: unknown, at: string): RegExp {
  if (typeof source !== 'string') {
    throw new CometError('invalid-argument', {
      what: `The pattern${at ? ` at ${at}` : ''}`,
      reason: 'matches needs a regular expression as text on the right',
    });
  }
  try {
    return new RegExp(source);
  } catch (error) {
    throw new CometError(
      'invalid-argument',
      { what: `The regular expression /${source}/${at ? ` at ${at}` : ''}`, reason: (error as Error).message },
      { cause: error },
    );
  }
}

/** The resolved value, or undefined when a reference in it names nothing. */
function resolveOrUndefined(value: unknown, scope: ReferenceScope, at: string): unknown {
  try {
    return resolveValue(value, scope, at);
  } catch (error) {
    if (isCometError(error, 'reference-missing')) return undefined;
    throw error;
  }
}

/** JavaScript truthiness: false for false, 0, NaN, '', null and undefined; true for everything else (also [] and {}). */
export function isTruthy(value: unknown): boolean {
  return Boolean(value);
}

/** True for null, undefined, '', [] and {}. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** Structural equality of JSON-like values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((element, i) => deepEqual(element, b[i]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** The condition in words, for the UI: "steps.check.output.status equals 'done'". */
export function describeCondition(condition: Condition): string {
  if (typeof condition === 'string') return `${operand(condition)} is truthy`;
  if ('all' in condition) return condition.all.map(grouped).join(' and ') || 'always';
  if ('any' in condition) return condition.any.map(grouped).join(' or ') || 'never';
  if ('not' in condition) return `not ${grouped(condition.not)}`;
  const words = CONDITION_OPERATORS[condition.op]?.words ?? condition.op;
  if (!CONDITION_OPERATORS[condition.op]?.binary) return `${operand(condition.left)} ${words}`;
  if (condition.op === 'matches' && typeof condition.right === 'string' && !singleReference(condition.right)) {
    return `${operand(condition.left)} matches /${condition.right}/`;
  }
  return `${operand(condition.left)} ${words} ${operand(condition.right)}`;
}

/** A nested condition in words, in parentheses when it is itself a combination. */
function grouped(condition: Condition): string {
  const text = describeCondition(condition);
  const combined = typeof condition === 'object' && ('all' in condition || 'any' in condition);
  return combined ? `(${text})` : text;
}

/** A single reference as its path, other text quoted, other values as JSON. */
function operand(value: unknown): string {
  if (typeof value === 'string') return singleReference(value)?.path ?? `'${value}'`;
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** What is wrong with a condition (of unknown shape), each problem located under the JSON Pointer `at`. */
export function conditionProblems(condition: unknown, at: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const problem = (path: string, message: string, kind = 'bad-condition') => problems.push({ path, message, kind });
  if (typeof condition === 'string') {
    const { bad } = scanReferences(condition, at);
    for (const b of bad) problem(at, `the reference {{${b.text}}} is not valid: ${b.reason}`, 'bad-reference');
    if (!bad.length && !singleReference(condition)) {
      problem(at, "a condition written as text must be exactly one reference, such as '{{steps.check.output.ok}}'");
    }
    return problems;
  }
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    problem(at, 'a condition must be a reference text or an object with left/op, all, any or not');
    return problems;
  }
  const keys = Object.keys(condition);
  const record = condition as Record<string, unknown>;
  const forms = ['all', 'any', 'not', 'op'].filter((k) => k in record);
  if (forms.length !== 1) {
    problem(at, 'a condition must have exactly one of: op (with left), all, any, not');
    return problems;
  }
  const [form] = forms;
  if (form === 'all' || form === 'any') {
    const list = record[form];
    if (!Array.isArray(list) || list.length === 0)
      problem(`${at}/${form}`, `${form} must be a non-empty list of conditions`);
    else list.forEach((c, i) => problems.push(...conditionProblems(c, `${at}/${form}/${i}`)));
    extraKeys(keys, [form], at, problem);
    return problems;
  }
  if (form === 'not') {
    problems.push(...conditionProblems(record.not, `${at}/not`));
    extraKeys(keys, ['not'], at, problem);
    return problems;
  }
  extraKeys(keys, ['left', 'op', 'right'], at, problem);
  const op = record.op;
  const spec = typeof op === 'string' ? CONDITION_OPERATORS[op as ConditionOperator] : undefined;
  if (typeof op !== 'string' || !spec) {
    problem(
      `${at}/op`,
      `${JSON.stringify(op)} is not an operator; use one of ${Object.keys(CONDITION_OPERATORS).join(', ')}`,
    );
    return problems;
  }
  if (!('left' in record)) problem(`${at}/left`, `${op} needs a value on the left (usually a reference)`);
  if (spec.binary && !('right' in record)) problem(`${at}/right`, `${op} needs a value on the right to compare with`);
  if (!spec.binary && 'right' in record) problem(`${at}/right`, `${op} takes no right-hand value`);
  for (const side of ['left', 'right'] as const) {
    for (const b of scanReferences(record[side], childPointer(at, side)).bad) {
      problem(b.at, `the reference {{${b.text}}} is not valid: ${b.reason}`, 'bad-reference');
    }
  }
  if (op === 'matches' && typeof record.right === 'string' && !singleReference(record.right)) {
    const message = regexProblem(record.right);
    if (message) problem(`${at}/right`, `not a valid regular expression: ${message}`);
  }
  return problems;
}

function extraKeys(keys: string[], allowed: string[], at: string, problem: (path: string, message: string) => void) {
  for (const key of keys.filter((k) => !allowed.includes(k))) {
    problem(childPointer(at, key), `'${key}' does not belong here (allowed: ${allowed.join(', ')})`);
  }
}

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
