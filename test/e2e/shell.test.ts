import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startApp, shellRendered, type AppSession } from './harness.js';
import { content, forEachView, mainNav, navEntries, viewShows } from './shell.js';

describe('the app shell', () => {
  let app: AppSession;
  let page: Page;

  before(async () => {
    app = await startApp();
    page = await app.open();
  });
  after(() => app.close());

  it('renders a header, a navigation and the first view', async () => {
    await page.getByRole('banner').waitFor();
    await mainNav(page).waitFor();
    const [first] = await navEntries(page);
    assert.ok(first, 'the navigation has at least one entry');
    await viewShows(page, first.title);
  });

  it('renders the view of every navigation entry, and points the URL at it', async () => {
    const entries = await navEntries(page);
    const visited = await forEachView(page, (title) => {
      const entry = entries.find((e) => e.title === title)!;
      assert.equal(new URL(page.url()).hash || '#/', new URL(entry.href, page.url()).hash || '#/');
    });
    assert.deepEqual(
      visited,
      entries.map((e) => e.title),
    );
  });

  it('opens a deep link straight into its view', async () => {
    const deep = await app.open('#/settings');
    await viewShows(deep, 'Settings');
    await deep.close();
  });

  it('moves between views with back and forward', async () => {
    const [first, second] = await navEntries(page);
    assert.ok(first && second, 'two views to move between');
    await page.goto(new URL(first.href, page.url()).href);
    await viewShows(page, first.title);
    await mainNav(page).getByRole('link', { name: second.title }).click();
    await viewShows(page, second.title);
    await page.goBack();
    await viewShows(page, first.title);
    await page.goForward();
    await viewShows(page, second.title);
  });

  it('shows a not-found view for an unknown route, with a way back', async () => {
    const lost = await app.open('#/no-such-view');
    await content(lost)
      .getByText(/not found/i)
      .first()
      .waitFor();
    const [first] = await navEntries(lost);
    await mainNav(lost).getByRole('link', { name: first.title }).click();
    await viewShows(lost, first.title);
    await lost.close();
  });

  it('survives a reload on a deep link', async () => {
    await page.goto(`${app.url}#/settings`);
    await page.reload();
    await shellRendered(page);
    await viewShows(page, 'Settings');
  });

  it('opens in debug mode from ?debug=1, with an inspector showing live bus events', async () => {
    const context = await app.newContext(); // debug mode is a saved setting: keep it out of the other tests
    const debug = await context.newPage();
    await debug.goto(`${app.url}?debug=1`);
    await shellRendered(debug);
    await debug.getByRole('tab', { name: /events/i }).waitFor();
    await debug.evaluate(() => {
      const app = document.querySelector('comet-app') as unknown as {
        platform: { bus: { publish(topic: string, payload: unknown): void } };
      };
      app.platform.bus.publish('bus.ping', { from: 'e2e', note: 'shown in the inspector' });
    });
    await debug.getByText('bus.ping').first().waitFor();
    await context.close();
  });
});
