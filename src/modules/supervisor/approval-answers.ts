/**
 * Words and numbers of approval prompts, shared by the global prompt and the Approvals page: the "allow for a time"
 * choices, the countdown, and how an audit entry tells that a person (or the timeout) answered a prompt.
 */
import type { AuditEntry } from '../../core/audit/types.js';
import type { ApprovalAnswer } from '../../core/supervisor/types.js';

/** A choice of "Allow for…": a label, and the milliseconds it allows for from `now`. */
export interface AllowForChoice {
  id: string;
  label: string;
  ms(now: number): number;
}

/** The "Allow for…" choices: 15 minutes, 1 hour, until the end of the day (local time). */
export const ALLOW_FOR: readonly AllowForChoice[] = [
  { id: '15m', label: '15 minutes', ms: () => 15 * 60_000 },
  { id: '1h', label: '1 hour', ms: () => 3_600_000 },
  { id: 'eod', label: 'Until the end of the day', ms: (now) => Math.max(60_000, endOfDay(now) - now) },
];

/** The next local midnight after `now`. */
export function endOfDay(now: number): number {
  const date = new Date(now);
  date.setHours(24, 0, 0, 0);
  return date.getTime();
}

/** '4:05', '0:09', '1:02:00': what is left of a countdown, rounded up to the second. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** An answer in words: 'Allowed once', 'Allowed for 1 hour', 'Denied'. */
export function describeAnswer(answer: ApprovalAnswer): string {
  if (answer === 'allow-once') return 'Allowed once';
  if (answer === 'deny') return 'Denied';
  const choice = ALLOW_FOR.find((c) => c.ms(0) === answer.allowFor);
  return `Allowed for ${choice ? choice.label.toLowerCase() : `${Math.round(answer.allowFor / 60_000)} minutes`}`;
}

/** How a prompt ended, as the audit log shows it. */
export type RecordedAnswer = 'allowed' | 'denied' | 'timed-out';

/**
 * Whether an audit entry is the final decision of an approval prompt, and how it went: a call a person allowed is
 * decided by rule 'approval:<policy>' (its decision entry is the one still 'pending'); a prompt denied by a person
 * or by its timeout by rule 'approval-denied:<policy>' or 'approval-timeout:<policy>' (see Supervisor.authorize).
 */
export function recordedAnswer(
  entry: Pick<AuditEntry, 'verdict' | 'rule' | 'reason' | 'outcome'>,
): RecordedAnswer | undefined {
  // An allowed call has two entries with that rule, its decision ('pending') and its outcome: count the decision.
  if (entry.verdict === 'allow' && entry.rule.startsWith('approval:'))
    return entry.outcome === 'pending' ? 'allowed' : undefined;
  if (entry.verdict !== 'deny') return undefined;
  if (entry.rule.startsWith('approval-timeout:')) return 'timed-out';
  if (entry.rule.startsWith('approval-denied:')) return 'denied';
  return undefined;
}
