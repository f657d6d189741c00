/**
 * Running one capability call: under a deadline on the injected clock and the caller's AbortSignal (a capability
 * that ignores its signal is still abandoned on time), with whatever it throws turned into a CometError.
 */
import { abortReason, type Clock } from '../clock.js';
import { CometError, errorMessage } from '../errors.js';
import { redactText } from '../redact.js';
import type { AuditOutcome } from '../audit/index.js';

/** Runs `work` with a signal that aborts on the caller's signal or after `timeoutMs`; rejects as soon as it aborts. */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: { clock: Clock; timeoutMs: number; signal?: AbortSignal; capability: string },
): Promise<T> {
  const { clock, timeoutMs, capability } = options;
  const deadline = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const timer = clock.setTimeout(
    () => deadline.abort(new CometError('capability-timeout', { capability, timeoutMs })),
    timeoutMs,
  );
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      onAbort = () => reject(abortReason(signal));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      // Through a promise, so a capability that throws synchronously is caught like one that rejects.
      Promise.resolve()
        .then(() => work(signal))
        .then(resolve, reject);
    });
  } finally {
    clock.clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * What a caller receives when a capability fails: a CometError as is; anything else — an Error, a string, an object
 * a plugin threw — as 'capability-failed' with a message cleaned of known secrets and the original name kept for
 * retry rules (`errorName`).
 */
export function callError(error: unknown, capability: string, secrets: readonly string[]): CometError | DOMException {
  if (error instanceof CometError) return error;
  // The caller's own cancellation stays what it was, so a cancelled run reads as cancelled.
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  const errorName = error instanceof Error ? error.name : typeof error;
  const reason = redactText(errorMessage(error), secrets, 2000);
  return new CometError('capability-failed', { capability, reason, errorName }, { cause: error });
}

/** The audit outcome of a failed call. */
export function failureOutcome(error: unknown): AuditOutcome {
  if (error instanceof CometError) {
    if (error.code === 'capability-timeout' || error.code === 'http-timeout') return 'timeout';
    if (error.code === 'capability-denied') return 'denied';
  }
  return 'error';
}
