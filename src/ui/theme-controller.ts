import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { log } from '../core/log.js';
import { applyTheme, resolveTheme, type ThemePreference } from './theme.js';

/** Where the last applied preference is kept, read synchronously so the first paint is already in it. */
const CACHE_KEY = 'comet.theme';
const PREFERENCES: readonly string[] = ['system', 'light', 'dark'];

/**
 * Keeps the document in the scheme the user picked, following the system's light/dark setting live while the
 * preference is 'system'. The host calls `set(preference)` whenever the setting changes. The settings come from
 * IndexedDB only after first paint, so the last preference is also cached in localStorage: a reload opens in the
 * user's theme instead of flashing the system one first.
 */
export class ThemeController implements ReactiveController {
  #preference: ThemePreference = readCachedPreference();
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
    if (preference !== this.#preference) writeCachedPreference(preference);
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

function readCachedPreference(): ThemePreference {
  try {
    const cached = localStorage.getItem(CACHE_KEY);
    return cached !== null && PREFERENCES.includes(cached) ? (cached as ThemePreference) : 'system';
  } catch (error) {
    // Storage blocked (some privacy modes): the first paint follows the system until the settings load.
    log.debug('theme', 'No cached theme', error);
    return 'system';
  }
}

function writeCachedPreference(preference: ThemePreference): void {
  try {
    localStorage.setItem(CACHE_KEY, preference);
  } catch (error) {
    log.debug('theme', 'Could not cache the theme', error);
  }
}
