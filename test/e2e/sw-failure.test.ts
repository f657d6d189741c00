import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BrowserContext } from 'playwright-core';
import { shellRendered, startApp, type AppSession } from './harness.js';
import { mainNav, navEntries, viewShows } from './shell.js';

type Breakage = 'none' | 'script-500' | 'script-syntax' | 'precache-404';

/** How the host breaks the service worker for the test that is running. */
let breakage: Breakage = 'none';

function breakServiceWorker(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (breakage === 'script-500' && path === '/sw.js') {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    return true;
  }
  if (breakage === 'script-syntax' && path === '/sw.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end('self.addEventListener("install", () => {');
    return true;
  }
  // The page never loads the large icon; only the service worker's precache does.
  if (breakage === 'precache-404' && path === '/icons/icon-512.png') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return true;
  }
  return false;
}

describe('a service worker that fails to install', () => {
  let app: AppSession;
  let context: BrowserContext | undefined;

  before(async () => {
    app = await startApp({ onRequest: breakServiceWorker });
  });
  after(() => app.close());

  /** A fresh profile (no earlier service worker) opening the app while the host breaks it as `how`. */
  async function visit(how: Breakage) {
    breakage = how;
    await context?.close();
    context = await app.newContext();
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(app.url);
    await shellRendered(page);
    return { page, errors };
  }

  for (const [how, what] of [
    ['script-500', 'the script answers 500'],
    ['script-syntax', 'the script does not parse'],
    ['precache-404', 'a precached file is missing'],
  ] as const) {
    it(`shows a clear message and keeps working when ${what}`, async () => {
      const { page, errors } = await visit(how);
      await page
        .getByText(/offline (support|use) (could not be installed|failed)/i)
        .first()
        .waitFor();
      assert.ok(
        errors.some((e) => e.includes('[comet:sw] Offline support could not be installed')),
        `the failure is logged as an error: ${errors.join(' | ')}`,
      );
      for (const { title } of await navEntries(page)) {
        await mainNav(page).getByRole('link', { name: title }).first().click();
        await viewShows(page, title);
      }
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
    });
  }
});
