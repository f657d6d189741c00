// The workflow orchestrator in the built app: a run is an event log in IndexedDB, driven by the engine worker of
// whichever tab holds the Web Lock. Reloading that tab, or closing it while another is open, must lose nothing and
// repeat no side effect: every POST carries its step's idempotency key and the /__test__/record route counts each
// key once (its `total` counts deliveries, so at-least-once replays show there and not in `unique`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { shellRendered, startApp, type AppSession } from './harness.js';

/** A run's summary row, as far as these tests read it. */
interface RunRowView {
  id: string;
  status: string;
  stepsDone: number;
  stepsTotal: number;
  error?: { message: string; stepId?: string };
}

/** A run's log entry, as far as these tests read it. */
interface RunEventView {
  type: string;
  stepId?: string;
}

/** What the page's workflow services look like from a test (the real types live in src/, which node does not load). */
interface PageWorkflows {
  store: { save(definition: object): Promise<unknown> };
  runs: {
    start(workflowId: string): Promise<string>;
    waitFor(runId: string, signal?: AbortSignal): Promise<RunRowView>;
    cancel(runId: string): Promise<void>;
    exportRun(runId: string): Promise<string>;
    importRun(text: string): Promise<string>;
    deleteRuns(runIds: string[]): Promise<void>;
  };
  status: { get(): { role: string; reason?: string } };
  supervisor: { supervisor: { grants: { add(grant: { principal: string; scope: string }): Promise<unknown> } } };
  db: {
    runs: { get(id: string): Promise<RunRowView | undefined> };
    runEvents: {
      where(index: string): { between(lower: unknown[], upper: unknown[]): { toArray(): Promise<RunEventView[]> } };
    };
  };
}
type TestWindow = Window & { workflows: PageWorkflows };

/** What GET /__test__/record answers. */
interface Recorded {
  unique: number;
  total: number;
  keys: string[];
  bodies: unknown[];
}

/** How long a run may take to finish once it can, before the test says so (well inside the file's budget). */
const FINISH_MS = 30_000;

/**
 * A workflow of `posts` sequential POSTs to the record route, each after a `wait` of `waitMs`, so the run takes a
 * while: wait1 → post1 → wait2 → post2 → … Each body names its step.
 */
function recordingWorkflow(id: string, recordUrl: string, posts: number, waitMs: number): object {
  const steps: object[] = [];
  for (let i = 1; i <= posts; i++) {
    steps.push({
      id: `wait${i}`,
      capability: 'wait',
      input: { duration: waitMs },
      ...(i > 1 ? { needs: [`post${i - 1}`] } : {}),
    });
    steps.push({
      id: `post${i}`,
      capability: 'http.request',
      input: { method: 'POST', url: recordUrl, body: { step: i } },
      needs: [`wait${i}`],
    });
  }
  return { id, name: `E2E ${id}`, steps, output: { last: `{{steps.post${posts}.output.body.unique}}` } };
}

/** Reaches the page's workflow services (starting them, and so joining the leader election) as window.workflows. */
async function connect(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const app = document.querySelector('comet-app') as unknown as {
      platform: { workflows(): Promise<PageWorkflows> };
    };
    (window as unknown as TestWindow).workflows = await app.platform.workflows();
  });
}

/** Waits until the page's orchestrator has this role ('leader' runs the engine, 'follower' does not). */
async function roleIs(page: Page, role: 'leader' | 'follower', timeout?: number): Promise<void> {
  await page.waitForFunction(
    (role) => (window as unknown as TestWindow).workflows.status.get().role === role,
    role,
    timeout === undefined ? {} : { timeout },
  );
}

/** Saves the workflow, grants it the test routes, and starts a run; resolves with the run id. */
async function saveAndStart(page: Page, definition: object, scope: string): Promise<string> {
  return page.evaluate(
    async ({ definition, scope }) => {
      const { store, runs, supervisor } = (window as unknown as TestWindow).workflows;
      const saved = (await store.save(definition)) as { id: string };
      await supervisor.supervisor.grants.add({ principal: `workflow:${saved.id}`, scope });
      return runs.start(saved.id);
    },
    { definition, scope },
  );
}

/**
 * Waits until at least `done` steps of the run have finished (or the run has), looking at the database every 50 ms.
 * (Playwright's waitForFunction does not await an async predicate: a pending promise would count as true.)
 */
function progressed(page: Page, runId: string, done: number): Promise<RunRowView> {
  return page.evaluate(
    async ({ runId, done, ms }) => {
      const { db } = (window as unknown as TestWindow).workflows;
      const deadline = Date.now() + ms;
      for (;;) {
        const row = await db.runs.get(runId);
        if (row && (row.stepsDone >= done || ['succeeded', 'failed', 'cancelled'].includes(row.status))) return row;
        if (Date.now() > deadline)
          throw new Error(`Run ${runId} did not reach ${done} steps done in ${ms} ms (${row?.stepsDone ?? 'no row'}).`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    { runId, done, ms: 10_000 },
  );
}

/** Waits for the run to finish (bounded) and returns its row. */
function finished(page: Page, runId: string): Promise<RunRowView> {
  return page.evaluate(
    ({ runId, ms }) => (window as unknown as TestWindow).workflows.runs.waitFor(runId, AbortSignal.timeout(ms)),
    { runId, ms: FINISH_MS },
  );
}

/** The run's whole log. */
function runEvents(page: Page, runId: string): Promise<RunEventView[]> {
  return page.evaluate(
    (runId) =>
      (window as unknown as TestWindow).workflows.db.runEvents
        .where('[runId+seq]')
        .between([runId, 0], [runId, Infinity])
        .toArray()
        .then((events) => events.map(({ type, stepId }) => ({ type, stepId }))),
    runId,
  );
}

/** What the record route holds for namespace `ns`, read from node. */
async function recorded(url: string): Promise<Recorded> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return (await response.json()) as Recorded;
}

/** Asserts the record route holds one entry per POST of the run: its step's idempotency key and body. */
function assertOnePerStep(records: Recorded, runId: string, posts: number): void {
  const steps = Array.from({ length: posts }, (_, i) => i + 1);
  assert.equal(records.unique, posts, 'every POST took effect exactly once');
  // Sets: the order of arrival does not matter, and `unique` above already rules out duplicates.
  assert.deepEqual(new Set(records.keys), new Set(steps.map((i) => `${runId}:post${i}`)));
  assert.deepEqual(new Set(records.bodies), new Set(steps.map((step) => ({ step }))));
  assert.ok(records.total >= posts, 'a delivery is counted each time, a repeated key included');
}

describe('workflow runs in the built app', () => {
  let app: AppSession;
  let origin: string;
  let scope: string;
  let context: BrowserContext | undefined;

  before(async () => {
    app = await startApp({ testRoutes: true });
    origin = new URL(app.url).origin;
    scope = `net:${origin}/__test__/*`;
  });
  after(async () => {
    await context?.close();
    await app.close();
  });

  /** A fresh profile (its own IndexedDB and Web Locks) for each test. */
  async function freshContext(): Promise<BrowserContext> {
    await context?.close();
    context = await app.newContext();
    return context;
  }

  /** A page of the app in the current context, with its workflow services started. */
  async function openPage(): Promise<Page> {
    const page = await context!.newPage();
    await page.goto(app.url);
    await shellRendered(page);
    await connect(page);
    return page;
  }

  it('a 50-step run survives several reloads, each side effect recorded exactly once', async (t) => {
    await freshContext();
    const page = await openPage();
    await roleIs(page, 'leader');
    const ns = `reloads-${Date.now()}`;
    const recordUrl = `${origin}/__test__/ns/${ns}/record`;
    const posts = 50;
    const started = Date.now();
    const runId = await saveAndStart(page, recordingWorkflow('reloads', recordUrl, posts, 40), scope);

    const reloads: number[] = [];
    let row = await progressed(page, runId, 1);
    for (let i = 0; i < 4; i++) {
      row = await progressed(page, runId, row.stepsDone + 12);
      assert.equal(row.status, 'running', `the run is still running before reload ${i + 1} (${row.stepsDone} done)`);
      reloads.push(row.stepsDone);
      await page.reload();
      await shellRendered(page);
      // The reloaded tab joins the election again, wins the lock and adopts the run. Nothing in the app starts the
      // orchestrator at boot yet (a reloaded tab leaves the run idle until asked): the test asks, as an agent would.
      await connect(page);
      await roleIs(page, 'leader');
    }

    const final = await finished(page, runId);
    assert.equal(final.status, 'succeeded', final.error?.message);
    assert.equal(final.stepsDone, posts * 2);
    const records = await recorded(recordUrl);
    assertOnePerStep(records, runId, posts);
    // An attempt cut off by a reload is started again from the log (same attempt number, same idempotency key).
    const starts = (await runEvents(page, runId)).filter((e) => e.type === 'step.started').length;
    t.diagnostic(
      `reloaded at ${reloads.join(', ')} of ${posts * 2} steps done; ${starts - posts * 2} attempts replayed; ` +
        `record unique ${records.unique}, total ${records.total}; ${Date.now() - started} ms`,
    );
  });

  it('the leader tab closes mid-run and another tab finishes it', async (t) => {
    await freshContext();
    const first = await openPage();
    await roleIs(first, 'leader');
    const second = await openPage();
    await roleIs(second, 'follower');
    const ns = `handover-${Date.now()}`;
    const recordUrl = `${origin}/__test__/ns/${ns}/record`;
    const posts = 20;
    // Started from the follower: the command goes through the database and the bus to the leader's engine.
    const runId = await saveAndStart(second, recordingWorkflow('handover', recordUrl, posts, 100), scope);
    const before = await progressed(second, runId, 12);
    assert.equal(
      before.status,
      'running',
      `the run is still running when the leader closes (${before.stepsDone} done)`,
    );

    const closedAt = Date.now();
    await first.close();
    await roleIs(second, 'leader', 5_000);
    const takeoverMs = Date.now() - closedAt;

    const final = await finished(second, runId);
    assert.equal(final.status, 'succeeded', final.error?.message);
    const records = await recorded(recordUrl);
    assertOnePerStep(records, runId, posts);
    t.diagnostic(
      `leader closed at ${before.stepsDone} of ${posts * 2} steps done; the other tab led after ${takeoverMs} ms; ` +
        `record unique ${records.unique}, total ${records.total}`,
    );
  });

  it('a run file saved mid-way resumes after loading, without repeating what was done before it was saved', async (t) => {
    await freshContext();
    const page = await openPage();
    await roleIs(page, 'leader');
    const ns = `run-file-${Date.now()}`;
    const recordUrl = `${origin}/__test__/ns/${ns}/record`;
    const posts = 10;
    const runId = await saveAndStart(page, recordingWorkflow('run-file', recordUrl, posts, 100), scope);
    await progressed(page, runId, 7);
    const file = await page.evaluate(
      (runId) => (window as unknown as TestWindow).workflows.runs.exportRun(runId),
      runId,
    );
    const saved = JSON.parse(file) as { run: RunRowView; events: (RunEventView & { seq: number })[] };
    assert.equal(saved.run.status, 'running', 'the file was saved mid-way');
    const doneWhenSaved = saved.events.filter((e) => e.type === 'step.succeeded').map((e) => e.stepId!);
    assert.ok(doneWhenSaved.includes('post3'), `post3 was done when saved (done: ${doneWhenSaved.join(', ')})`);
    const postsWhenSaved = doneWhenSaved.filter((id) => id.startsWith('post')).length;
    // It goes on after the save, so loading the file must do those steps again: with the same idempotency keys.
    const later = await progressed(page, runId, doneWhenSaved.length + 4);
    assert.equal(later.status, 'running', `the run is still running when cancelled (${later.stepsDone} done)`);

    // The run goes away (cancelled, then deleted), and comes back from the file.
    await page.evaluate(async (runId) => {
      const { runs } = (window as unknown as TestWindow).workflows;
      await runs.cancel(runId);
      await runs.waitFor(runId, AbortSignal.timeout(10_000));
      await runs.deleteRuns([runId]);
    }, runId);
    const cancelledAt = await recorded(recordUrl);
    const loaded = await page.evaluate(
      (file) => (window as unknown as TestWindow).workflows.runs.importRun(file),
      file,
    );
    assert.equal(loaded, runId);

    const final = await finished(page, runId);
    assert.equal(final.status, 'succeeded', final.error?.message);
    const events = await runEvents(page, runId);
    for (const stepId of doneWhenSaved) {
      const starts = events.filter((e) => e.type === 'step.started' && e.stepId === stepId).length;
      assert.equal(starts, 1, `${stepId}, done before the file was saved, was not started again`);
    }
    const records = await recorded(recordUrl);
    assertOnePerStep(records, runId, posts);
    const repeated = cancelledAt.unique - postsWhenSaved;
    assert.ok(repeated >= 2, `POSTs took effect between the save and the cancel (${repeated})`);
    assert.ok(
      records.total >= posts + repeated,
      `the ${repeated} POSTs made after the save were sent again after loading, and counted once`,
    );
    t.diagnostic(
      `saved with ${doneWhenSaved.length} steps done (${postsWhenSaved} POSTs), ${cancelledAt.unique} POSTs ` +
        `recorded by the cancel; ` +
        `record unique ${records.unique}, total ${records.total}`,
    );
  });
});
