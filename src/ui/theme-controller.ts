import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { applyTheme, resolveTheme, type ThemePreference } from './theme.js';

/**
 * Keeps the document in the scheme the user picked, following the system's light/dark setting live while the
 * preference is 'system'. The host calls `set(preference)` whenever the setting changes.
 */
export class ThemeController implements ReactiveController {
  #preference: ThemePreference = 'system';
  readonly #query = matchMedia('(prefers-color-scheme: dark)');
  readonly #onSystemChange = () => this.#apply();

  constructor(
    host: ReactiveControllerHost,
    private readonly root: HTMLElement = document.documentElement,
  ) {
    host.addController(this);
  }

  /** The scheme in effect now. */
  get scheme(): 'light' | 'dark' {
    return resolveTheme(this.#preference, this.#query.matches);
  }

  /** Applies a preference (a no-op when it is the current one). */
  set(preference: ThemePreference): void {
    this.#preference = preference;
    this.#apply();
  }

  hostConnected(): void {
    this.#query.addEventListener('change', this.#onSystemChange);
    this.#apply();
  }

  hostDisconnected(): void {
    this.#query.removeEventListener('change', this.#onSystemChange);
  }

  #apply(): void {
    applyTheme(this.scheme, this.root);
  }
}
