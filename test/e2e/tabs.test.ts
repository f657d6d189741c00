import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startApp, type AppSession } from './harness.js';
import { chooseTheme, isDark } from './shell.js';

/** Starts recording, in `page`, every 'bus.ping' its app's bus receives. */
async function recordPings(page: Page): Promise<void> {
  await page.evaluate(() => {
    const app = document.querySelector('comet-app') as unknown as { platform: { bus: PageBus } };
    const seen: string[] = [];
    (window as unknown as { pings: string[] }).pings = seen;
    app.platform.bus.subscribe('bus.ping', (payload) => seen.push(payload.from));
  });
}

/** Publishes a 'bus.ping' from `page`'s app bus. */
async function ping(page: Page, from: string): Promise<void> {
  await page.evaluate((from) => {
    const app = document.querySelector('comet-app') as unknown as { platform: { bus: PageBus } };
    app.platform.bus.publish('bus.ping', { from });
  }, from);
}

interface PageBus {
  subscribe(topic: 'bus.ping', handler: (payload: { from: string }) => void): () => void;
  publish(topic: 'bus.ping', payload: { from: string }): void;
}

// Two pages in one browser context are two tabs of the same origin, as a user opens them.
describe('two tabs of the app', () => {
  let app: AppSession;
  let a: Page;
  let b: Page;

  before(async () => {
    app = await startApp();
    a = await app.open();
    b = await app.open('#/settings');
    await Promise.all(
      [a, b].map((page) => page.waitForFunction(() => 'platform' in document.querySelector('comet-app')!)),
    );
  });
  after(() => app.close());

  it("deliver each other's bus events, both ways, and not back to the sender", async () => {
    await recordPings(a);
    await recordPings(b);
    await ping(a, 'tab A');
    await b.waitForFunction(() => (window as unknown as { pings: string[] }).pings.includes('tab A'));
    await ping(b, 'tab B');
    await a.waitForFunction(() => (window as unknown as { pings: string[] }).pings.includes('tab B'));
    const seenByA = await a.evaluate(() => (window as unknown as { pings: string[] }).pings);
    const seenByB = await b.evaluate(() => (window as unknown as { pings: string[] }).pings);
    assert.deepEqual(seenByA, ['tab A', 'tab B'], 'A sees its own ping once and B’s once');
    assert.deepEqual(seenByB, ['tab A', 'tab B'], 'B sees A’s ping once and its own once');
  });

  it('switch together when the theme is changed in one of them', async () => {
    await a.emulateMedia({ colorScheme: 'light' });
    await b.emulateMedia({ colorScheme: 'light' });
    await chooseTheme(b, 'Dark');
    await a.waitForFunction(() => document.documentElement.classList.contains('wa-dark'));
    assert.equal(await isDark(b), true);
    await chooseTheme(b, 'Light');
    await a.waitForFunction(() => !document.documentElement.classList.contains('wa-dark'));
  });
});
