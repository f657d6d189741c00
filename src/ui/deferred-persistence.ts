import type { SlicePersistence } from '../core/slice-persistence.js';

/**
 * A SlicePersistence whose backing store is known only later: the store must exist at first paint, while
 * IndexedDB opens (or fails, and memory takes over) in the background. Loads and saves wait for the target.
 */
export class DeferredSlicePersistence implements SlicePersistence {
  #discarding = false;

  constructor(
    private readonly target: Promise<SlicePersistence>,
    /** Told after every save that reached the target, e.g. to ask for persistent storage once there is data. */
    private readonly onSaved?: (name: string) => void,
  ) {}

  async load(name: string): Promise<unknown> {
    return (await this.target).load(name);
  }

  async save(name: string, state: unknown): Promise<void> {
    const target = await this.target;
    if (this.#discarding) return;
    await target.save(name, state);
    this.onSaved?.(name);
  }

  /** Drops every later save: the data is being deleted and the page reloads, so nothing may write it back. */
  discard(): void {
    this.#discarding = true;
  }
}
