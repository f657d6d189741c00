import { expect, html, waitUntil } from '@open-wc/testing';
import { CometError } from '../../../src/core/errors.js';
import '../../../src/modules/workflows/comet-workflow-run.js';
import type { CometWorkflowRun } from '../../../src/modules/workflows/comet-workflow-run.js';
import { button, ignoreResizeObserverLoop, shadowText } from '../supervisor/services-fixture.js';
import { gate, runViewFixture, workflow, type RunViewFixture } from './run-view-fixture.js';

describe('<comet-workflow-run>', () => {
  let f: RunViewFixture | undefined;
  let restoreErrors: () => void;
  const hash = location.hash;
  beforeEach(() => (restoreErrors = ignoreResizeObserverLoop()));
  afterEach(async () => {
    await f?.close();
    f = undefined;
    restoreErrors();
    history.replaceState(null, '', hash || '#');
  });

  const mount = (runId: string) =>
    f!.mount(
      'comet-workflow-run',
      html`<comet-workflow-run .services=${f!.services} .runId=${runId} .clock=${f!.clock}></comet-workflow-run>`,
    );
  /** The part `tag` of the view, once the run has loaded and it is rendered. */
  async function part<K extends keyof HTMLElementTagNameMap>(view: Element, tag: K) {
    await waitUntil(() => view.shadowRoot!.querySelector(tag), `no ${tag}`, { timeout: 5000 });
    return view.shadowRoot!.querySelector(tag)!;
  }
  const headerOf = (view: CometWorkflowRun) => view.shadowRoot!.querySelector('comet-workflow-run-header');
  const statusOf = (view: CometWorkflowRun) =>
    headerOf(view)?.shadowRoot?.querySelector('.title .status')?.textContent.trim();

  it('follows a run live from running to succeeded: status, progress, graph and steps', async () => {
    const slow = gate();
    f = await runViewFixture({ 'test.fetch': () => slow.promise, 'test.store': (input) => ({ stored: input }) });
    const runId = await f.runs.start(
      workflow([
        { id: 'fetch', name: 'Fetch items', capability: 'test.fetch' },
        { id: 'store', capability: 'test.store', input: { items: '{{steps.fetch.output.items}}' } },
      ]),
    );
    const view = await mount(runId);
    await waitUntil(() => statusOf(view) === 'Running', 'the run never showed as running', { timeout: 5000 });
    const steps = await part(view, 'comet-workflow-run-steps');
    await waitUntil(() => steps.shadowRoot!.querySelector('.row.running[data-step="fetch"]'), 'fetch never ran');
    expect(shadowText(headerOf(view)!)).to.contain('Started by you');
    expect(shadowText(headerOf(view)!)).to.contain('0 of 2 steps');
    await expect(view).to.be.accessible();

    slow.open({ items: [1, 2, 3] });
    await waitUntil(() => statusOf(view) === 'Succeeded', 'the run never showed as succeeded', { timeout: 5000 });
    expect(shadowText(headerOf(view)!)).to.contain('2 of 2 steps');
    const dag = await part(view, 'comet-workflow-dag');
    await dag.drawn;
    expect(dag.shadowRoot!.querySelectorAll('g.node.succeeded')).to.have.length(2);
    steps.shadowRoot!.querySelector<HTMLElement>('.row[data-step="store"]')!.click();
    const details = await part(view, 'comet-workflow-run-step');
    const json = (label: string) =>
      [...details.shadowRoot!.querySelectorAll('comet-workflow-run-json')].find((j) => j.label === label);
    await waitUntil(() => json('Output'), 'the output of store was not shown');
    await json('Output')!.updateComplete;
    expect(shadowText(json('Output')!)).to.contain('"stored"');
    expect(json('Resolved input')!.value).to.deep.equal({ items: [1, 2, 3] });
    await expect(view).to.be.accessible();
  });

  it('shows a failed step with its located error and re-runs from it, keeping what did not depend on it', async () => {
    f = await runViewFixture({ 'test.echo': (input) => input });
    const runId = await f.runs.start(
      workflow([
        { id: 'first', capability: 'test.echo', input: { n: 1 } },
        { id: 'second', capability: 'test.echo', input: { value: '{{steps.first.output.missing}}' } },
      ]),
    );
    const view = await mount(runId);
    await waitUntil(() => statusOf(view) === 'Failed', 'the run never showed as failed', { timeout: 5000 });
    expect(shadowText(headerOf(view)!)).to.contain('The run failed at step second');
    const details = await part(view, 'comet-workflow-run-step');
    await details.updateComplete;
    expect(shadowText(details)).to.contain('reference-missing');
    expect(details.shadowRoot!.querySelector('.location')!.textContent).to.equal('/steps/1/input/value');
    await expect(view).to.be.accessible();

    button(details, 'Re-run from this step').click();
    await waitUntil(() => location.hash.startsWith('#/workflows/run/') && !location.hash.endsWith(runId));
    const rerunId = decodeURIComponent(location.hash.split('/').at(-1)!);
    await waitUntil(async () => (await f!.db.runs.get(rerunId))?.status === 'failed', 'the re-run did not finish', {
      timeout: 5000,
    });
    const rerun = (await f.db.runs.get(rerunId))!;
    expect(rerun.rerunOf).to.deep.equal({ runId, stepId: 'second' });
    // first kept its output (copied, never called again); second was tried again and failed the same way
    expect(rerun.error).to.deep.include({ stepId: 'second', code: 'reference-missing' });
    expect(f.executor.calls.map((c) => c.stepId)).to.deep.equal(['first']);
  });

  it('counts down to the next retry on the clock, and cancels the run once confirmed', async () => {
    f = await runViewFixture({
      'test.busy': () => {
        throw new CometError('http-status', { method: 'GET', url: 'https://api.example.com/', status: 503 });
      },
    });
    const runId = await f.runs.start(
      workflow([{ id: 'busy', capability: 'test.busy', retry: { initialInterval: '10s', jitter: 0 } }]),
    );
    const view = await mount(runId);
    const steps = await part(view, 'comet-workflow-run-steps');
    const retry = () => steps.shadowRoot!.querySelector('.row[data-step="busy"] .retry')?.textContent.trim();
    await waitUntil(() => retry()?.endsWith('in 0:10'), 'no countdown to the retry', { timeout: 5000 });
    f.clock.advance(4000);
    await waitUntil(() => retry()?.endsWith('in 0:06'), `the countdown did not move: ${retry()}`);
    expect(shadowText(await part(view, 'comet-workflow-run-step'))).to.contain('Attempt 1 failed');

    const header = headerOf(view)!;
    button(header, 'Cancel run').click();
    const dialog = header.shadowRoot!.querySelector('wa-dialog')!;
    await waitUntil(() => dialog.open, 'the confirmation never opened');
    [...dialog.querySelectorAll('wa-button')].find((b) => b.textContent.includes('Cancel run'))!.click();
    await waitUntil(() => statusOf(view) === 'Cancelled', 'the run was not cancelled', { timeout: 5000 });
    expect(retry()).to.equal('');
  });

  it('shows a step denied by the supervisor with the reason and the way to Supervisor › Grants', async () => {
    f = await runViewFixture({
      'test.post': () => {
        throw new CometError('capability-denied', {
          principal: 'workflow:test-flow',
          capability: 'http.request',
          reason: 'no grant allows net:https://api.example.com/*',
          wouldAllowWith: ['net:https://api.example.com/*'],
        });
      },
    });
    const runId = await f.runs.start(workflow([{ id: 'post', capability: 'test.post' }]));
    const view = await mount(runId);
    await waitUntil(() => statusOf(view) === 'Failed', 'the run never failed', { timeout: 5000 });
    const details = await part(view, 'comet-workflow-run-step');
    await details.updateComplete;
    expect(shadowText(details)).to.contain('The supervisor denied this call');
    expect(shadowText(details)).to.contain('no grant allows net:https://api.example.com/*');
    expect(details.shadowRoot!.querySelector('a[href="#/supervisor/grants"]')).to.exist;
    await expect(view).to.be.accessible();
  });

  it('shows a step waiting for approval and answers the prompt from the run view', async () => {
    f = await runViewFixture(
      {
        'test.approve': async (input, signal, call) => {
          const principal = f!.supervisor!.principals.issue('workflow', 'test-flow', 'Test flow');
          const answer = await f!.supervisor!.supervisor.approvals.request({
            principal,
            capability: call.capability,
            input,
            rule: 'policy:ask-post',
            reason: 'Posting to the team channel needs a person',
            timeoutMs: 60_000,
            runId: call.runId,
            signal,
          });
          return { answer };
        },
      },
      { supervisor: true },
    );
    const runId = await f.runs.start(workflow([{ id: 'post', capability: 'test.approve', input: { text: 'hi' } }]));
    const view = await mount(runId);
    const details = await part(view, 'comet-workflow-run-step');
    await waitUntil(() => shadowText(details).includes('Waiting for your approval'), 'no approval shown', {
      timeout: 5000,
    });
    expect(shadowText(details)).to.contain('Posting to the team channel needs a person');
    await expect(view).to.be.accessible();
    const card = details.shadowRoot!.querySelector('comet-approval-card')!;
    await card.updateComplete;
    button(card, 'Allow once').click();
    await waitUntil(() => statusOf(view) === 'Succeeded', 'the run did not go on after the approval', {
      timeout: 5000,
    });
    expect(shadowText(details)).not.to.contain('Waiting for your approval');
  });
});
