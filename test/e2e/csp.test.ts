import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startApp, type AppSession } from './harness.js';
import { watchProblems, type Problems } from './page-checks.js';
import { forEachView, chooseTheme } from './shell.js';

/** The directives of a CSP string, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('the content security policy', () => {
  let app: AppSession;
  let page: Page;
  let problems: Problems;

  before(async () => {
    app = await startApp();
    problems = await watchProblems(app.context);
    page = await app.open();
  });
  after(() => app.close());

  it('is strict and enforced: no eval and no inline script (WebAssembly allowed)', async () => {
    const policy = await page.evaluate(
      () => document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
    );
    const csp = directives(policy);
    const scripts = csp.get('script-src') ?? csp.get('default-src');
    assert.ok(scripts, `a script-src or default-src in: ${policy}`);
    assert.ok(!scripts.includes("'unsafe-eval'"), 'no unsafe-eval');
    assert.ok(!scripts.includes("'unsafe-inline'"), 'no unsafe-inline');
    assert.ok(
      !scripts.some((s) => s === '*' || s === 'data:' || s === 'http:' || s === 'https:'),
      'no wide-open sources',
    );
    assert.deepEqual(csp.get('object-src'), ["'none'"]);
    const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
    assert.equal(inline, 0, 'index.html has no inline scripts');
    // Probed in a separate, unwatched context: the refusal is reported like any violation.
    const probeContext = await app.newContext();
    const probe = await probeContext.newPage();
    await probe.goto(app.url);
    // A string timer is eval: refused, it never runs (the timer queued after it proves the turn has passed).
    const evalRan = await probe.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const w = window as unknown as { evalRan?: boolean };
          (setTimeout as (code: string, ms: number) => number)('window.evalRan = true', 0);
          setTimeout(() => resolve(w.evalRan === true), 0);
        }),
    );
    await assert.rejects(probe.addScriptTag({ content: 'window.inlineRan = true' }), /Content Security Policy/);
    const inlineRan = await probe.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan === true);
    await probeContext.close();
    assert.equal(evalRan, false, 'the browser refuses eval');
    assert.equal(inlineRan, false, 'the browser refuses inline script');
  });

  it('is kept by the app: no violation and no console error on any view, in both themes', async () => {
    await forEachView(page, () => {});
    await chooseTheme(page, 'Dark');
    await forEachView(page, () => {});
    await chooseTheme(page, 'System');
    await page.reload();
    await forEachView(page, () => {});
    assert.deepEqual(problems.list, []);
  });
});
