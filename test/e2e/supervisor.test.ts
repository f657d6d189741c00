import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Validator, type Schema } from '@cfworker/json-schema';
import type { BrowserContext, Page } from 'playwright-core';
import { shellRendered, startApp, type AppSession } from './harness.js';
import { seriousAxeViolations } from './page-checks.js';
import { content, viewShows } from './shell.js';

/** How a capability call started in the page ended. */
interface CallResult {
  ok: boolean;
  message?: string;
  code?: string;
  rule?: string;
  retryAfterMs?: number;
}

/** What the page's services look like from a test (the real types live in src/, which node does not load). */
interface PageServices {
  principals: { issue(kind: string, name: string, label?: string): unknown };
  supervisor: {
    grants: { add(grant: { principal: string; scope: string }): Promise<unknown> };
    policies: { put(policy: Record<string, unknown>): Promise<unknown> };
  };
  host: { invoke(principal: unknown, capability: string, input: unknown): Promise<unknown> };
}
type TestWindow = Window & { calls: Record<string, Promise<CallResult>> };

/**
 * In the page: issues `agent:<name>` with a grant of clock:read and, optionally, a policy on its clock.now calls.
 * Principals live as long as the page, so each page (and each reload) issues its own.
 */
async function setUpAgent(page: Page, name: string, policy?: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    async ({ name, policy }) => {
      const app = document.querySelector('comet-app') as unknown as {
        platform: { supervisor(): Promise<PageServices> };
      };
      const services = await app.platform.supervisor();
      const agent = services.principals.issue('agent', name, `E2E ${name}`) as { id: string };
      (window as unknown as { agents: Record<string, unknown> }).agents ??= {};
      (window as unknown as { agents: Record<string, unknown> }).agents[name] = agent;
      await services.supervisor.grants.add({ principal: agent.id, scope: 'clock:read' });
      if (policy) await services.supervisor.policies.put({ ...policy, principal: agent.id, capability: 'clock.now' });
    },
    { name, policy },
  );
}

/** Starts a clock.now call as `agent:<name>` without waiting for it (it may wait for a person); `id` names it. */
async function startCall(page: Page, name: string, id: string): Promise<void> {
  await page.evaluate(
    async ({ name, id }) => {
      const app = document.querySelector('comet-app') as unknown as {
        platform: { supervisor(): Promise<PageServices> };
      };
      const services = await app.platform.supervisor();
      const agent = (window as unknown as { agents: Record<string, unknown> }).agents[name];
      const w = window as unknown as TestWindow;
      w.calls ??= {};
      w.calls[id] = services.host.invoke(agent, 'clock.now', {}).then(
        () => ({ ok: true }),
        (error: { message: string; code?: string; details?: { rule?: string; retryAfterMs?: number } }) => ({
          ok: false,
          message: error.message,
          code: error.code,
          rule: error.details?.rule,
          retryAfterMs: error.details?.retryAfterMs,
        }),
      );
    },
    { name, id },
  );
}

/** Waits for the call named `id` to end. */
const callResult = (page: Page, id: string): Promise<CallResult> =>
  page.evaluate((id) => (window as unknown as TestWindow).calls[id], id);

/** Makes a call and waits for it. */
async function call(page: Page, name: string, id: string): Promise<CallResult> {
  await startCall(page, name, id);
  return callResult(page, id);
}

/** The approval prompt the shell shows over any page. */
const prompt = (page: Page) => page.getByRole('region', { name: 'Approval needed' });

describe('the supervisor in the built app', () => {
  let app: AppSession;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  /** A fresh profile (its own IndexedDB) and a page of the app. */
  async function freshPage(hash = ''): Promise<Page> {
    await context?.close();
    context = await app.newContext();
    page = await context.newPage();
    await page.goto(app.url + hash);
    await shellRendered(page);
    return page;
  }

  it('asks a person in the real UI, and runs the call once "Allow once" is clicked', async () => {
    await freshPage();
    await setUpAgent(page, 'approver', {
      id: 'e2e-ask',
      mode: 'enforce',
      rule: { kind: 'approval', timeoutMs: 120_000 },
    });
    await startCall(page, 'approver', 'asked');
    await prompt(page).waitFor();
    // Playwright's text locators pierce the shadow roots that innerText does not enter.
    for (const shown of ['E2E approver', 'clock.now', 'policy:e2e-ask', 'Denied automatically in'])
      await prompt(page).getByText(shown).first().waitFor();
    await prompt(page).getByRole('button', { name: 'Allow once' }).click();
    assert.deepEqual(await callResult(page, 'asked'), { ok: true });
    await prompt(page).waitFor({ state: 'detached' });
  });

  it('denies the call when nobody answers before the prompt times out', async () => {
    await freshPage();
    await setUpAgent(page, 'ignored', {
      id: 'e2e-timeout',
      mode: 'enforce',
      rule: { kind: 'approval', timeoutMs: 1500 },
    });
    await startCall(page, 'ignored', 'unanswered');
    await prompt(page).waitFor();
    await prompt(page)
      .getByText(/Denied automatically in 0:0\d/)
      .waitFor();
    const result = await callResult(page, 'unanswered');
    assert.equal(result.ok, false);
    assert.equal(result.code, 'capability-denied');
    assert.match(result.message ?? '', /No one answered the approval prompt/);
    await prompt(page).waitFor({ state: 'detached' });
  });

  it('detects an audit entry edited by hand in IndexedDB, and names it in the UI', async () => {
    await freshPage();
    await setUpAgent(page, 'worker');
    for (let i = 0; i < 3; i++) assert.deepEqual(await call(page, 'worker', `call-${i}`), { ok: true });
    // Behind the app's back: change one field of one stored entry, as someone with access to the profile could.
    const altered = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('comet');
          open.onerror = () => reject(open.error ?? new Error('open failed'));
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction('audit', 'readwrite').objectStore('audit');
            const all = store.getAll();
            all.onsuccess = () => {
              const rows = all.result as { seq: number; reason: string }[];
              const row = rows[Math.floor(rows.length / 2)];
              row.reason = 'Allowed by a grant nobody gave';
              const put = store.put(row);
              put.onsuccess = () => {
                db.close();
                resolve(row.seq);
              };
              put.onerror = () => reject(put.error ?? new Error('write failed'));
            };
          };
        }),
    );
    await page.goto(`${app.url}#/supervisor/audit`);
    await viewShows(page, 'Supervisor');
    await content(page).getByRole('button', { name: 'Verify chain' }).click();
    const verdict = content(page).getByRole('alert').filter({ hasText: 'tampered' });
    await verdict.waitFor();
    assert.match(await verdict.innerText(), new RegExp(`Entry #${altered} was altered`));
    await content(page)
      .getByRole('button', { name: `Show entry #${altered}` })
      .click();
    await content(page).getByText('Allowed by a grant nobody gave').first().waitFor();
  });

  it('has no serious accessibility violation on its pages, with data and a prompt showing, in light and dark', async () => {
    await freshPage();
    await setUpAgent(page, 'busy', { id: 'e2e-a11y', mode: 'enforce', rule: { kind: 'approval', timeoutMs: 120_000 } });
    await startCall(page, 'busy', 'waiting');
    await prompt(page).waitFor();
    await page.evaluate(async () => {
      const app = document.querySelector('comet-app') as unknown as {
        platform: { supervisor(): Promise<{ vault: { add(key: object): Promise<unknown> } }> };
      };
      const { vault } = await app.platform.supervisor();
      await vault.add({ name: 'openai', secret: 'sk-e2e-0123456789abcdefghij', hosts: ['https://api.openai.com/*'] });
    });
    const report: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      for (const sub of ['approvals', 'audit', 'keys', 'capabilities', 'checklist']) {
        await page.goto(`${app.url}#/supervisor/${sub}`);
        await content(page).getByRole('heading', { level: 2 }).first().waitFor();
        const found = await seriousAxeViolations(page);
        if (found.length) report.push(`${sub} (${scheme}):\n  ${found.join('\n  ')}`);
      }
    }
    assert.equal(report.length, 0, `\n${report.join('\n')}`);
  });

  it('keeps a rate limit across a reload: a third call is denied with a retry time, and still after reloading', async () => {
    await freshPage();
    const policy = { id: 'e2e-rate', mode: 'enforce', rule: { kind: 'rate', capacity: 2, refillEveryMs: 3_600_000 } };
    await setUpAgent(page, 'limited', policy);
    assert.deepEqual(await call(page, 'limited', 'first'), { ok: true });
    assert.deepEqual(await call(page, 'limited', 'second'), { ok: true });
    const third = await call(page, 'limited', 'third');
    assert.equal(third.ok, false);
    assert.equal(third.rule, 'rate:e2e-rate');
    assert.ok((third.retryAfterMs ?? 0) > 0, 'the denial says when to retry');
    assert.match(third.message ?? '', /Try again in \d+ s/);

    await page.reload();
    await shellRendered(page);
    await setUpAgent(page, 'limited'); // a new page issues its principals again; grants and policies are stored
    const afterReload = await call(page, 'limited', 'after-reload');
    assert.equal(afterReload.ok, false, 'the bucket was not refilled by the reload');
    assert.equal(afterReload.rule, 'rate:e2e-rate');
    assert.ok((afterReload.retryAfterMs ?? 0) > 0);
  });

  it('publishes the policy file JSON Schema, and it accepts the file the app exports', async () => {
    await freshPage();
    const policy = { id: 'e2e-schema', mode: 'log-only', rule: { kind: 'count', max: 20, windowMs: 3_600_000 } };
    await setUpAgent(page, 'schema', policy);
    const exported = await page.evaluate(async () => {
      const app = document.querySelector('comet-app') as unknown as {
        platform: { supervisor(): Promise<{ supervisor: { exportPolicies(): Promise<string> | string } }> };
      };
      return (await app.platform.supervisor()).supervisor.exportPolicies();
    });
    const response = await fetch(new URL('schemas/policy-file.schema.json', app.url));
    assert.equal(response.status, 200);
    const validator = new Validator((await response.json()) as Schema, '2020-12');
    const file: unknown = JSON.parse(exported);
    assert.deepEqual(validator.validate(file).errors, []);
    assert.equal(validator.validate({ ...(file as object), policies: [{ id: 'x' }] }).valid, false);
  });
});
