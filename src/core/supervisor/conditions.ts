/**
 * Conditions on a call's input, shared by grants ("method is GET") and policies ("applies when method is POST").
 * Compiled once (paths parsed), then tested on every decision.
 */
import { matchesGlob, parsePath, sameValue, valueAt, type PathSegment } from './paths.js';
import type { ConditionOp, InputCondition } from './types.js';

/** Every condition operator, for validation and the UI. */
export const CONDITION_OPS: readonly ConditionOp[] = [
  'equals',
  'notEquals',
  'oneOf',
  'glob',
  'urlPath',
  'atMost',
  'atLeast',
  'exists',
];

/** A condition ready to test. */
export interface CompiledCondition {
  readonly source: InputCondition;
  test(input: unknown): boolean;
}

/** Why `condition` is malformed, or undefined when it is well formed. */
export function conditionProblem(condition: InputCondition): string | undefined {
  try {
    parsePath(condition.path);
  } catch (error) {
    return `path: ${(error as Error).message}`;
  }
  const { op, value } = condition;
  if (!CONDITION_OPS.includes(op)) return `op: must be one of ${CONDITION_OPS.join(', ')}`;
  if ((op === 'glob' || op === 'urlPath') && typeof value !== 'string') return `value: ${op} needs a string pattern`;
  if ((op === 'atMost' || op === 'atLeast') && (typeof value !== 'number' || !Number.isFinite(value)))
    return `value: ${op} needs a number`;
  if (op === 'oneOf' && !Array.isArray(value)) return 'value: oneOf needs a list of values';
  if ((op === 'equals' || op === 'notEquals') && value === undefined) return `value: ${op} needs a value`;
  return undefined;
}

/** Compiles a (validated) condition. */
export function compileCondition(condition: InputCondition): CompiledCondition {
  const path: PathSegment[] = parsePath(condition.path);
  const { op, value } = condition;
  const test = (input: unknown): boolean => {
    const found = valueAt(input, path);
    switch (op) {
      case 'exists':
        return found !== undefined;
      case 'equals':
        return sameValue(found, value);
      case 'notEquals':
        return found !== undefined && !sameValue(found, value);
      case 'oneOf':
        return (value as unknown[]).some((v) => sameValue(found, v));
      case 'glob':
        return typeof found === 'string' && matchesGlob(value as string, found);
      case 'urlPath':
        return typeof found === 'string' && urlPathMatches(found, value as string);
      case 'atMost':
        return typeof found === 'number' && found <= (value as number);
      case 'atLeast':
        return typeof found === 'number' && found >= (value as number);
    }
  };
  return { source: condition, test };
}

function urlPathMatches(url: string, glob: string): boolean {
  if (!URL.canParse(url)) return false;
  return matchesGlob(glob, new URL(url).pathname);
}

/** True when every condition holds (an empty list always holds). */
export function allHold(conditions: readonly CompiledCondition[], input: unknown): boolean {
  for (const condition of conditions) if (!condition.test(input)) return false;
  return true;
}

/** "method is GET", "url path matches /v1/*": a condition as words. */
export function describeCondition({ path, op, value }: InputCondition): string {
  const name = path.replace(/^\//, '').replaceAll('/', '.');
  const v = show(value);
  switch (op) {
    case 'exists':
      return `${name} is given`;
    case 'equals':
      return `${name} is ${v}`;
    case 'notEquals':
      return `${name} is not ${v}`;
    case 'oneOf':
      return `${name} is one of ${(value as unknown[]).map(show).join(', ')}`;
    case 'glob':
      return `${name} matches ${v}`;
    case 'urlPath':
      return `the path of ${name} matches ${v}`;
    case 'atMost':
      return `${name} is at most ${v}`;
    case 'atLeast':
      return `${name} is at least ${v}`;
  }
}

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
