// The last line of defence: an error nobody caught (a thrown exception, a rejected promise nobody awaited)
// is logged and shown as a toast, so it is never silent. Code should still catch at the boundary that can
// explain an error; this catches what slipped through.
import { errorMessage, isCometError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { ToastCenter } from './toasts.js';

/** Listens for uncaught errors on `target` (the window); returns the function that stops listening. */
export function installErrorBoundary(target: EventTarget, deps: { log: Logger; toasts: ToastCenter }): () => void {
  const report = (error: unknown, fallback: string) => {
    const message = error === undefined || error === null ? fallback : errorMessage(error);
    deps.log.error('app', `Uncaught: ${message}`, error);
    deps.toasts.show({
      variant: 'danger',
      title: isCometError(error) ? 'Something could not be done' : 'Unexpected error',
      message: isCometError(error)
        ? message
        : `${message.replace(/\.$/, '')}. The app keeps running; details are in the log (debug mode).`,
    });
  };
  const onError = (event: Event) => {
    // Resource load failures (an <img>, a <script>) are plain Events, not ErrorEvents: not ours to report.
    if (!(event instanceof ErrorEvent)) return;
    // The browser's note that a ResizeObserver (the virtualised lists') deferred some callbacks to the next frame is
    // not an error: nothing failed (w3c/csswg-drafts#5488).
    if (event.error == null && event.message.startsWith('ResizeObserver loop')) return;
    report(event.error ?? event.message, event.message || 'An error occurred');
  };
  const onRejection = (event: Event) => {
    report((event as PromiseRejectionEvent).reason, 'A promise was rejected without a reason');
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
