import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Whether the browser thinks it is online (navigator.onLine), re-rendering the host when that changes. */
export class OnlineController implements ReactiveController {
  /** True while the browser has a network connection (it cannot know whether a server is reachable). */
  online = navigator.onLine;
  readonly #onChange = () => {
    this.online = navigator.onLine;
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.online = navigator.onLine;
    window.addEventListener('online', this.#onChange);
    window.addEventListener('offline', this.#onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onChange);
    window.removeEventListener('offline', this.#onChange);
  }
}
