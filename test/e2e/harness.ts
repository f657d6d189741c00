// Shared set-up for whole-app tests: serve the built dist/ (optionally under a sub-path) on 127.0.0.1
// and drive the system Chromium with playwright-core.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_FLAGS, chromePath } from '../../scripts/chrome.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { nodeTestRoutes } from '../../scripts/wtr-test-routes.mjs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A running server for dist/ and a fresh browser context, closed together. */
export interface AppSession {
  /** The browser (undefined for a persistent context, which owns its browser). */
  browser: Browser | undefined;
  context: BrowserContext;
  /** The app's URL, ending in the base path (e.g. http://127.0.0.1:41234/comet/). */
  url: string;
  /** Stops the static server (to prove the app works offline). */
  stopServer(): Promise<void>;
  /** Another fresh profile in the same browser (not for a persistent session). */
  newContext(): Promise<BrowserContext>;
  /** Opens a new page of the app at `hash` (e.g. '#/settings') and waits for the shell to render. */
  open(hash?: string): Promise<Page>;
  close(): Promise<void>;
}

/** Options of {@link startApp}. */
export interface AppOptions {
  /** The URL sub-path to serve under, '/' (default) or e.g. '/comet/'. */
  base?: string;
  /** The folder to serve (default dist/). */
  root?: string;
  /** Answers a request itself when it returns true (to fail or alter files). */
  onRequest?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Also serve the /__test__/ routes of scripts/wtr-test-routes.mjs (records, flaky, poll, items, slow…). */
  testRoutes?: boolean;
  /** A profile on disk instead of an incognito-like context: Chromium only offers installing there. */
  persistent?: boolean;
}

/** Serves dist/ under `base` and launches Chromium with a fresh profile. */
export async function startApp(options: AppOptions = {}): Promise<AppSession> {
  const server = await startStaticServer({
    root: options.root ?? 'dist',
    base: options.base ?? '/',
    onRequest: options.testRoutes
      ? async (req, res) => (await nodeTestRoutes(req, res)) || ((await options.onRequest?.(req, res)) ?? false)
      : options.onRequest,
  });
  const launch = { executablePath: chromePath(), headless: true, args: CHROME_FLAGS };
  let browser: Browser | undefined;
  let context: BrowserContext;
  let profile: string | undefined;
  if (options.persistent) {
    profile = await mkdtemp(join(tmpdir(), 'comet-e2e-profile-'));
    context = await chromium.launchPersistentContext(profile, launch);
  } else {
    browser = await chromium.launch(launch);
    context = await browser.newContext();
  }
  // Waits are on conditions; a condition unmet for this long is a failure, reported well inside the suite's budget.
  const TIMEOUT = 10_000;
  context.setDefaultTimeout(TIMEOUT);
  let serverOpen = true;
  const stopServer = async () => {
    if (serverOpen) await server.close();
    serverOpen = false;
  };
  return {
    browser,
    context,
    url: server.url,
    stopServer,
    async newContext() {
      if (!browser) throw new Error('A persistent session has one profile: start another session instead.');
      const more = await browser.newContext();
      more.setDefaultTimeout(TIMEOUT);
      return more;
    },
    async open(hash = '') {
      const page = await context.newPage();
      await page.goto(server.url + hash);
      await shellRendered(page);
      return page;
    },
    async close() {
      await context.close();
      await browser?.close();
      await stopServer();
      if (profile) await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until <comet-app> is defined and has rendered its shadow root. */
export async function shellRendered(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const app = document.querySelector('comet-app');
    return Boolean(customElements.get('comet-app') && app?.shadowRoot && app.shadowRoot.childElementCount > 0);
  });
}

/** Waits until a service worker controls `page` (so the precache is complete and it works offline). */
export async function serviceWorkerControls(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
