import type { BusMessage, EventBus } from '../core/bus.js';

/**
 * The most recent bus messages (every topic, every origin), bounded, for the debug inspector: it is recorded
 * from start-up, so opening the inspector shows what already happened.
 */
export class BusRecorder {
  #messages: BusMessage[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: () => void;

  constructor(
    bus: EventBus,
    readonly capacity = 500,
  ) {
    this.#unsubscribe = bus.subscribe('*', (_payload, message) => {
      this.#messages.push(message);
      if (this.#messages.length > capacity) this.#messages.splice(0, this.#messages.length - capacity);
      for (const listener of this.#listeners) listener();
    });
  }

  /** The recorded messages, oldest first (a live array: copy it to keep a snapshot). */
  get messages(): readonly BusMessage[] {
    return this.#messages;
  }

  /** Forgets what was recorded so far. */
  clear(): void {
    this.#messages = [];
    for (const listener of this.#listeners) listener();
  }

  /** Calls `listener` after every new message; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops recording. */
  dispose(): void {
    this.#unsubscribe();
    this.#listeners.clear();
  }
}
