/**
 * Weekly windows in a time zone ("weekdays 09:00–18:00, Europe/Berlin"). Local weekday and time come from
 * Intl.DateTimeFormat, so daylight-saving changes follow the zone's real rules: 09:00 is 09:00 on the wall clock
 * whether the zone is on summer or winter time.
 */
import type { Weekday, WeeklyWindow } from './types.js';

/** The days of the week in the order the UI lists them. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const SHORT_TO_DAY: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** A local wall-clock moment: the weekday and the minutes since local midnight. */
export interface LocalTime {
  day: Weekday;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The last answer per zone: zone offsets are whole minutes, so one UTC minute has one local weekday and minute. */
const lastMinute = new Map<string, { minute: number; local: LocalTime }>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Why `timeZone` is not an IANA time zone this browser knows, or undefined when it is. */
export function timeZoneProblem(timeZone: unknown): string | undefined {
  if (typeof timeZone !== 'string' || timeZone === '') return 'a time zone must be an IANA name like Europe/Berlin';
  try {
    formatter(timeZone);
    return undefined;
  } catch (error) {
    return `"${timeZone}" is not a time zone this browser knows (${error instanceof Error ? error.message : 'unknown'})`;
  }
}

/** The user's time zone as the browser reports it. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The local weekday and minute of `time` (epoch ms) in `timeZone`. */
export function localTime(time: number, timeZone: string): LocalTime {
  const minute = Math.floor(time / 60_000);
  const cached = lastMinute.get(timeZone);
  if (cached && cached.minute === minute) return cached.local;
  let day: Weekday = 'mon';
  let hour = 0;
  let min = 0;
  for (const part of formatter(timeZone).formatToParts(time)) {
    if (part.type === 'weekday') day = SHORT_TO_DAY[part.value];
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') min = Number(part.value);
  }
  const local = { day, minutes: hour * 60 + min };
  lastMinute.set(timeZone, { minute, local });
  return local;
}

/** Minutes since midnight of 'HH:MM' ('24:00' is the end of the day), or undefined when malformed. */
export function parseClockTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

/** True when `local` falls inside `window` (end before start: the window runs past midnight into the next day). */
export function inWindow(window: WeeklyWindow, local: LocalTime): boolean {
  const start = parseClockTime(window.start) ?? 0;
  const end = parseClockTime(window.end) ?? 0;
  if (start < end) return window.days.includes(local.day) && local.minutes >= start && local.minutes < end;
  // Overnight (e.g. fri 22:00–06:00): from start on a listed day, or before end on the day after one.
  const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(local.day) + 6) % 7];
  return (
    (window.days.includes(local.day) && local.minutes >= start) ||
    (window.days.includes(yesterday) && local.minutes < end)
  );
}

/** "Mon–Fri 09:00–18:00" style text for a window. */
export function describeWindow(window: WeeklyWindow): string {
  const names: Record<Weekday, string> = {
    mon: 'Mon',
    tue: 'Tue',
    wed: 'Wed',
    thu: 'Thu',
    fri: 'Fri',
    sat: 'Sat',
    sun: 'Sun',
  };
  const idx = [...new Set(window.days)].map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < idx.length; i++) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    runs.push(
      j - i >= 2
        ? `${names[WEEKDAYS[idx[i]]]}–${names[WEEKDAYS[idx[j]]]}`
        : idx
            .slice(i, j + 1)
            .map((k) => names[WEEKDAYS[k]])
            .join(', '),
    );
    i = j;
  }
  return `${runs.join(', ')} ${window.start}–${window.end}`;
}
