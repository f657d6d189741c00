import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { copyDist, deployNewVersion, removeCopy, versionOf } from './deploy.js';
import { serviceWorkerControls, shellRendered, startApp, type AppSession } from './harness.js';

/** The version the page runs, as its service worker serves it. */
const servedVersion = (page: Page) =>
  page.evaluate(async () => ((await (await fetch('version.json')).json()) as { version: string }).version);

// A copy of dist/ plays the static host; deployNewVersion() changes it the way a deploy does.
describe('a new version deployed while the app is open', () => {
  let dir: string;
  let app: AppSession;
  let page: Page;
  let other: Page;
  let oldVersion: string;
  const newVersion = '9.9.9+e2e-update';

  before(async () => {
    dir = await copyDist();
    oldVersion = await versionOf(dir);
    app = await startApp({ root: dir });
    page = await app.open();
    await serviceWorkerControls(page);
    await page
      .getByText(/offline ready/i)
      .first()
      .waitFor();
    other = await app.open('#/settings');
  });
  after(async () => {
    await app.close();
    await removeCopy(dir);
  });

  it('is announced as "Update available — reload", and nothing switches under the user', async () => {
    await deployNewVersion(dir, newVersion);
    await page.reload(); // a navigation makes the browser look for a new service worker
    await shellRendered(page);
    await page
      .getByRole('button', { name: /update available/i })
      .first()
      .waitFor();
    assert.equal(await servedVersion(page), oldVersion);
    await page.getByText(oldVersion).first().waitFor();
  });

  it('reloads into the new version when the user clicks it, in every open tab', async () => {
    const reloadedHere = page.waitForEvent('load');
    const reloadedThere = other.waitForEvent('load');
    await page
      .getByRole('button', { name: /update available/i })
      .first()
      .click();
    await Promise.all([reloadedHere, reloadedThere]);
    for (const tab of [page, other]) {
      await shellRendered(tab);
      assert.equal(await servedVersion(tab), newVersion);
    }
    await page.getByText(newVersion).first().waitFor();
    assert.equal(await page.getByRole('button', { name: /update available/i }).count(), 0);
  });
});
