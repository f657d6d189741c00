// Registers the app's one service worker (src/sw.ts) through workbox-window and tells the shell how
// offline support stands: installing, ready ("Offline ready"), an update waiting, or failed.
import { Workbox } from 'workbox-window';
import { CometError, errorMessage } from '../core/errors.js';
import type { Logger } from '../core/log.js';

/** Where offline support stands. */
export type ServiceWorkerState = 'unsupported' | 'installing' | 'ready' | 'update-available' | 'failed';

/** The shell's handle on the service worker. */
export interface ServiceWorkerController {
  /** 'ready' means the precache is complete and the page is (or on reload will be) controlled. */
  readonly state: ServiceWorkerState;
  /** Why the state is 'failed' (code 'service-worker-failed'). */
  readonly error?: CometError;
  /** Calls `listener` after every change of state; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Activates the waiting version and reloads the page once, when that version controls it. */
  applyUpdate(): void;
  /** Asks the browser to look for a new version now (a failed check is logged, not thrown). */
  checkForUpdate(): Promise<void>;
}

const SOURCE = 'sw';

/**
 * Registers the service worker at `url` (default './sw.js', relative to the page, so its scope is the
 * app's own directory under any sub-path). A failure is logged and shown; the app keeps running online.
 */
export function registerServiceWorker(options: { log: Logger; url?: string }): ServiceWorkerController {
  return new WorkboxController(options.log, options.url ?? './sw.js');
}

class WorkboxController implements ServiceWorkerController {
  state: ServiceWorkerState = 'installing';
  error?: CometError;
  readonly #log: Logger;
  readonly #listeners = new Set<() => void>();
  readonly #wb?: Workbox;
  #registration?: ServiceWorkerRegistration;
  /** Whether a service worker controlled this page before the latest controller change. */
  #wasControlled = false;
  #reloadOnControl = false;
  #reloading = false;

  constructor(log: Logger, url: string) {
    this.#log = log;
    if (!('serviceWorker' in navigator)) {
      log.warn(SOURCE, 'Service workers are not available here (they need HTTPS or localhost): no offline support.');
      this.state = 'unsupported';
      return;
    }
    this.#wasControlled = Boolean(navigator.serviceWorker.controller);
    const wb = (this.#wb = new Workbox(url));
    // Only the very first install skips waiting (src/sw.ts), so a waiting worker is always a new version.
    wb.addEventListener('waiting', () => this.#set('update-available'));
    wb.addEventListener('controlling', () => {
      // A controller replaced under a running page (by this tab's click or another tab's) leaves the page's
      // code older than the cache it runs against: reload into the new version.
      if (this.#reloadOnControl || this.#wasControlled) this.#reload();
      else this.#set('ready');
      this.#wasControlled = true;
    });
    wb.register().then(
      (registration) => this.#registered(registration),
      (error: unknown) => this.#fail(errorMessage(error), error),
    );
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  applyUpdate(): void {
    const waiting = this.#registration?.waiting;
    if (!this.#wb || !waiting) {
      this.#log.warn(SOURCE, 'No new version is waiting: nothing to apply.');
      return;
    }
    this.#log.info(SOURCE, 'Activating the new version.');
    // A page opened with a hard reload is not controlled and gets no `controlling` event.
    waiting.addEventListener('statechange', () => {
      if (waiting.state === 'activated' && !navigator.serviceWorker.controller) this.#reload();
    });
    this.#reloadOnControl = true;
    this.#wb.messageSkipWaiting();
  }

  async checkForUpdate(): Promise<void> {
    try {
      await this.#wb?.update();
    } catch (error) {
      this.#log.warn(SOURCE, `Could not check for a new version: ${errorMessage(error)}`);
    }
  }

  #registered(registration: ServiceWorkerRegistration | undefined): void {
    if (!registration) return;
    this.#registration = registration;
    registration.addEventListener('updatefound', () =>
      this.#watchInstall(registration.installing, Boolean(registration.active)),
    );
    if (registration.active) this.#set(registration.waiting ? 'update-available' : 'ready');
    else this.#watchInstall(registration.installing ?? registration.waiting, false);
  }

  /** A first install ends in control of the page or fails; a failed update leaves the current version. */
  #watchInstall(sw: ServiceWorker | null, isUpdate: boolean): void {
    let installed = false;
    sw?.addEventListener('statechange', () => {
      installed ||= sw.state === 'installed';
      if (isUpdate) {
        if (sw.state === 'redundant' && !installed) {
          this.#log.warn(SOURCE, 'A new version failed to install; the current version keeps working offline.');
        }
      } else if (this.state === 'installing') {
        if (sw.state === 'redundant') this.#fail('its install step failed, so nothing was cached');
        else if (sw.state === 'activated') this.#set('ready');
      }
    });
  }

  #set(state: ServiceWorkerState, error?: CometError): void {
    if (this.state === state) return;
    this.state = state;
    this.error = error;
    this.#log.info(SOURCE, `Offline support: ${state}.`);
    for (const listener of this.#listeners) listener();
  }

  #fail(reason: string, cause?: unknown): void {
    const error = new CometError('service-worker-failed', { reason }, { cause });
    this.#log.error(SOURCE, error.message, cause);
    this.#set('failed', error);
  }

  #reload(): void {
    if (this.#reloading) return;
    this.#reloading = true;
    window.location.reload();
  }
}
