import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { shellRendered, startApp, type AppSession } from './harness.js';
import { chooseTheme, isDark, mainNav, navEntries, viewShows } from './shell.js';

/** The version and the sentinel record of the 'comet' database, read without upgrading it. */
const inspectDatabase = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ version: number; stores: string[]; note: unknown }>((resolve, reject) => {
        const open = indexedDB.open('comet');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames];
          if (!stores.includes('future')) {
            resolve({ version: db.version, stores, note: undefined });
            db.close();
            return;
          }
          const get = db.transaction('future').objectStore('future').get('note');
          get.onsuccess = () => {
            resolve({ version: db.version, stores, note: get.result });
            db.close();
          };
          get.onerror = () => reject(get.error ?? new Error('read failed'));
        };
      }),
  );

describe('saved data', () => {
  let app: AppSession;

  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  it('survives a reload: a setting made before is still set after', async () => {
    const page = await app.open();
    await page.emulateMedia({ colorScheme: 'light' });
    await chooseTheme(page, 'Dark');
    await page.waitForFunction(() => document.documentElement.classList.contains('wa-dark'));
    // Wait for the write to commit, as any human-speed reload does: a reload within the same few milliseconds
    // as the change can lose that change, because the browser aborts IndexedDB transactions still in flight
    // when a page unloads (the record is then absent whole, never half-written).
    await page.evaluate(() => {
      const app = document.querySelector('comet-app') as unknown as { platform: { store: { flush(): Promise<void> } } };
      return app.platform.store.flush();
    });
    await page.reload();
    await shellRendered(page);
    await viewShows(page, 'Settings');
    assert.equal(await isDark(page), true, 'still dark after the reload, with the system in light mode');
    // The controls show the restored value once IndexedDB answers (the theme itself was applied before first paint).
    await page.getByRole('radio', { name: 'Dark', exact: true, checked: true }).waitFor();
    await page.close();
  });

  it('written by a future version is explained, left untouched, and the app keeps running', async () => {
    // A fresh profile, so the database is created by the "newer version" before the app ever opens it.
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto(new URL('version.json', app.url).href); // same origin, no app code running
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('comet', 999);
          open.onupgradeneeded = () => open.result.createObjectStore('future').put('written by v999', 'note');
          open.onsuccess = () => {
            open.result.close();
            resolve();
          };
          open.onerror = () => reject(open.error ?? new Error('open failed'));
        }),
    );

    await page.goto(app.url);
    await shellRendered(page);
    await page
      .getByText(/written by a newer version of CometPlatform/i)
      .first()
      .waitFor();
    for (const { title } of await navEntries(page)) {
      await mainNav(page).getByRole('link', { name: title }).first().click();
      await viewShows(page, title);
    }

    await page.goto(new URL('version.json', app.url).href);
    assert.deepEqual(await inspectDatabase(page), { version: 999, stores: ['future'], note: 'written by v999' });
    await context.close();
  });
});
