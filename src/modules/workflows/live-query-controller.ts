import { liveQuery } from 'dexie';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host whenever a Dexie liveQuery emits: a list that follows the database, also for changes made by
 * other tabs. The query may depend on something that arrives later (through context): it runs once `query()` returns
 * a function, and again whenever `key()` changes.
 */
export class LiveQueryController<T> implements ReactiveController {
  /** The latest result; undefined until the first one. */
  value: T | undefined;
  /** Why the latest run failed, if it did. */
  error: unknown;
  #subscription: { unsubscribe(): void } | undefined;
  #key: unknown;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly query: () => (() => Promise<T>) | undefined,
    private readonly key: () => unknown = () => undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const key = this.key();
    if (this.#subscription && key === this.#key) return;
    const run = this.query();
    if (!run) return;
    this.#subscription?.unsubscribe();
    this.#key = key;
    this.#subscription = liveQuery(run).subscribe({
      next: (value) => {
        this.value = value;
        this.error = undefined;
        this.host.requestUpdate();
      },
      error: (error: unknown) => {
        this.error = error;
        this.host.requestUpdate();
      },
    });
  }

  hostDisconnected(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}
