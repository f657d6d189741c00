// The built-in templates (public/workflow-templates.json): each one validates against the registered capabilities,
// documents every input and declares exactly the grants its steps need — and each one runs to success through the
// real engine (in its worker) and the page's supervisor, with only those grants, against the test server's routes.
import { expect } from '@open-wc/testing';
import { validate } from '../../../src/core/capabilities/schema.js';
import { policyProblems, type Policy } from '../../../src/core/supervisor/index.js';
import type { WorkflowDefinition, WorkflowStep } from '../../../src/modules/workflows/model/types.js';
import { workflowProblems, formatProblem } from '../../../src/modules/workflows/model/validate.js';
import type { WorkflowTemplate } from '../../../src/modules/workflows/services/types.js';
import {
  readTemplatesFile,
  readWorkflowFile,
  TEMPLATES_FORMAT,
} from '../../../src/modules/workflows/services/workflow-file.js';
import { workflowScopes } from '../../../src/modules/workflows/services/workflow-scopes.js';
import { hostRig, type HostRig } from '../../core/capabilities/rig.js';
import {
  stepEvents,
  templateRunRig,
  type FinishedRun,
  type Recorded,
  type TemplateRunRig,
  type TestServer,
} from './template-run-rig.js';

const FILE = new URL('../../../public/workflow-templates.json', import.meta.url);

/** Every step of a template, with its workflow. */
const stepsOf = (templates: WorkflowTemplate[]) => templates.flatMap((t) => t.workflow.steps.map((s) => ({ t, s })));

/** The inputs schema's fields. */
const inputFields = (w: WorkflowDefinition) =>
  (w.inputs as { properties?: Record<string, { default?: unknown }> } | undefined)?.properties ?? {};

describe('workflow templates (public/workflow-templates.json)', () => {
  let text: string;
  let templates: WorkflowTemplate[];
  let r: HostRig;

  before(async () => {
    const response = await fetch(FILE, { cache: 'no-store' });
    expect(response.status).to.equal(200);
    text = await response.text();
    templates = readTemplatesFile(text);
  });
  beforeEach(async () => {
    r = await hostRig();
  });
  afterEach(() => r.close());

  it('is a comet-workflow-templates/1 file of at least eight templates with unique ids, importable as workflows', () => {
    expect((JSON.parse(text) as { format: string }).format).to.equal(TEMPLATES_FORMAT);
    expect(templates.length).to.be.at.least(8);
    const ids = templates.map((t) => t.workflow.id);
    expect(new Set(ids).size, ids.join()).to.equal(ids.length);
    expect(readWorkflowFile(text).map((w) => w.id)).to.deep.equal(ids);
    for (const t of templates) expect(t.workflow.format, t.workflow.id).to.equal('comet-workflow/1');
  });

  it('each validates against the registered capabilities, sub-workflows naming templates of the file', () => {
    const ids = new Set(templates.map((t) => t.workflow.id));
    const capabilities = (name: string) => r.registry.get(name) !== undefined;
    for (const { workflow } of templates) {
      const problems = workflowProblems(workflow, { capabilities, workflows: (id) => ids.has(id) });
      expect(problems.map(formatProblem), workflow.id).to.deep.equal([]);
    }
  });

  it('each documents every input, and every input has a default that its schema accepts', () => {
    for (const { workflow, inputsDoc } of templates) {
      const fields = inputFields(workflow);
      expect(Object.keys(inputsDoc ?? {}), workflow.id).to.have.members(Object.keys(fields));
      for (const [name, doc] of Object.entries(inputsDoc ?? {})) expect(doc, `${workflow.id} ${name}`).not.to.be.empty;
      const defaults = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.default]));
      for (const [name, value] of Object.entries(defaults))
        expect(value, `${workflow.id}: input ${name} has a default`).not.to.be.undefined;
      expect(validate(workflow.inputs!, defaults), workflow.id).to.deep.equal({ ok: true });
    }
  });

  it('each declares exactly the grants its steps need, and none that cannot be known before a run', () => {
    for (const { workflow, grants } of templates) {
      const derived = workflowScopes(workflow, r.registry);
      expect(derived.unknown, workflow.id).to.deep.equal([]);
      // A sub-workflow step calls workflow.run, whose scope is workflow:run:<child> (workflowScopes lists the
      // children apart; a Set, in case it also lists their scopes one day).
      const needed = new Set([
        ...derived.needs.map((n) => n.scope),
        ...derived.subWorkflows.map((id) => `workflow:run:${id}`),
      ]);
      expect([...(grants ?? [])].sort(), workflow.id).to.deep.equal([...needed].sort());
    }
  });

  it('sends every request to an address the inputs give, so a test can point it at its own server', () => {
    const urls = stepsOf(templates)
      .filter(({ s }) => s.capability === 'http.request')
      .map(({ t, s }) => ({ id: `${t.workflow.id}/${s.id}`, url: (s.input as { url: string }).url }));
    expect(urls.length).to.be.at.least(10);
    for (const { id, url } of urls) expect(url, id).to.match(/^\{\{inputs\.(baseUrl|webhookUrl)\}\}/);
  });

  it('covers the patterns the issue names', () => {
    const steps = stepsOf(templates);
    const has = (what: string, test: (s: WorkflowStep, t: WorkflowTemplate) => boolean) =>
      expect(
        steps.some(({ s, t }) => test(s, t)),
        what,
      ).to.be.true;
    has('fetch → data.query → kv.set', (_s, t) =>
      ['http.request', 'data.query', 'kv.set'].every((c) => t.workflow.steps.some((s) => s.capability === c)),
    );
    has(
      'polling: until on an http step with a retry policy',
      (s) => s.capability === 'http.request' && !!s.until && !!s.retry,
    );
    has('fan-out with concurrency 4', (s) => !!s.forEach && s.forEachConcurrency === 4);
    has('Retry-After honoured', (s) => s.retry?.respectRetryAfter === true);
    has('a compensation step', (s) => typeof s.onError === 'object' && !!s.onError.compensate);
    has('sub-workflows', (s) => s.workflow !== undefined);
    has('wait and condition', (s) => s.capability === 'wait' || s.capability === 'condition');
    has('data.map, data.filter and data.pick', (_s, t) =>
      ['data.map', 'data.filter', 'data.pick'].some((c) => t.workflow.steps.some((s) => s.capability === c)),
    );
    const triggers = templates.flatMap((t) => t.workflow.triggers ?? []);
    expect(triggers.some((t) => t.type === 'schedule')).to.be.true;
    expect(triggers.some((t) => t.type === 'event')).to.be.true;
    const digest = templates.find((t) => t.workflow.triggers?.some((tr) => tr.type === 'schedule'))!;
    expect(digest.workflow.steps.some((s) => s.capability === 'data.template')).to.be.true;
  });

  it('the approval-gated POST documents a supervisor policy that is valid and asks before its POSTs', () => {
    const template = templates.find((t) => t.workflow.id === 'approval-gated-post')!;
    const notes = template.workflow.notes ?? '';
    const policy = JSON.parse(notes.slice(notes.indexOf('Policy: ') + 'Policy: '.length)) as Record<string, unknown>;
    expect(policyProblems(policy)).to.deep.equal([]);
    expect(policy).to.deep.include({
      principal: `workflow:${template.workflow.id}`,
      capability: 'http.request',
      mode: 'enforce',
    });
    expect((policy.rule as { kind: string }).kind).to.equal('approval');
  });
});

describe('workflow templates run to success through the real engine and supervisor', function () {
  this.timeout(30_000);
  let templates: WorkflowTemplate[];
  let rig: TemplateRunRig;
  /** Templates that ran to success in this file: the last test checks none was left out. */
  const succeeded = new Set<string>();

  before(async () => {
    templates = readTemplatesFile(await (await fetch(FILE, { cache: 'no-store' })).text());
    rig = await templateRunRig();
  });
  after(() => rig?.close());

  const template = (id: string) => {
    const found = templates.find((t) => t.workflow.id === id);
    if (!found) throw new Error(`No template ${id}`);
    return found;
  };
  /** Expects the run to have succeeded, and notes its workflow as covered. */
  const expectSucceeded = (run: FinishedRun) => {
    expect(run.row.status, JSON.stringify(run.row.error)).to.equal('succeeded');
    succeeded.add(run.row.workflowId);
  };
  /** The items the test server's /items?n= answers. */
  const itemsOf = async (server: TestServer, n: number) =>
    (await server.get<{ items: { id: number; name: string; host: string; value: number }[] }>(`/items?n=${n}`)).items;

  it('fetch-transform-store keeps the items worth at least minValue, with id, name and value, in its kv', async () => {
    const server = rig.server();
    await rig.install(template('fetch-transform-store'), server);
    const run = await rig.run('fetch-transform-store', {
      baseUrl: server.base,
      count: 20,
      minValue: 50,
      storeKey: 'hv',
    });
    expectSucceeded(run);
    const expected = (await itemsOf(server, 20))
      .filter((i) => i.value >= 50)
      .map(({ id, name, value }) => ({ id, name, value }));
    expect(expected).to.have.length.within(5, 15);
    expect(run.state.output).to.deep.include({ key: 'hv', items: expected });
    const stored = await rig.services.db.kv.get(['workflow:fetch-transform-store', 'hv']);
    expect(stored?.value).to.deep.equal(expected);
  });

  it('poll-until-done asks again until the status is done (3 calls), then returns the result', async () => {
    const server = rig.server();
    await rig.install(template('poll-until-done'), server);
    const run = await rig.run('poll-until-done', { baseUrl: server.base, statusPath: '/poll?readyAfter=3' });
    expectSucceeded(run);
    expect(run.state.output).to.deep.equal({ result: { ns: server.ns, answer: 42 } });
    expect(stepEvents(run, 'poll', 'step.started')).to.have.length(3);
    expect(stepEvents(run, 'poll', 'step.failed').map((e) => e.error.code)).to.deep.equal([
      'condition-not-met',
      'condition-not-met',
    ]);
    expect((run.state.steps.poll.output as { body: unknown }).body).to.deep.include({ status: 'done', calls: 3 });
  });

  it('fan-out-details visits every item with at most 4 calls in flight, and sums the answers up in order', async () => {
    const server = rig.server();
    await rig.install(template('fan-out-details'), server);
    const run = await rig.run('fan-out-details', { baseUrl: server.base, count: 12, delayMs: 300 });
    expectSucceeded(run);
    const results = (run.state.output as { results: { tag: string; status: number; ms: number }[] }).results;
    expect(results.map((r) => r.tag)).to.deep.equal(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(results.every((r) => r.status === 200 && r.ms >= 300)).to.be.true;
    const { maxInFlight } = await server.get<{ maxInFlight: number }>('/slow?ms=0');
    expect(maxInFlight, 'calls in flight at once').to.equal(4);
    expect(stepEvents(run, 'details', 'step.started')).to.have.length(12);
  });

  it('retry-flaky-endpoint retries the 503s, never sooner than their Retry-After, and returns the good answer', async () => {
    const server = rig.server();
    await rig.install(template('retry-flaky-endpoint'), server);
    const run = await rig.run('retry-flaky-endpoint', {
      baseUrl: server.base,
      path: '/flaky?failures=2&status=503&retryAfter=1',
    });
    expectSucceeded(run);
    expect(run.state.output).to.deep.include({ status: 200, body: { ok: true, attempt: 3 } });
    const failed = stepEvents(run, 'call', 'step.failed');
    const started = stepEvents(run, 'call', 'step.started');
    expect(failed.map((e) => e.error.code)).to.deep.equal(['http-status', 'http-status']);
    expect(started).to.have.length(3);
    for (const [i, failure] of failed.entries()) {
      expect(started[i + 1].time - failure.time, `wait before attempt ${i + 2}`).to.be.at.least(1000);
    }
    for (const retry of stepEvents(run, 'call', 'step.retrying')) expect(retry.delayMs).to.be.at.least(1000);
  });

  it('approval-gated-post sends nothing until a person approves through the supervisor, then POSTs once', async () => {
    const t = template('approval-gated-post');
    const notes = t.workflow.notes ?? '';
    const policy = JSON.parse(notes.slice(notes.indexOf('Policy: ') + 'Policy: '.length)) as Policy;
    await rig.services.supervisor.supervisor.policies.put(policy);
    const server = rig.server();
    await rig.install(t, server);
    const payload = { order: 'T-1', amount: 3 };
    const runId = await rig.services.runs.start('approval-gated-post', { baseUrl: server.base, payload });
    const prompt = await rig.prompt('workflow:approval-gated-post');
    expect(prompt).to.deep.include({ capability: 'http.request', rule: `policy:${policy.id}`, runId });
    expect((await server.get<Recorded>('/record')).total, 'POSTs before the approval').to.equal(0);
    rig.services.supervisor.supervisor.approvals.answer(prompt.id, 'allow-once');
    const row = await rig.services.runs.waitFor(runId);
    expect(row.status, JSON.stringify(row.error)).to.equal('succeeded');
    succeeded.add(row.workflowId);
    expect(await server.get<Recorded>('/record')).to.deep.include({ unique: 1, total: 1, bodies: [payload] });
  });

  it('approval-gated-post fails without sending when the person denies, and does not ask again', async () => {
    const server = rig.server();
    await rig.install(template('approval-gated-post'), server);
    const runId = await rig.services.runs.start('approval-gated-post', { baseUrl: server.base });
    const prompt = await rig.prompt('workflow:approval-gated-post');
    rig.services.supervisor.supervisor.approvals.answer(prompt.id, 'deny');
    const row = await rig.services.runs.waitFor(runId);
    expect(row.status).to.equal('failed');
    expect(row.error).to.deep.include({ code: 'capability-denied', stepId: 'post' });
    const events = await rig.services.db.runEvents
      .where('[runId+seq]')
      .between([runId, 0], [runId, Infinity])
      .toArray();
    expect(
      events.filter((e) => e.type === 'step.started'),
      'attempts',
    ).to.have.length(1);
    expect((await server.get<Recorded>('/record')).total).to.equal(0);
    expect(rig.services.supervisor.supervisor.approvals.pending()).to.deep.equal([]);
  });

  it('scheduled-digest (started by hand) posts one digest of the valuable items as a CSV table', async () => {
    const api = rig.server();
    const hook = rig.server();
    await rig.install(template('scheduled-digest'), api, hook);
    const run = await rig.run('scheduled-digest', {
      baseUrl: api.base,
      minValue: 90,
      webhookUrl: `${hook.base}/record`,
    });
    expectSucceeded(run);
    const rows = (await itemsOf(api, 50)).filter((i) => i.value >= 90);
    const text = (run.state.output as { text: string }).text;
    expect(text).to.match(/^Digest of \d{4}-\d\d-\d\dT.*: items worth at least 90\n\nid,name,value\r?\n/);
    for (const row of rows) expect(text).to.contain(`${row.id},${row.name},${row.value}`);
    expect(text.trim().split(/\r?\n/)).to.have.length(3 + rows.length);
    expect(await hook.get<Recorded>('/record')).to.deep.include({ unique: 1, total: 1, bodies: [{ text }] });
  });

  it('reserve-charge-compensate releases the reservation once the charge has failed for good, then goes on', async () => {
    const server = rig.server();
    await rig.install(template('reserve-charge-compensate'), server);
    const run = await rig.run('reserve-charge-compensate', {
      baseUrl: server.base,
      orderId: 'T-7',
      reservePath: '/record',
      chargePath: '/status/502',
      releasePath: '/record',
    });
    expectSucceeded(run);
    expect(run.state.output).to.deep.equal({ reserved: 200, charge: 'failed' });
    expect(stepEvents(run, 'charge', 'step.started')).to.have.length(2);
    expect(stepEvents(run, 'charge', 'step.compensated')).to.have.length(1);
    const recorded = await server.get<Recorded>('/record');
    expect(recorded).to.deep.include({ unique: 2, total: 2 });
    expect(recorded.bodies[0]).to.deep.equal({ action: 'reserve', order: 'T-7' });
    expect(recorded.bodies[1]).to.deep.include({ action: 'release', order: 'T-7' });
    expect((recorded.bodies[1] as { reason: string }).reason).to.contain('answered 502');
  });

  it('parent-fetch-and-report runs its two sub-workflows, each as its own principal with its own grants', async () => {
    const server = rig.server();
    for (const id of ['child-fetch-items', 'child-store-report', 'parent-fetch-and-report'])
      await rig.install(template(id), server);
    const run = await rig.run('parent-fetch-and-report', { baseUrl: server.base, count: 3, key: 'r.csv' });
    expectSucceeded(run);
    const items = (await itemsOf(server, 3)).map(({ id, name, value }) => ({ id, name, value }));
    const csv = (run.state.output as { report: { csv: string } }).report.csv;
    expect(csv.trim().split(/\r?\n/)).to.deep.equal([
      'id,name,value',
      ...items.map((i) => `${i.id},${i.name},${i.value}`),
    ]);
    expect(run.state.steps.fetch.output).to.deep.equal(items);
    const children = await rig.services.db.runs.where('parentRunId').equals(run.row.id).toArray();
    expect(children.map((c) => [c.workflowId, c.principal, c.status])).to.have.deep.members([
      ['child-fetch-items', 'workflow:child-fetch-items', 'succeeded'],
      ['child-store-report', 'workflow:child-store-report', 'succeeded'],
    ]);
    for (const child of children) succeeded.add(child.workflowId);
    const stored = await rig.services.db.kv.get(['workflow:child-store-report', 'r.csv']);
    expect(stored?.value).to.deep.equal({ csv, rows: items });
  });

  it('csv-to-json-report keeps one region with the chosen columns and stores it', async () => {
    await rig.install(template('csv-to-json-report'));
    const run = await rig.run('csv-to-json-report', { key: 'north.json' });
    expectSucceeded(run);
    const rows = [
      { product: 'pens', units: '120' },
      { product: 'mugs', units: '40' },
    ];
    expect(run.state.output).to.deep.equal({ region: 'north', rows });
    const stored = await rig.services.db.kv.get(['workflow:csv-to-json-report', 'north.json']);
    expect(stored?.value).to.deep.equal({ region: 'north', rows });
  });

  it('alert-on-policy-near-miss posts a would-be denial to the webhook, and skips a would-be prompt', async () => {
    const t = template('alert-on-policy-near-miss');
    const hook = rig.server();
    await rig.install(t, hook);
    const sample = (t.workflow.inputs as { properties: { event: { default: Record<string, unknown> } } }).properties
      .event.default;
    const denial = await rig.run(t.workflow.id, { webhookUrl: `${hook.base}/record`, event: sample });
    expectSucceeded(denial);
    const text = 'Policy office-hours would have blocked http.request by agent:helper: outside office hours';
    expect(denial.state.output).to.deep.equal({ text });
    expect(await hook.get<Recorded>('/record')).to.deep.include({ total: 1, bodies: [{ text, event: sample }] });
    const ask = await rig.run(t.workflow.id, {
      webhookUrl: `${hook.base}/record`,
      event: { ...sample, verdict: 'ask' },
    });
    expect(ask.row.status).to.equal('succeeded');
    expect(ask.state.steps.post.status).to.equal('skipped');
    expect((await hook.get<Recorded>('/record')).total).to.equal(1);
  });

  it('wait-then-remind waits, then posts a reminder only while the job is not done', async () => {
    const pending = rig.server();
    const done = rig.server();
    await rig.install(template('wait-then-remind'), pending, done);
    const reminded = await rig.run('wait-then-remind', {
      baseUrl: pending.base,
      delay: '300ms',
      statusPath: '/poll?readyAfter=5',
      message: 'Still waiting.',
      webhookUrl: `${pending.base}/record`,
    });
    expectSucceeded(reminded);
    expect(reminded.state.output).to.deep.equal({ reminded: true, status: 'pending' });
    // The engine turned the duration into an absolute time when the step started; the step ended no sooner.
    const [started] = stepEvents(reminded, 'pause', 'step.started');
    const [finished] = stepEvents(reminded, 'pause', 'step.succeeded');
    const { until } = started.input as { until: number };
    // (The engine reads its clock for `until` a moment before it stamps step.started: a millisecond may pass.)
    expect(until - started.time).to.be.within(295, 300);
    expect(finished.time).to.be.at.least(until);
    const waited = (reminded.state.steps.pause.output as { waitedMs: number }).waitedMs;
    // It slept what was left of those 300 ms when its call arrived (timers may fire a little late).
    expect(waited).to.be.within(1, finished.time - started.time);
    expect(await pending.get<Recorded>('/record')).to.deep.include({
      total: 1,
      bodies: [{ text: 'Still waiting.', status: 'pending', waitedMs: waited }],
    });
    const skipped = await rig.run('wait-then-remind', {
      baseUrl: done.base,
      delay: '10ms',
      statusPath: '/poll?readyAfter=1',
      webhookUrl: `${done.base}/record`,
    });
    expect(skipped.state.output).to.deep.equal({ reminded: false, status: 'done' });
    expect(skipped.state.steps.remind.status).to.equal('skipped');
    expect((await done.get<Recorded>('/record')).total).to.equal(0);
  });

  it('every template ran to success above (the list follows the file)', () => {
    expect([...succeeded].sort()).to.deep.equal(templates.map((t) => t.workflow.id).sort());
  });
});
