/**
 * The workers this page has spawned, for the debug inspector: name, state, when each started and how many calls
 * are waiting on it. Changes are announced at most once per microtask, so a burst of calls costs one re-render.
 */

/** Where a worker is in its life. */
export type WorkerState = 'starting' | 'ready' | 'failed' | 'terminated';

/** One worker as the inspector shows it. */
export interface WorkerInfo {
  name: string;
  /** The script it runs. */
  url: string;
  state: WorkerState;
  /** Epoch ms when it was spawned. */
  startedAt: number;
  /** Epoch ms when it reported ready, once it has. */
  readyAt?: number;
  /** Calls sent (or queued until ready) and not yet answered. */
  pendingCalls: number;
  /** Why it failed, when it did. */
  error?: string;
}

/** A live worker as the registry sees it. */
export interface RegisteredWorker {
  info(): WorkerInfo;
}

/** The read side of the registry: what the inspector may use. */
export interface WorkerRegistryView {
  /** Every worker spawned and not yet terminated (failed ones included), in spawn order. */
  list(): WorkerInfo[];
  /** Calls `listener` after workers are added, removed or change state or pending calls; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

class WorkerRegistry implements WorkerRegistryView {
  readonly #workers = new Set<RegisteredWorker>();
  readonly #listeners = new Set<() => void>();
  #scheduled = false;

  list(): WorkerInfo[] {
    return [...this.#workers].map((w) => w.info());
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  add(worker: RegisteredWorker): void {
    this.#workers.add(worker);
    this.changed();
  }

  remove(worker: RegisteredWorker): void {
    this.#workers.delete(worker);
    this.changed();
  }

  changed(): void {
    if (this.#scheduled || this.#listeners.size === 0) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      for (const listener of this.#listeners) listener();
    });
  }
}

/** The registry that spawnWorker writes to (internal: only src/core/rpc.ts calls add/remove/changed). */
export const registry = new WorkerRegistry();

/** The workers of this page, for the debug inspector. */
export const workerRegistry: WorkerRegistryView = registry;
