/**
 * Typed module workers over Comlink, with what Comlink leaves out: a "ready" handshake with a start-up timeout,
 * errors that keep their class, code and stack, cancellation through AbortSignal, and calls that reject (instead of
 * hanging forever) when the worker fails to start or is terminated. The page side is spawnWorker; a worker entry
 * calls exposeWorker. Views never import Comlink: a module's facade does, through this file.
 */
import { expose, proxy, releaseProxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
import { abortReason, systemClock, type Clock } from './clock.js';
import { CometError } from './errors.js';
import { log as defaultLog, type Logger } from './log.js';
import {
  ABORT_SIGNAL_HANDLER,
  installTransferHandlers,
  outgoingSignal,
  type OutgoingSignal,
  type WireSignal,
  type WireThrown,
} from './rpc-transfer.js';
import { registry, type RegisteredWorker, type WorkerInfo, type WorkerState } from './worker-registry.js';

export { workerRegistry } from './worker-registry.js';
export type { WorkerInfo, WorkerState };
/** Marks values to be moved, not copied: `api.embed(transfer(floats, [floats.buffer]))`. The sender's copy is emptied. */
export { transfer };
/** Marks a callback (e.g. a progress reporter) to be called back across the boundary instead of copied. */
export { proxy };
/** The typed proxy of a worker's API: every method returns a Promise. */
export type { Remote };

/** The message a worker posts once exposeWorker has run: calls may flow from then on. */
const READY = 'comet-rpc-ready';

/** How long a worker may take to load and report ready before it counts as failed. */
export const DEFAULT_START_TIMEOUT_MS = 30_000;

/** A spawned worker: its typed API, its state, and the means to stop it. */
export interface WorkerHandle<Api> {
  /** The name it was spawned under (shown in the debug inspector and in error messages). */
  readonly name: string;
  /** The worker's API. Calls made before it is ready wait for it; after a failure or terminate() they reject. */
  readonly api: Remote<Api>;
  readonly state: WorkerState;
  /** Resolves when the worker reported ready; rejects with CometError 'worker-start-failed' when it cannot start. */
  readonly ready: Promise<void>;
  /** Why it failed, once it has. */
  readonly error?: CometError;
  /** The underlying Worker, for other transports over the same port (the event bus); undefined if it never started. */
  readonly worker?: Worker;
  /** Stops the worker; every unanswered call rejects with CometError 'worker-terminated'. */
  terminate(): void;
}

/** Options of spawnWorker. */
export interface SpawnOptions {
  /** Milliseconds to wait for the ready handshake (default DEFAULT_START_TIMEOUT_MS). */
  startTimeoutMs?: number;
  clock?: Clock;
  log?: Logger;
}

/** Spawns a module worker whose entry calls exposeWorker, e.g. `new URL('./echo.worker.js', import.meta.url)`. */
export function spawnWorker<Api>(name: string, url: URL, options: SpawnOptions = {}): WorkerHandle<Api> {
  return new RpcWorker<Api>(name, url, options);
}

/** Serves `api` to the page that spawned this worker and tells it the worker is ready. Call once, last. */
export function exposeWorker<Api extends object>(api: Api): void {
  if (typeof DedicatedWorkerGlobalScope === 'undefined' || !(globalThis instanceof DedicatedWorkerGlobalScope)) {
    throw new CometError('invalid-argument', { what: 'exposeWorker()', reason: 'it runs only in a module worker' });
  }
  installTransferHandlers();
  expose(api);
  (globalThis as unknown as DedicatedWorkerGlobalScope).postMessage({ type: READY });
}

/** The parts of a Comlink request this file reads. */
interface CallMessage {
  id?: string;
  type?: string;
  path?: string[];
  argumentList?: { type: string; name?: string; value?: unknown }[];
}

/** An unanswered call: what it called, and how to stop listening to its signals. */
interface PendingCall {
  method: string;
  stop(): void;
}

class RpcWorker<Api> implements WorkerHandle<Api>, RegisteredWorker {
  readonly name: string;
  readonly ready: Promise<void>;
  readonly worker?: Worker;
  #state: WorkerState = 'starting';
  #error?: CometError;
  readonly #url: string;
  readonly #startedAt: number;
  #readyAt?: number;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #remote: Remote<Api>;
  #tombstone?: Remote<Api>;
  #timer?: number;
  #settleReady!: (error?: CometError) => void;
  readonly #pending = new Map<string, PendingCall>();
  /** Calls made while starting, sent once the worker is ready (a module worker may drop earlier messages). */
  #queued: [CallMessage, Transferable[]][] = [];
  /** Comlink's listeners on our endpoint. */
  readonly #listeners = new Set<EventListenerOrEventListenerObject>();

  constructor(name: string, url: URL, options: SpawnOptions) {
    installTransferHandlers();
    this.name = name;
    this.#url = url.href;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? defaultLog;
    this.#startedAt = this.#clock.now();
    this.ready = new Promise<void>((resolve, reject) => {
      this.#settleReady = (error) => (error ? reject(error) : resolve());
    });
    // A failure is logged and kept in `error`; a caller that never awaits `ready` must not see an unhandled rejection.
    this.ready.catch(() => undefined);
    this.#remote = wrap<Api>(this.#endpoint);
    registry.add(this);

    try {
      this.worker = new Worker(url, { type: 'module', name });
    } catch (error) {
      this.#fail(`the browser refused to create it (${String(error)})`, error);
      return;
    }
    this.worker.addEventListener('message', this.#onMessage);
    this.worker.addEventListener('error', this.#onError);
    this.worker.addEventListener('messageerror', this.#onMessageError);
    const timeout = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    this.#timer = this.#clock.setTimeout(() => this.#fail(`it did not report ready within ${timeout} ms`), timeout);
  }

  get state(): WorkerState {
    return this.#state;
  }

  get error(): CometError | undefined {
    return this.#error;
  }

  get api(): Remote<Api> {
    if (this.#state !== 'terminated') return this.#remote;
    return (this.#tombstone ??= tombstone<Api>(
      (method) => new CometError('worker-terminated', { worker: this.name, method }),
    ));
  }

  terminate(): void {
    if (this.#state === 'terminated') return;
    this.#state = 'terminated';
    this.#stopTimer();
    this.worker?.terminate();
    this.worker?.removeEventListener('message', this.#onMessage);
    this.worker?.removeEventListener('error', this.#onError);
    this.worker?.removeEventListener('messageerror', this.#onMessageError);
    this.#rejectAll((method) => new CometError('worker-terminated', { worker: this.name, method }));
    this.#remote[releaseProxy]();
    this.#log.debug(`rpc:${this.name}`, 'terminated');
    registry.remove(this);
  }

  info(): WorkerInfo {
    return {
      name: this.name,
      url: this.#url,
      state: this.#state,
      startedAt: this.#startedAt,
      ...(this.#readyAt === undefined ? {} : { readyAt: this.#readyAt }),
      pendingCalls: this.#pending.size,
      ...(this.#error ? { error: this.#error.message } : {}),
    };
  }

  /** The endpoint Comlink talks to: it tracks calls, holds them until ready, and answers for a dead worker. */
  readonly #endpoint: Endpoint = {
    postMessage: (message: CallMessage, transfer: Transferable[] = []) => this.#send(message, transfer),
    addEventListener: (type, listener) => {
      if (type === 'message') this.#listeners.add(listener);
    },
    removeEventListener: (type, listener) => {
      if (type === 'message') this.#listeners.delete(listener);
    },
  };

  #send(message: CallMessage, transfer: Transferable[]): void {
    const { id, type } = message;
    if (type === 'RELEASE') {
      if (this.#state === 'ready') this.worker?.postMessage(message, transfer);
      return;
    }
    if (id === undefined) return;
    const method = (message.path ?? []).join('.');
    if (this.#state === 'failed' || this.#state === 'terminated') {
      this.#reply(id, this.#error ?? new CometError('worker-terminated', { worker: this.name, method }));
      return;
    }
    const signals = (message.argumentList ?? [])
      .filter((arg) => arg.type === 'HANDLER' && arg.name === ABORT_SIGNAL_HANDLER)
      .map((arg) => outgoingSignal((arg.value as WireSignal).port))
      .filter((signal): signal is OutgoingSignal => signal !== undefined);
    const aborted = signals.find((s) => s.signal.aborted);
    if (aborted) {
      for (const s of signals) s.release();
      this.#reply(id, abortReason(aborted.signal));
      return;
    }
    this.#track(id, method, signals);
    if (this.#state === 'starting') this.#queued.push([message, transfer]);
    else this.worker?.postMessage(message, transfer);
  }

  /** Records an unanswered call; aborting any of its signals rejects it at once (the worker sees the abort too). */
  #track(id: string, method: string, signals: OutgoingSignal[]): void {
    const onAbort = (event: Event) => {
      this.#finish(id);
      this.#reply(id, abortReason(event.target as AbortSignal));
    };
    for (const { signal } of signals) signal.addEventListener('abort', onAbort, { once: true });
    this.#pending.set(id, {
      method,
      stop: () => {
        for (const s of signals) {
          s.signal.removeEventListener('abort', onAbort);
          s.release();
        }
      },
    });
    registry.changed();
  }

  #finish(id: string): PendingCall | undefined {
    const call = this.#pending.get(id);
    if (!call) return undefined;
    this.#pending.delete(id);
    call.stop();
    registry.changed();
    return call;
  }

  /** Answers call `id` with a rejection, here, without the worker: Comlink then throws `thrown` to the caller. */
  #reply(id: string, thrown: unknown): void {
    const value: WireThrown = { isError: false, value: thrown };
    this.#dispatch(new MessageEvent('message', { data: { id, type: 'HANDLER', name: 'throw', value } }));
  }

  #rejectAll(errorFor: (method: string) => CometError): void {
    this.#queued = [];
    for (const id of [...this.#pending.keys()]) {
      const call = this.#finish(id);
      if (call) this.#reply(id, errorFor(call.method));
    }
  }

  #dispatch(event: MessageEvent): void {
    for (const listener of this.#listeners) {
      if (typeof listener === 'function') listener(event);
      else listener.handleEvent(event);
    }
  }

  readonly #onMessage = (event: MessageEvent): void => {
    const data = event.data as { id?: unknown; type?: unknown } | null;
    if (data?.type === READY) {
      this.#becomeReady();
      return;
    }
    if (typeof data?.id === 'string') this.#finish(data.id);
    this.#dispatch(event);
  };

  readonly #onError = (event: Event): void => {
    // Handled here: left alone, a worker's error would also be re-thrown as an uncaught error of the page.
    event.preventDefault();
    // "Uncaught Error: x." reads better inside our own sentence as "Error: x".
    const detail = event instanceof ErrorEvent ? event.message.replace(/^Uncaught /, '').replace(/\.$/, '') : '';
    if (this.#state === 'starting') {
      this.#fail(detail || `its script could not be loaded or evaluated (${this.#url})`);
      return;
    }
    const where = event instanceof ErrorEvent ? { file: event.filename, line: event.lineno } : {};
    this.#log.error(
      `rpc:${this.name}`,
      `Uncaught error in the ${this.name} worker: ${detail || 'unknown error'}`,
      where,
    );
  };

  readonly #onMessageError = (): void => {
    this.#log.error(
      `rpc:${this.name}`,
      `A message from the ${this.name} worker could not be read (it was not cloneable).`,
    );
  };

  #becomeReady(): void {
    if (this.#state !== 'starting') return;
    this.#stopTimer();
    this.#state = 'ready';
    this.#readyAt = this.#clock.now();
    for (const [message, transfer] of this.#queued) this.worker?.postMessage(message, transfer);
    this.#queued = [];
    this.#log.debug(`rpc:${this.name}`, `ready after ${this.#readyAt - this.#startedAt} ms`);
    this.#settleReady();
    registry.changed();
  }

  #fail(reason: string, cause?: unknown): void {
    if (this.#state !== 'starting') return;
    this.#stopTimer();
    this.#state = 'failed';
    const error = new CometError('worker-start-failed', { worker: this.name, reason }, { cause });
    this.#error = error;
    this.worker?.terminate();
    this.#log.error(`rpc:${this.name}`, error.message, { url: this.#url });
    this.#rejectAll(() => error);
    this.#settleReady(error);
    registry.changed();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** A stand-in API for a terminated worker: every call, at any depth, rejects with the error for its method. */
function tombstone<Api>(errorFor: (method: string) => CometError, path: string[] = []): Remote<Api> {
  const method = path.join('.');
  return new Proxy(function () {}, {
    get(_target, prop) {
      if (prop === 'then') {
        if (path.length === 0) return undefined;
        return (_resolve: unknown, reject: (error: unknown) => void) => reject(errorFor(method));
      }
      return tombstone<Api>(errorFor, [...path, String(prop)]);
    },
    apply: () => Promise.reject(errorFor(method)),
  }) as unknown as Remote<Api>;
}
