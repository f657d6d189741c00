import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { shellRendered, startApp, type AppSession } from './harness.js';
import { seriousAxeViolations } from './page-checks.js';
import { content, forEachView, isDark } from './shell.js';

// axe-core on every view of the shell, with the system in light and in dark mode (the app follows it).
describe('accessibility (axe-core, serious and critical rules)', () => {
  let app: AppSession;
  let page: Page;

  before(async () => {
    app = await startApp();
    page = await app.open();
  });
  after(() => app.close());

  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no serious or critical violation on any view in ${scheme} mode`, async () => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.waitForFunction(
        (dark) => document.documentElement.classList.contains('wa-dark') === dark,
        scheme === 'dark',
      );
      assert.equal(await isDark(page), scheme === 'dark');
      const report: string[] = [];
      const views = await forEachView(page, async (title) => {
        const found = await seriousAxeViolations(page);
        if (found.length) report.push(`${title} (${scheme}):\n  ${found.join('\n  ')}`);
      });
      assert.ok(views.length > 0, 'there are views to check');
      await page.goto(`${app.url}#/no-such-view`);
      await content(page)
        .getByText(/not found/i)
        .first()
        .waitFor();
      const notFound = await seriousAxeViolations(page);
      if (notFound.length) report.push(`Not found (${scheme}):\n  ${notFound.join('\n  ')}`);
      assert.equal(report.length, 0, `\n${report.join('\n')}`);
    });
  }

  it('finds no serious or critical violation with the debug inspector open, on each of its tabs', async () => {
    const context = await app.newContext(); // debug mode is a saved setting: keep it out of the other tests
    const debug = await context.newPage();
    await debug.goto(`${app.url}?debug=1`);
    await shellRendered(debug);
    await debug.getByRole('tab').first().waitFor(); // the inspector loads lazily
    const tabs = await debug.getByRole('tab').all();
    assert.ok(tabs.length >= 4, 'events, store, workers and log');
    const report: string[] = [];
    for (const tab of tabs) {
      await tab.click();
      const found = await seriousAxeViolations(debug);
      if (found.length) report.push(`Inspector › ${(await tab.innerText()).trim()}:\n  ${found.join('\n  ')}`);
    }
    await context.close();
    assert.equal(report.length, 0, `\n${report.join('\n')}`);
  });
});
