/**
 * How the run view and the run history put runs into words: statuses with their chip colour and icon, who started a
 * run, durations, short ids and when something happened. Pure functions, shared by both views.
 */
import type { IconName } from '../../ui/icons.js';
import type { RunOrigin, RunStatus, StepStatus } from './engine/run-types.js';

/** A status as a chip: its words, the chip's colour class (workflowStyles) and an icon. */
export interface StatusLook {
  label: string;
  chip: '' | 'ok' | 'bad' | 'warn' | 'accent';
  icon: IconName;
}

/** How each run status looks. */
export const RUN_STATUS: Record<RunStatus, StatusLook> = {
  queued: { label: 'Queued', chip: '', icon: 'clock' },
  running: { label: 'Running', chip: 'accent', icon: 'activity' },
  paused: { label: 'Paused', chip: 'warn', icon: 'pause' },
  succeeded: { label: 'Succeeded', chip: 'ok', icon: 'success' },
  failed: { label: 'Failed', chip: 'bad', icon: 'danger' },
  cancelled: { label: 'Cancelled', chip: '', icon: 'close' },
};

/** How each step status looks. */
export const STEP_STATUS: Record<StepStatus, StatusLook> = {
  pending: { label: 'Pending', chip: '', icon: 'clock' },
  running: { label: 'Running', chip: 'accent', icon: 'activity' },
  retrying: { label: 'Waiting to retry', chip: 'warn', icon: 'refresh' },
  succeeded: { label: 'Succeeded', chip: 'ok', icon: 'success' },
  failed: { label: 'Failed', chip: 'bad', icon: 'danger' },
  skipped: { label: 'Skipped', chip: '', icon: 'arrow-right' },
  cancelled: { label: 'Cancelled', chip: '', icon: 'close' },
  compensating: { label: 'Compensating', chip: 'warn', icon: 'refresh' },
};

/** Run statuses that no longer change. */
export const FINISHED_RUN: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** The person using this app, as the supervisor names them. */
const USER = 'module:console';

/** A principal in words: 'you', 'workflow digest', or the id as is. */
export function describePrincipal(principal: string): string {
  if (principal === USER) return 'you';
  if (principal.startsWith('workflow:')) return `workflow ${principal.slice('workflow:'.length)}`;
  return principal;
}

/** Who started a run and how, as one sentence: 'Started by you', 'Started by its schedule (0 9 * * 1)'. */
export function describeOrigin(origin: RunOrigin): string {
  const who = describePrincipal(origin.principal);
  const detail = origin.detail ? ` (${origin.detail})` : '';
  switch (origin.trigger) {
    case 'manual':
      return `Started by ${who}${detail}`;
    case 'schedule':
      return `Started by its schedule${detail}`;
    case 'event':
      return `Started by an event${detail}`;
    case 'sub-workflow':
      return `Started by ${who} as a sub-workflow${detail}`;
    case 'rerun':
      return `Re-run by ${who}${detail}`;
    case 'import':
      return `Loaded from a file by ${who}${detail}`;
    default:
      return `Started by ${who} (${origin.trigger}${origin.detail ? `: ${origin.detail}` : ''})`;
  }
}

/** The words of a trigger in a filter: 'By hand', 'Schedule', … */
export const TRIGGER_WORDS: Record<string, string> = {
  manual: 'By hand',
  schedule: 'Schedule',
  event: 'Event',
  'sub-workflow': 'Sub-workflow',
  rerun: 'Re-run',
  import: 'Loaded from a file',
};

/** A duration for people: '0 ms', '850 ms', '4.2 s', '12 s', '3 min 05 s', '2 h 03 min'. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${pad(minutes % 60)} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** How long something took: until `end`, or until `now` while it goes on; undefined before it started. */
export function elapsed(start: number | undefined, end: number | undefined, now: number): number | undefined {
  return start === undefined ? undefined : Math.max(0, (end ?? now) - start);
}

/** The first block of a run id (a UUID): enough to tell runs apart on screen. */
export function shortId(id: string): string {
  return id.split('-', 1)[0].slice(0, 8);
}

/** A time as a list shows it: the time of day for today, else the date and time. */
export function formatWhen(time: number, now: number): string {
  const date = new Date(time);
  if (date.toDateString() === new Date(now).toDateString())
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A time with seconds and the date, for details: 'Jan 5, 2026, 09:00:01'. */
export function formatFullTime(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
