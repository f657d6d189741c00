/**
 * The run history's filters: which workflow, status, trigger and time range, read from and written to the link
 * ('#/workflows/runs?workflow=digest&status=failed'), and the database query they make.
 */
import type { CometDB } from '../../db/db.js';
import type { RunRow, RunStatus } from './engine/run-types.js';

/** The filters; 'any' (or absent) means no filter. */
export interface RunFilter {
  workflow: string;
  /** A status, or 'active' for queued, running and paused runs. */
  status: RunStatus | 'active' | 'any';
  trigger: string;
  range: string;
}

/** The time ranges offered, as milliseconds back from now. */
export const RUN_RANGES: { id: string; label: string; ms?: number }[] = [
  { id: 'any', label: 'Any time' },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
];

/** The statuses offered. */
export const RUN_STATUS_FILTERS: { id: RunFilter['status']; label: string }[] = [
  { id: 'any', label: 'Any status' },
  { id: 'active', label: 'Not finished' },
  { id: 'succeeded', label: 'Succeeded' },
  { id: 'failed', label: 'Failed' },
  { id: 'cancelled', label: 'Cancelled' },
];

/** No filter at all. */
export const NO_FILTER: RunFilter = { workflow: 'any', status: 'any', trigger: 'any', range: 'any' };

/** At most this many runs are listed (newest first); the list says when there are more. */
export const RUNS_LISTED = 5000;

const ACTIVE: ReadonlySet<RunStatus> = new Set(['queued', 'running', 'paused']);

/** The filter a link's query names ('?workflow=digest&status=failed'); unknown values fall back to 'any'. */
export function filterFromHash(hash: string): RunFilter {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const status = params.get('status');
  const range = params.get('range');
  return {
    workflow: params.get('workflow') || 'any',
    status: RUN_STATUS_FILTERS.some((s) => s.id === status) ? (status as RunFilter['status']) : 'any',
    trigger: params.get('trigger') || 'any',
    range: RUN_RANGES.some((r) => r.id === range) ? range! : 'any',
  };
}

/** The link of the history with `filter` applied: '#/workflows/runs?status=failed'. */
export function hashOfFilter(filter: RunFilter): string {
  const params = new URLSearchParams();
  for (const key of ['workflow', 'status', 'trigger', 'range'] as const)
    if (filter[key] !== 'any') params.set(key, filter[key]);
  const query = params.toString();
  return `#/workflows/runs${query ? `?${query}` : ''}`;
}

/** Whether any filter is set. */
export function isFiltered(filter: RunFilter): boolean {
  return filter.workflow !== 'any' || filter.status !== 'any' || filter.trigger !== 'any' || filter.range !== 'any';
}

/** Whether a run passes the status and trigger filters (the workflow and time go into the index query). */
export function matches(row: RunRow, filter: RunFilter): boolean {
  if (filter.status === 'active' ? !ACTIVE.has(row.status) : filter.status !== 'any' && row.status !== filter.status)
    return false;
  return filter.trigger === 'any' || row.origin.trigger === filter.trigger;
}

/** The runs that pass `filter`, newest first, at most RUNS_LISTED (read through the createdAt indexes). */
export function queryRuns(db: CometDB, filter: RunFilter, now: number): Promise<RunRow[]> {
  const ms = RUN_RANGES.find((r) => r.id === filter.range)?.ms;
  const since = ms === undefined ? -Infinity : now - ms;
  const collection =
    filter.workflow === 'any'
      ? db.runs.where('createdAt').aboveOrEqual(since)
      : db.runs
          .where('[workflowId+createdAt]')
          .between([filter.workflow, since], [filter.workflow, Infinity], true, true);
  return collection
    .reverse()
    .filter((row) => matches(row, filter))
    .limit(RUNS_LISTED)
    .toArray();
}
