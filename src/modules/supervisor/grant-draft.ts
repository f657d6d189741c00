/**
 * The Add-grant form's model: what a person types (text in fields) turned into a GrantInput, and every problem
 * located at the field it belongs to: the supervisor's own grantProblems (principal pattern, scope via parseScope,
 * conditions, times, windows, time zone) plus what only the form can get wrong (an unreadable date or number).
 */
import {
  grantProblems,
  userTimeZone,
  type ConditionOp,
  type GrantInput,
  type InputCondition,
  type LocatedProblem,
  type Weekday,
} from '../../core/supervisor/index.js';

/** One input condition as typed. */
export interface ConditionDraft {
  path: string;
  op: ConditionOp;
  /** JSON or plain text; a list for oneOf may also be comma-separated. */
  value: string;
}

/** One weekly window as picked. */
export interface WindowDraft {
  days: Weekday[];
  start: string;
  end: string;
}

/** Units the form offers for "expires after". */
export const EXPIRY_UNITS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/** The form's state. */
export interface GrantDraft {
  principal: string;
  scope: string;
  conditions: ConditionDraft[];
  /** A datetime-local value ('2026-03-05T09:00'), read in the browser's time zone; '' for none. */
  validFrom: string;
  validUntil: string;
  expiresAfter: string;
  expiresUnit: keyof typeof EXPIRY_UNITS;
  windows: WindowDraft[];
  timeZone: string;
  oneShot: boolean;
  note: string;
}

/** An empty form (windows default to the user's time zone). */
export function emptyGrantDraft(): GrantDraft {
  return {
    principal: '',
    scope: '',
    conditions: [],
    validFrom: '',
    validUntil: '',
    expiresAfter: '',
    expiresUnit: 'hours',
    windows: [],
    timeZone: userTimeZone(),
    oneShot: false,
    note: '',
  };
}

/** A new weekly window: weekdays, office hours. */
export function defaultWindow(): WindowDraft {
  return { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };
}

/** The value a condition compares with, read from its text for its operator. */
export function conditionValue(op: ConditionOp, text: string): unknown {
  const trimmed = text.trim();
  if (op === 'exists') return undefined;
  if (op === 'glob' || op === 'urlPath') return text;
  if (op === 'atMost' || op === 'atLeast') return trimmed === '' ? undefined : Number(trimmed);
  if (op === 'oneOf') {
    const parsed = parseJson(trimmed);
    if (Array.isArray(parsed)) return parsed;
    return trimmed === '' ? [] : trimmed.split(',').map((item) => jsonOrText(item.trim()));
  }
  return trimmed === '' ? undefined : jsonOrText(trimmed);
}

/** JSON when it reads as JSON (GET stays the text "GET"; 3, true and "x" are JSON), else the text. */
function jsonOrText(text: string): unknown {
  const parsed = parseJson(text);
  return parsed === NOT_JSON ? text : parsed;
}

const NOT_JSON = Symbol('not JSON');
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return NOT_JSON;
    throw error;
  }
}

/** The draft as a grant to add, and every problem with the field it belongs to ([] when it can be saved). */
export function readGrantDraft(draft: GrantDraft): { grant: GrantInput; problems: LocatedProblem[] } {
  const problems: LocatedProblem[] = [];
  const time = (field: 'validFrom' | 'validUntil'): number | undefined => {
    if (!draft[field]) return undefined;
    const value = new Date(draft[field]).getTime();
    if (Number.isNaN(value)) problems.push({ path: field, message: 'is not a date and time' });
    return Number.isNaN(value) ? undefined : value;
  };
  let expiresAfterMs: number | undefined;
  if (draft.expiresAfter.trim()) {
    const amount = Number(draft.expiresAfter);
    if (!(amount > 0) || !Number.isFinite(amount))
      problems.push({ path: 'expiresAfterMs', message: 'must be a positive number' });
    else expiresAfterMs = Math.round(amount * EXPIRY_UNITS[draft.expiresUnit]);
  }
  const conditions: InputCondition[] = draft.conditions.map(({ path, op, value }) => {
    const v = conditionValue(op, value);
    return v === undefined ? { path: path.trim(), op } : { path: path.trim(), op, value: v };
  });
  const grant: GrantInput = {
    principal: draft.principal.trim(),
    scope: draft.scope.trim(),
    ...(conditions.length ? { conditions } : {}),
    ...optional('validFrom', time('validFrom')),
    ...optional('validUntil', time('validUntil')),
    ...optional('expiresAfterMs', expiresAfterMs),
    ...(draft.windows.length ? { windows: structuredClone(draft.windows), timeZone: draft.timeZone.trim() } : {}),
    ...(draft.oneShot ? { oneShot: true } : {}),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    source: 'user',
  };
  if (!grant.principal) problems.push({ path: 'principal', message: 'name a principal or a pattern like workflow:*' });
  if (!grant.scope) problems.push({ path: 'scope', message: 'name a scope, e.g. net:https://api.example.com/*' });
  for (const problem of grantProblems(grant)) {
    const empty = (field: string) => problem.path === field && !(grant as Record<string, unknown>)[field];
    if (!empty('principal') && !empty('scope')) problems.push(problem);
  }
  return { grant, problems };
}

const optional = <K extends string>(key: K, value: number | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;

/** The problems at `path` or inside it ('windows[0]' holds 'windows[0].start'). */
export function problemsAt(problems: readonly LocatedProblem[], path: string): string[] {
  return problems
    .filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))
    .map((p) => (p.path === path ? p.message : `${p.path.slice(path.length + 1)}: ${p.message}`));
}

/** A part of the Add-grant form changed (conditions, windows or time zone). */
export type DraftChangeEvent = CustomEvent<Partial<GrantDraft>>;

declare global {
  interface HTMLElementEventMap {
    'comet-draft-change': DraftChangeEvent;
  }
}
