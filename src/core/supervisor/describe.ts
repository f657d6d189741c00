/**
 * Policies and grants as sentences, for Settings and for the reasons of decisions:
 * "At most 20 http.request calls to each host per hour for workflow:daily-digest".
 */
import { describeCondition } from './conditions.js';
import { describeWindow } from './time-windows.js';
import type { Grant, GroupBy, InputCondition, Policy } from './types.js';

const UNITS: [number, string][] = [
  [7 * 86_400_000, 'week'],
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** '1 hour', '90 minutes', '12 seconds': exact when the duration is a whole number of a unit, else rounded up. */
export function describeDuration(ms: number): string {
  for (const [size, unit] of UNITS) if (ms >= size && ms % size === 0) return plural(ms / size, unit);
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))} ms`;
  if (ms < 120_000) return plural(Math.ceil(ms / 1000), 'second');
  if (ms < 2 * 3_600_000) return plural(Math.ceil(ms / 60_000), 'minute');
  return plural(Math.ceil(ms / 3_600_000), 'hour');
}

/** 'per hour', 'per day', 'per 15 minutes'. */
function per(ms: number): string {
  const words = describeDuration(ms);
  return words.startsWith('1 ') ? `per ${words.slice(2)}` : `per ${words}`;
}

function who(pattern: string | undefined, each: boolean): string {
  if (pattern === undefined || pattern === '*') return each ? 'for each principal' : 'for every principal';
  if (pattern.includes('*')) return `for ${each ? 'each principal' : 'principals'} matching ${pattern}`;
  return `for ${pattern}`;
}

function calls(capability: string | undefined): string {
  return capability === undefined || capability === '*' ? 'calls' : `${capability} calls`;
}

function groups(groupBy: readonly GroupBy[] | undefined): string {
  return (groupBy ?? [])
    .filter((by) => by !== 'principal')
    .map((by) => {
      if (by === 'host') return ' to each host';
      if (by === 'key') return ' with each API key';
      if (by === 'capability') return ' of each capability';
      if (by === 'run') return ' in each run';
      return ` for each ${by.slice('input:'.length)}`;
    })
    .join('');
}

function where(when: InputCondition[] | undefined): string {
  return when?.length ? `, only where ${when.map(describeCondition).join(' and ')}` : '';
}

/** A policy as one sentence a person can read. */
export function describePolicy(policy: Policy): string {
  const rule = policy.rule;
  const each = 'groupBy' in rule && (rule.groupBy ?? []).includes('principal');
  const subject = who(policy.principal, each);
  const cap = policy.capability === undefined || policy.capability === '*' ? 'any capability' : policy.capability;
  let sentence: string;
  switch (rule.kind) {
    case 'count':
      sentence = `At most ${rule.max} ${calls(policy.capability)}${groups(rule.groupBy)} ${per(rule.windowMs)} ${subject}`;
      break;
    case 'total': {
      const unit = rule.unit ? ` ${rule.unit}` : '';
      sentence = `At most ${rule.max}${unit} of reported ${rule.path} ${per(rule.windowMs)}${groups(rule.groupBy)} across ${calls(policy.capability)} ${subject}`;
      break;
    }
    case 'ordering': {
      const same = rule.after.sameInput?.length ? ` with the same ${rule.after.sameInput.join(', ')}` : '';
      const after = rule.after.approval
        ? "a person's approval"
        : `a successful ${rule.after.capability ?? 'call'}${same}`;
      sentence = `${cap} only after ${after} in the same run, ${subject}`;
      break;
    }
    case 'lookup':
      sentence = `${cap} only on a ${rule.path} that an earlier ${rule.from.capability ?? 'call'} of the same run looked up (${rule.from.paths.join(' or ')}), ${subject}`;
      break;
    case 'approval':
      sentence = `A person approves each ${calls(policy.capability).replace(/s$/, '')} ${subject}; an unanswered prompt is denied after ${describeDuration(rule.timeoutMs ?? 5 * 60_000)}`;
      break;
    case 'rate':
      sentence = `Bursts of at most ${rule.capacity} ${calls(policy.capability)}${groups(rule.groupBy)}, then 1 every ${describeDuration(rule.refillEveryMs)}, ${subject}`;
      break;
  }
  const prefix = policy.enabled === false ? 'Off: ' : policy.mode === 'log-only' ? 'Log only: ' : '';
  return `${prefix}${sentence}${where(policy.when)}`;
}

/** A grant as one sentence: 'workflow:daily-digest may use net:https://api.example.com/*, Mon–Fri 09:00–18:00 (Europe/Berlin)'. */
export function describeGrant(grant: Grant): string {
  const parts = [`${grant.principal === '*' ? 'Every principal' : grant.principal} may use ${grant.scope}`];
  if (grant.conditions?.length) parts.push(`when ${grant.conditions.map(describeCondition).join(' and ')}`);
  if (grant.validFrom !== undefined) parts.push(`from ${new Date(grant.validFrom).toISOString()}`);
  if (grant.validUntil !== undefined) parts.push(`until ${new Date(grant.validUntil).toISOString()}`);
  if (grant.expiresAfterMs !== undefined)
    parts.push(`for ${describeDuration(grant.expiresAfterMs)} after it was granted`);
  if (grant.windows?.length)
    parts.push(`${grant.windows.map(describeWindow).join(' or ')} (${grant.timeZone ?? 'UTC'})`);
  if (grant.oneShot) parts.push(grant.consumedAt === undefined ? 'once' : 'once (used)');
  return parts.join(', ');
}
