// How the shell writes numbers and times for people.

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** A byte count in the largest unit that keeps it ≥ 1 (1000-based, like the browser's own storage settings). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en', { maximumFractionDigits: digits })} ${unit === 0 && bytes === 1 ? 'byte' : UNITS[unit]}`;
}

/** Usage as a share of quota, e.g. '0.01%' or '<0.01%'; '—' without a quota. */
export function formatShare(usage: number, quota: number): string {
  if (!(quota > 0)) return '—';
  const percent = (usage / quota) * 100;
  if (percent > 0 && percent < 0.01) return '<0.01%';
  return `${percent.toLocaleString('en', { maximumFractionDigits: percent < 10 ? 2 : 0 })}%`;
}

/** A wall-clock time with milliseconds (14:03:07.412), for event and log lists. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A date and time in the user's locale, e.g. for "asked on …". */
export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
