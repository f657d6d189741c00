import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store } from '../core/store.js';

/**
 * Re-renders its host when a selected part of the store changes. The store may arrive later (through
 * context), so it subscribes at the first update that has one.
 */
export class SelectController<S, R> implements ReactiveController {
  /** The selected value; undefined until the store is known. */
  value: R | undefined;
  #store: Store<S> | undefined;
  #unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getStore: () => Store<S> | undefined,
    private readonly selector: (state: S) => R,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const store = this.getStore();
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#store = store;
    if (!store) return;
    this.value = this.selector(store.getState());
    this.#unsubscribe = store.select(this.selector, (value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = undefined;
  }
}
