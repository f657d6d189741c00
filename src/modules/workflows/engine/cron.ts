/**
 * Cron schedules of workflow triggers, evaluated in an IANA time zone by croner (no eval, no timers: we only ask it
 * for occurrences; the TriggerRunner arms its own timers on the injected Clock). Five fields (minute hour day month
 * weekday) or six (seconds first). Across a DST change a fixed-time schedule keeps its local time: '0 9 * * *' in
 * Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in summer; a time skipped by the spring-forward gap runs once
 * when the clock has jumped, and a time that occurs twice in the autumn runs once.
 */
import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { CometError } from '../../../core/errors.js';

/** The zone a schedule without one runs in: this device's. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Why `timezone` is not an IANA zone this browser knows, or undefined when it is. */
function timeZoneProblem(timezone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return undefined;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return `"${timezone}" is not a time zone; use an IANA name such as "Europe/Berlin" or "America/New_York"`;
  }
}

/** Why the pattern itself is malformed, in words (croner's own reason, without its class-name prefix). */
function patternProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (cron.trim() === '') return 'it is empty; write e.g. "0 9 * * 1-5" (09:00 on weekdays)';
  if (!cron.trim().startsWith('@') && fields.length !== 5 && fields.length !== 6) {
    return `it has ${fields.length} field(s); a schedule has five (minute hour day month weekday) or six (seconds first)`;
  }
  try {
    new Cron(cron, { mode: '5-or-6-parts' });
    return undefined;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return error.message.replace(/^\w+:\s*/, '');
  }
}

/** Why `cron` (in `timezone`) cannot schedule anything, or undefined when it can. */
export function cronProblem(cron: string, timezone?: string): string | undefined {
  if (typeof cron !== 'string') return 'it must be text such as "0 9 * * 1-5"';
  const problem = patternProblem(cron) ?? (timezone === undefined ? undefined : timeZoneProblem(timezone));
  if (problem) return problem;
  // A well-formed pattern can still name a date that never comes ('0 0 30 2 *', February 30th).
  if (!schedule(cron, timezone).nextRun(new Date(0))) return 'it never occurs (no date matches every field)';
  return undefined;
}

/** Compiled schedules, keyed by zone and pattern: a trigger asks for its next occurrence again and again. */
const compiled = new Map<string, Cron>();
const COMPILED_CAPACITY = 256;

/** The croner schedule of `cron` in `timezone`; throws CometError 'cron-invalid' with the reason. */
function schedule(cron: string, timezone: string | undefined): Cron {
  const zone = timezone ?? localTimeZone();
  const key = `${zone}\n${cron}`;
  let found = compiled.get(key);
  if (found) return found;
  const problem = patternProblem(cron) ?? timeZoneProblem(zone);
  if (problem) throw new CometError('cron-invalid', { cron, timezone: zone, reason: problem });
  found = new Cron(cron, { mode: '5-or-6-parts', timezone: zone });
  if (compiled.size >= COMPILED_CAPACITY) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, found);
  return found;
}

/** The first occurrence strictly after `after` (epoch ms), or undefined if there is none; throws 'cron-invalid'. */
export function nextOccurrence(cron: string, timezone: string | undefined, after: number): number | undefined {
  // croner drops the milliseconds of the reference and answers strictly after the whole second, so an occurrence
  // at exactly `after` (or within its second, which a cron cannot name) is never returned.
  return schedule(cron, timezone).nextRun(new Date(after))?.getTime();
}

/** The last occurrence at or before `atOrBefore` (epoch ms), or undefined if there is none; throws 'cron-invalid'. */
export function previousOccurrence(cron: string, timezone: string | undefined, atOrBefore: number): number | undefined {
  // previousRuns answers strictly before its reference, but includes a run earlier in the reference's own second.
  return schedule(cron, timezone)
    .previousRuns(1, new Date(atOrBefore + 1))[0]
    ?.getTime();
}

/**
 * Occurrences in (from, to] (epoch ms, oldest first), at most `limit` of them — the oldest `limit`; throws
 * 'cron-invalid'.
 */
export function occurrencesBetween(
  cron: string,
  timezone: string | undefined,
  from: number,
  to: number,
  limit = 1000,
): number[] {
  const job = schedule(cron, timezone);
  const found: number[] = [];
  for (let at = job.nextRun(new Date(from)); at && at.getTime() <= to && found.length < limit;) {
    found.push(at.getTime());
    at = job.nextRun(at);
  }
  return found;
}

/** The schedule in words ("At 09:00, Monday through Friday"); the expression itself when it cannot be described. */
export function describeCron(cron: string): string {
  if (patternProblem(cron)) return cron;
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch (error) {
    // cronstrue throws strings for patterns it does not know (croner accepts a few more, e.g. 'L' variants).
    if (typeof error !== 'string' && !(error instanceof Error)) throw error;
    return cron;
  }
}
