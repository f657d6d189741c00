/**
 * One catalogue of error codes. Every message says what happened and what to try; callers catch at
 * the boundary that can explain it to the user and never swallow it.
 */
type Details = Record<string, unknown>;

/** Text for a detail value of any type. */
const s = (value: unknown): string => (typeof value === 'string' ? value : errorMessage(value));

/** Text ending as a sentence, so that what follows it reads as the next one. */
const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

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
  // Capabilities (src/core/capabilities/).
  'capability-name': (d: Details) =>
    `"${s(d.name)}" is not a valid capability name: ${s(d.reason)}. Names look like http.request or plugin.<id>.<function>.`,
  'capability-exists': (d: Details) =>
    `A capability named ${s(d.name)} is already registered. Unregister it first, or choose another name.`,
  'capability-unknown': (d: Details) =>
    `There is no capability named ${s(d.name)}. Check the name, or install the plugin that provides it.`,
  'invalid-input': (d: Details) => `The input of ${s(d.capability)} is not valid: ${s(d.summary)}. Nothing was run.`,
  'invalid-output': (d: Details) =>
    `${s(d.capability)} returned a result that does not match its output schema: ${s(d.summary)}. The result was discarded; this is a bug in the capability.`,
  'capability-denied': (d: Details) =>
    `${s(d.principal)} may not call ${s(d.capability)}: ${sentence(s(d.reason))}` +
    (Array.isArray(d.wouldAllowWith) && d.wouldAllowWith.length
      ? ` A grant of ${d.wouldAllowWith.map(s).join(' or ')} would allow it.`
      : '') +
    (typeof d.retryAfterMs === 'number' ? ` Try again in ${Math.ceil(d.retryAfterMs / 1000)} s.` : ''),
  'capability-timeout': (d: Details) =>
    `${s(d.capability)} did not finish within ${s(d.timeoutMs)} ms and was cancelled.`,
  'capability-failed': (d: Details) => `${s(d.capability)} failed: ${s(d.reason)}`,
  'audit-failed': (d: Details) =>
    `The audit log could not record ${s(d.capability)} (${s(d.reason)}), so it was not run: no action runs without its audit entry. Free some storage or reload, then try again.`,
  'kv-invalid-value': (d: Details) => `The value for key "${s(d.key)}" cannot be stored: ${s(d.reason)}.`,
  'http-cors': (d: Details) =>
    `The browser blocked the response from ${s(d.origin)} (CORS): the server does not allow requests from this app's origin. Use a server that sends Access-Control-Allow-Origin, or a proxy you trust.`,
  'http-network': (d: Details) =>
    `The request to ${s(d.origin)} failed before any response arrived (${s(d.reason)}). Check the address and the connection; the app's security policy also blocks addresses other than https and local ones.`,
  'http-timeout': (d: Details) =>
    `${s(d.origin)} did not answer within ${s(d.timeoutMs)} ms; the request was cancelled.`,
  'http-too-large': (d: Details) =>
    `The response from ${s(d.origin)} is larger than ${s(d.limit)} bytes, the most http.request returns. Ask the server for less (paging, filters).`,
  'vault-locked': () => 'The key vault is locked. Unlock it with its passphrase in Settings, then try again.',
  'vault-wrong-passphrase': () => 'That passphrase does not unlock the key vault. Nothing was changed; try again.',
  'vault-key-exists': (d: Details) => `The vault already has a key named "${s(d.name)}". Choose another name.`,
  'vault-unknown-key': (d: Details) =>
    `The vault has no key named "${s(d.name)}". Add it in Settings, or check the name.`,
  'vault-unreadable': (d: Details) =>
    `The stored key "${s(d.name)}" could not be decrypted (${s(d.reason)}). ` +
    'It may have been altered or encrypted with a key that was replaced; enter the key again in Settings.',
  // Supervisor (src/core/supervisor/).
  'principal-not-issued': (d: Details) =>
    `The principal ${s(d.principal)} was not issued by this host, so nothing was allowed. ` +
    'Principals come from the host (PrincipalRegistry.issue); a caller cannot name or copy one.',
  'principal-invalid': (d: Details) => `"${s(d.id)}" is not a valid principal: ${s(d.reason)}.`,
  'principal-taken': (d: Details) =>
    `The principal ${s(d.id)} is already issued; two actors cannot share one. Choose another name or revoke the first.`,
  'scope-unknown': (d: Details) =>
    `"${s(d.scope)}" is not a known permission scope: its kind "${s(d.kind)}" is not one of ${s(d.known)}.`,
  'scope-invalid': (d: Details) => `"${s(d.scope)}" is not a valid permission scope: ${s(d.reason)}.`,
  'grant-invalid': (d: Details) => `The grant is not valid: ${s(d.problems)}. Nothing was saved.`,
  'grant-unknown': (d: Details) => `There is no grant ${s(d.id)}; it may have been revoked.`,
  'grant-consumed': (d: Details) =>
    `The one-shot grant ${s(d.id)} was already used by another call, so this call did not run. Grant it again to allow one more.`,
  'policy-invalid': (d: Details) => `The policy is not valid: ${s(d.problems)}. Nothing was saved.`,
  'policy-unknown': (d: Details) => `There is no policy ${s(d.id)}; it may have been deleted.`,
  'policy-file-invalid': (d: Details) => `The policy file was not imported; nothing changed. ${s(d.problems)}`,
  'rate-limited': (d: Details) =>
    `${s(d.what)} is rate limited by policy ${s(d.policy)}; it may run again in ${s(d.retryAfter)}.`,
  'decision-not-committable': (d: Details) =>
    `This decision cannot be committed: ${s(d.reason)}. The call did not run.`,
  'approval-unknown': (d: Details) => `There is no pending approval ${s(d.id)}; it was answered or timed out.`,
  // The supervisor's UI (src/modules/supervisor/).
  'supervisor-unavailable': (d: Details) =>
    `The supervisor cannot start because local storage is unavailable (${s(d.reason)}). ` +
    'Without it no grant, policy or audit entry can be kept, so no agent action is allowed. Fix storage, then reload.',
  'probe-failed': (d: Details) => `The check failed: ${s(d.reason)}.`,
  'probe-not-run': (d: Details) => `The check was not run: ${s(d.reason)}.`,
  // The workflow orchestrator (src/modules/workflows/).
  'workflow-invalid': (d: Details) =>
    `The workflow ${s(d.name ?? '')} has ${s(d.count)} problem(s); nothing was run or saved. First: ${s(d.first)}.`,
  'workflow-unknown': (d: Details) =>
    `There is no workflow ${s(d.id)}. It may have been deleted; import it again or pick another.`,
  'workflow-file-invalid': (d: Details) => `The file was not imported; nothing changed. ${s(d.reason)}`,
  'run-unknown': (d: Details) => `There is no run ${s(d.id)}; it may have been deleted.`,
  'run-file-invalid': (d: Details) => `The run file was not loaded; nothing changed. ${s(d.reason)}`,
  'run-not-allowed': (d: Details) => `Run ${s(d.id)} cannot be ${s(d.action)}: ${s(d.reason)}.`,
  'reference-missing': (d: Details) =>
    `${s(d.reference)} has no value${d.at ? ` at ${s(d.at)}` : ''}: ${s(d.reason)}. Check the step's input and the output of the step it names.`,
  'step-timeout': (d: Details) =>
    `Step ${s(d.step)} did not finish within ${s(d.timeout)} and was stopped. Raise its timeout or check what it calls.`,
  'step-threw': (d: Details) => `Step ${s(d.step)} failed with a value that is not an Error: ${s(d.value)}.`,
  'condition-not-met': (d: Details) =>
    d.assert
      ? `Step ${s(d.step)} asserts a condition that does not hold: ${s(d.condition)}.`
      : `The output of step ${s(d.step)} does not satisfy its "until" condition yet (${s(d.condition)}).`,
  'http-status': (d: Details) =>
    `${s(d.method)} ${s(d.url)} answered ${s(d.status)} ${s(d.statusText ?? '')}`.trimEnd() +
    '. The step failed; it is retried if its policy allows.',
  'subworkflow-failed': (d: Details) =>
    `Sub-workflow ${s(d.workflow)} ${s(d.status)} (run ${s(d.runId)})${d.reason ? `: ${s(d.reason)}` : ''}. Open that run to see which step and why.`,
  'cron-invalid': (d: Details) => `"${s(d.cron)}" is not a valid schedule: ${s(d.reason)}.`,
  'orchestrator-unavailable': (d: Details) =>
    `The workflow engine is not running (${s(d.reason)}). Reload the page; runs continue where they stopped.`,
  'workflow-templates-unavailable': (d: Details) =>
    `The built-in templates could not be loaded (${s(d.reason)}). Your own templates and blank workflows still work; reload to try again.`,
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
