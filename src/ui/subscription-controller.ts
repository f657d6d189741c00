import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Anything with `subscribe(listener) → unsubscribe`: toasts, the service worker controller, the log, … */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/**
 * Re-renders its host whenever a source announces a change. The source may arrive later (through context),
 * so it subscribes at the first update that has one, and again if the source changes. With `perFrame`, a
 * burst of changes (a thousand bus events) costs one render per animation frame.
 */
export class SubscriptionController<T extends Subscribable> implements ReactiveController {
  #source: T | undefined;
  #unsubscribe?: () => void;
  #frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getSource: () => T | undefined,
    private readonly options: { perFrame?: boolean } = {},
  ) {
    host.addController(this);
  }

  /** The source currently followed. */
  get source(): T | undefined {
    return this.#source;
  }

  hostUpdate(): void {
    const source = this.getSource();
    if (source === this.#source) return;
    this.#unsubscribe?.();
    this.#source = source;
    this.#unsubscribe = source?.subscribe(() => this.#changed());
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#source = undefined;
  }

  #changed(): void {
    if (!this.options.perFrame) {
      this.host.requestUpdate();
      return;
    }
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      this.host.requestUpdate();
    });
  }
}
