// Shared set-up for element tests: Web Awesome's theme and icons as the app serves them, a real platform on
// a database and channel of its own, and an element that provides it to a fixture.
import { ContextProvider } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { createPlatform, type Platform, type PlatformOptions } from '../../src/ui/platform.js';
import { platformContext } from '../../src/ui/platform-context.js';
import { adoptThemeStyles } from '../../src/ui/theme.js';
import { useLocalIcons } from '../../src/ui/webawesome.js';

/** Links Web Awesome's theme, adopts our tokens and serves its icons from public/, once per page. */
export function setUpTheme(): void {
  if (!document.querySelector('link[data-test-theme]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/node_modules/@awesome.me/webawesome/dist/styles/themes/default.css';
    link.dataset.testTheme = '';
    document.head.append(link);
  }
  adoptThemeStyles();
  useLocalIcons('/public/webawesome/icons/system/');
}

let counter = 0;

/** A unique name for this test's database and bus channel, so parallel test files never share them. */
export function uniqueName(prefix = 'comet-test'): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Options for a platform on its own database and channel, with no service worker and no window listeners. */
export function testPlatformOptions(options: PlatformOptions = {}): PlatformOptions {
  return {
    dbName: uniqueName('comet-db'),
    channel: uniqueName('comet-bus'),
    serviceWorker: false,
    orchestrator: false,
    window: null,
    url: 'http://localhost/',
    ...options,
  };
}

/** A real platform on its own database and channel (see testPlatformOptions). */
export function testPlatform(options: PlatformOptions = {}): Platform {
  return createPlatform(testPlatformOptions(options));
}

/** Creates a database at a version newer than this build knows, so the app must refuse to open it. */
export function createFutureDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 9990);
    request.onupgradeneeded = () => request.result.createObjectStore('from-the-future');
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error ?? new Error(`could not create ${name}`));
  });
}

/** Resolves with the first value of the store selection that passes `test` (now or later). */
export function until<R>(
  platform: Platform,
  select: (s: ReturnType<Platform['store']['getState']>) => R,
  test: (v: R) => boolean,
): Promise<R> {
  return new Promise((resolve) => {
    const now = select(platform.store.getState());
    if (test(now)) return resolve(now);
    const stop = platform.store.select(select, (value) => {
      if (!test(value)) return;
      stop();
      resolve(value);
    });
  });
}

/** Deletes a test database (after the platform closed it). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
  });
}

/** Provides `platform` to whatever is slotted in it, as <comet-app> does. */
@customElement('comet-test-provider')
export class CometTestProvider extends LitElement {
  readonly #provider = new ContextProvider(this, { context: platformContext });

  set platform(platform: Platform) {
    this.#provider.setValue(platform);
  }
  get platform(): Platform | undefined {
    return this.#provider.value;
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-test-provider': CometTestProvider;
  }
}
