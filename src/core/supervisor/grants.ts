/**
 * Grants: checking one is well formed, compiling it, and deciding whether it applies to a call at a moment. A grant
 * applies when its principal pattern matches, its scope covers the needed scope, every input condition holds and
 * every time condition holds: valid from/until, expiry after a duration, weekly windows in its time zone, and (for a
 * one-shot grant) not used yet.
 */
import {
  allHold,
  compileCondition,
  conditionProblem,
  describeCondition,
  type CompiledCondition,
} from './conditions.js';
import { principalPatternProblem } from './principals.js';
import { childPath, type LocatedProblem } from './problems.js';
import { parseScope, type ParsedScope } from './scopes.js';
import { describeWindow, inWindow, localTime, parseClockTime, timeZoneProblem, WEEKDAYS } from './time-windows.js';
import type { Grant, GrantInput } from './types.js';

/** A grant ready to check. */
export interface CompiledGrant {
  readonly grant: Grant;
  readonly scope: ParsedScope;
  readonly conditions: readonly CompiledCondition[];
  /** When it stops applying for good, if ever. */
  readonly end: number | undefined;
}

const isTime = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const isPositiveInt = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

/** What is wrong with a grant (paths relative to `base`), or [] when it is well formed. */
export function grantProblems(grant: GrantInput | Grant, base = ''): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const at = (key: string | number, message: string, under = base) =>
    problems.push({ path: childPath(under, key), message });
  if (typeof grant !== 'object' || grant === null) return [{ path: base || '(root)', message: 'must be an object' }];
  if (grant.id !== undefined && (typeof grant.id !== 'string' || grant.id === ''))
    at('id', 'must be a non-empty string');
  const principal = principalPatternProblem(grant.principal);
  if (principal) at('principal', principal);
  try {
    parseScope(grant.scope, true);
  } catch (error) {
    at('scope', (error as Error).message);
  }
  grant.conditions?.forEach((condition, i) => {
    const problem =
      typeof condition === 'object' && condition !== null ? conditionProblem(condition) : 'must be an object';
    if (problem) at(i, problem, childPath(base, 'conditions'));
  });
  if (grant.conditions !== undefined && !Array.isArray(grant.conditions)) at('conditions', 'must be a list');
  if (grant.validFrom !== undefined && !isTime(grant.validFrom)) at('validFrom', 'must be a time (epoch ms)');
  if (grant.validUntil !== undefined && !isTime(grant.validUntil)) at('validUntil', 'must be a time (epoch ms)');
  if (isTime(grant.validFrom) && isTime(grant.validUntil) && grant.validUntil! <= grant.validFrom!)
    at('validUntil', 'must be after validFrom');
  if (grant.expiresAfterMs !== undefined && !isPositiveInt(grant.expiresAfterMs))
    at('expiresAfterMs', 'must be a positive integer');
  if (grant.timeZone !== undefined) {
    const problem = timeZoneProblem(grant.timeZone);
    if (problem) at('timeZone', problem);
  }
  if (grant.windows !== undefined && !Array.isArray(grant.windows)) at('windows', 'must be a list');
  grant.windows?.forEach((window, i) => {
    const where = childPath(childPath(base, 'windows'), i);
    if (!Array.isArray(window?.days) || window.days.length === 0 || !window.days.every((d) => WEEKDAYS.includes(d)))
      at('days', `must list days among ${WEEKDAYS.join(', ')}`, where);
    const start = parseClockTime(window?.start);
    const end = parseClockTime(window?.end);
    if (start === undefined) at('start', 'must be a time HH:MM', where);
    if (end === undefined) at('end', 'must be a time HH:MM', where);
    if (start !== undefined && start === end) at('end', 'must differ from start', where);
  });
  if (grant.oneShot !== undefined && typeof grant.oneShot !== 'boolean') at('oneShot', 'must be true or false');
  return problems;
}

/** Compiles a well-formed grant. */
export function compileGrant(grant: Grant): CompiledGrant {
  return {
    grant,
    scope: parseScope(grant.scope, true),
    conditions: (grant.conditions ?? []).map(compileCondition),
    end: grantEnd(grant),
  };
}

/** When a grant stops applying for good (validUntil or createdAt + expiresAfterMs), if ever. */
export function grantEnd(grant: Grant): number | undefined {
  const ends = [
    grant.validUntil,
    grant.expiresAfterMs === undefined ? undefined : grant.createdAt + grant.expiresAfterMs,
  ];
  const known = ends.filter((t): t is number => t !== undefined);
  return known.length ? Math.min(...known) : undefined;
}

/**
 * Why the grant does not apply to `input` at `now`, or undefined when it does. `latest` is the latest time the
 * supervisor has seen: expiry is judged against it, so a clock moved back cannot bring an expired grant back.
 */
export function grantBlocker(compiled: CompiledGrant, input: unknown, now: number, latest = now): string | undefined {
  const { grant } = compiled;
  if (grant.oneShot && grant.consumedAt !== undefined)
    return `it was a one-shot grant, used at ${iso(grant.consumedAt)}`;
  if (grant.validFrom !== undefined && now < grant.validFrom) return `it is valid only from ${iso(grant.validFrom)}`;
  const { end } = compiled;
  if (end !== undefined && Math.max(now, latest) >= end) return `it expired at ${iso(end)}`;
  if (grant.windows?.length) {
    const zone = grant.timeZone ?? 'UTC';
    const local = localTime(now, zone);
    if (!grant.windows.some((window) => inWindow(window, local)))
      return `it applies only ${grant.windows.map(describeWindow).join(' or ')} (${zone})`;
  }
  if (!allHold(compiled.conditions, input))
    return `it applies only when ${compiled.conditions.map((c) => describeCondition(c.source)).join(' and ')}`;
  return undefined;
}

const iso = (time: number) => new Date(time).toISOString();
