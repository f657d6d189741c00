/**
 * One catalogue of error codes. Every message says what happened and what to try; callers catch at
 * the boundary that can explain it to the user and never swallow it.
 */
type Details = Record<string, unknown>;

/** Text for a detail value of any type. */
const s = (value: unknown): string => (typeof value === 'string' ? value : errorMessage(value));

const messages = {
  'storage-unavailable': (d: Details) =>
    `The browser refused to open local storage (${s(d.reason ?? 'IndexedDB is blocked')}). ` +
    'Private windows and some privacy settings do this. The app keeps running, but nothing you do will be saved; ' +
    'open CometPlatform in a normal window to keep your data.',
  'storage-future-version': (d: Details) =>
    `Your saved data was written by a newer version of CometPlatform (database version ${s(d.found)}, ` +
    `this version understands up to ${s(d.supported)}). Nothing was changed. Reload to get the newest version; ` +
    'until then the app runs without saving.',
  'storage-corrupt': (d: Details) =>
    `Your saved data could not be read (${s(d.reason)}). Nothing was deleted. ` +
    'The app runs without saving; export what you can from Settings, or reset local data there.',
  'storage-quota': (d: Details) =>
    `The browser's storage quota is full, so ${s(d.what ?? 'the last change')} was not saved. ` +
    'Free space by deleting old runs or data in Settings, or allow more storage for this site.',
  'storage-failed': (d: Details) =>
    `${s(d.action ?? 'Saving')} ${s(d.what ?? 'the last change')} failed (${s(d.reason)}). Your saved data is unchanged; try again, and reload if it keeps failing.`,
  'storage-closed-for-upgrade': () =>
    'Another CometPlatform tab upgraded your saved data to a newer version, so this tab stopped saving. Reload to continue.',
  'storage-blocked-upgrade': () =>
    'Another CometPlatform tab is holding an older version of the data open. Close or reload the other tabs to finish the upgrade.',
  'worker-start-failed': (d: Details) =>
    `The ${s(d.worker)} worker failed to start: ${s(d.reason)}. Features that need it are unavailable; reload to try again.`,
  'worker-terminated': (d: Details) =>
    `The ${s(d.worker)} worker was stopped before it answered${d.method ? ` ${s(d.method)}()` : ''}. Try the action again.`,
  aborted: (d: Details) => `${s(d.what ?? 'The operation')} was cancelled.`,
  'queue-lease-lost': (d: Details) =>
    `Message ${s(d.id)} is no longer leased by this consumer (its visibility timeout passed, or it was acknowledged elsewhere).`,
  'queue-unknown-message': (d: Details) => `There is no message ${s(d.id)} in the queue.`,
  'retry-exhausted': (d: Details) =>
    `Gave up after ${s(d.attempts)} attempt(s): ${s(d.reason)}. Check the cause and try again.`,
  'invalid-argument': (d: Details) => `${s(d.what)} is not valid: ${s(d.reason)}.`,
  'not-cloneable': (d: Details) =>
    `${s(d.what)} cannot be copied to another tab, worker or the database (${s(d.reason)}). ` +
    'Pass plain data: objects, arrays, strings, numbers, Dates, Blobs and typed arrays, but no functions, Promises or DOM nodes.',
  'service-worker-failed': (d: Details) =>
    `Offline support could not be installed (${s(d.reason)}). The app works while online; reload later to retry.`,
} satisfies Record<string, (details: Details) => string>;

/** Every error code the platform raises. */
export type ErrorCode = keyof typeof messages;

/** An error with a catalogue code, structured details and a message written for people. */
export class CometError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Details = {},
    options?: { cause?: unknown },
  ) {
    super(messages[code](details), options);
    this.name = 'CometError';
  }
}

/** True when `error` is a CometError, optionally with the given code. */
export function isCometError(error: unknown, code?: ErrorCode): error is CometError {
  return error instanceof CometError && (code === undefined || error.code === code);
}

/** True when `code` is a code of this catalogue (errors that cross a worker boundary carry it as a string). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(messages, code);
}

/** A message for any thrown value, Error or not (workers and plugins may throw strings or objects). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
