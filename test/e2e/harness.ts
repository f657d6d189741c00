// Shared set-up for whole-app tests: serve the built dist/ (optionally under a sub-path) on 127.0.0.1
// and drive the system Chromium with playwright-core.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_FLAGS, chromePath } from '../../scripts/chrome.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A running server for dist/ and a fresh browser context, closed together. */
export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  /** The app's URL, ending in the base path (e.g. http://127.0.0.1:41234/comet/). */
  url: string;
  /** Stops the static server (to prove the app works offline). */
  stopServer(): Promise<void>;
  /** Opens a new page of the app at `hash` (e.g. '#/settings') and waits for the shell to render. */
  open(hash?: string): Promise<Page>;
  close(): Promise<void>;
}

/** Serves dist/ under `base` and launches Chromium with a fresh profile. */
export async function startApp(
  options: {
    base?: string;
    root?: string;
    onRequest?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  } = {},
): Promise<AppSession> {
  const server = await startStaticServer({
    root: options.root ?? 'dist',
    base: options.base ?? '/',
    onRequest: options.onRequest,
  });
  const browser = await chromium.launch({ executablePath: chromePath(), headless: true, args: CHROME_FLAGS });
  const context = await browser.newContext();
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
    async open(hash = '') {
      const page = await context.newPage();
      await page.goto(server.url + hash);
      await page.waitForSelector('comet-app');
      return page;
    },
    async close() {
      await browser.close();
      await stopServer();
    },
  };
}
