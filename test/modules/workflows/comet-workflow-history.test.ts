import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-history.js';
import type { CometWorkflowHistory } from '../../../src/modules/workflows/comet-workflow-history.js';
import { ignoreResizeObserverLoop, shadowText } from '../supervisor/services-fixture.js';
import { gate, runViewFixture, workflow, type RunViewFixture } from './run-view-fixture.js';

describe('<comet-workflow-history>', () => {
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

  const mount = () =>
    f!.mount(
      'comet-workflow-history',
      html`<comet-workflow-history .services=${f!.services} .clock=${f!.clock}></comet-workflow-history>`,
    );
  const rows = (view: CometWorkflowHistory) => [...view.shadowRoot!.querySelectorAll<HTMLElement>('.row')];
  const names = (view: CometWorkflowHistory) =>
    rows(view).map((r) => `${r.querySelector('.name')!.textContent} ${r.querySelector('.chip')!.textContent.trim()}`);

  /** Three runs, a second apart: one succeeds, one fails, one keeps running until `held` opens. */
  async function threeRuns(held: ReturnType<typeof gate>) {
    f = await runViewFixture({ 'test.echo': (input) => input, 'test.hold': () => held.promise });
    const ok = await f.runs.start(workflow([{ id: 'a', capability: 'test.echo' }], { id: 'ok', name: 'Fine' }));
    f.clock.advance(1000);
    const bad = await f.runs.start(
      workflow([{ id: 'a', capability: 'test.echo', input: { x: '{{inputs.nope}}' } }], { id: 'bad', name: 'Broken' }),
    );
    f.clock.advance(1000);
    const slow = await f.runs.start(workflow([{ id: 'a', capability: 'test.hold' }], { id: 'slow', name: 'Slow' }));
    await waitUntil(async () => {
      const statuses = (await f!.db.runs.bulkGet([ok, bad, slow])).map((r) => r?.status);
      return statuses.join() === 'succeeded,failed,running';
    }, 'the runs did not reach their states');
    return { ok, bad, slow };
  }

  it('says how to start a run when there is none', async () => {
    f = await runViewFixture({});
    const view = await mount();
    await waitUntil(() => shadowText(view).includes('No runs yet'), 'no empty state');
    expect(shadowText(view)).to.contain('when its schedule comes due');
    await expect(view).to.be.accessible();
  });

  it('lists runs newest first, filters by status (kept in the link) and deletes the finished ones once confirmed', async () => {
    const held = gate();
    const { slow } = await threeRuns(held);
    location.hash = '#/workflows/runs';
    const view = await mount();
    await waitUntil(() => rows(view).length === 3, 'the runs were not listed');
    expect(names(view)).to.deep.equal(['Slow Running', 'Broken Failed', 'Fine Succeeded']);
    await expect(view).to.be.accessible();

    const filters = view.shadowRoot!.querySelector('comet-workflow-run-filters')!;
    await filters.updateComplete;
    const status = filters.shadowRoot!.querySelector<HTMLElement & { value: string }>('wa-select[name="status"]')!;
    status.value = 'failed';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => rows(view).length === 1, 'the status filter did not apply');
    expect(names(view)).to.deep.equal(['Broken Failed']);
    expect(location.hash).to.equal('#/workflows/runs?status=failed');

    view.setFilter({ ...view.filter, status: 'any' });
    await waitUntil(() => rows(view).length === 3);
    [...view.shadowRoot!.querySelectorAll('wa-button')]
      .find((b) => b.textContent.includes('Delete 2 finished'))!
      .click();
    const dialog = view.shadowRoot!.querySelector('wa-dialog')!;
    await waitUntil(() => dialog.open, 'the confirmation never opened');
    [...dialog.querySelectorAll('wa-button')].find((b) => b.textContent.trim() === 'Delete')!.click();
    await waitUntil(() => rows(view).length === 1, 'the finished runs were not deleted');
    expect(names(view)).to.deep.equal(['Slow Running']);
    expect((await f!.db.runs.toArray()).map((r) => r.id)).to.deep.equal([slow]);
    held.open('done');
  });

  it('loads a saved run file and opens the run; a file that is not a run is refused, saying why', async () => {
    const held = gate();
    const { ok } = await threeRuns(held);
    const file = await f!.runs.exportRun(ok);
    await f!.runs.deleteRuns([ok]);
    const view = await mount();
    await waitUntil(() => rows(view).length === 2);

    await view.loadText('{"format":"something-else"}', 'notes.json');
    expect(shadowText(view)).to.contain('notes.json was not loaded');
    expect(shadowText(view)).to.contain('It is not a saved run');

    await view.loadText(file, 'fine.run.json');
    expect(location.hash).to.equal(`#/workflows/run/${ok}`);
    await waitUntil(() => rows(view).length === 3, 'the loaded run was not listed');
    expect((await f!.db.runs.get(ok))?.status).to.equal('succeeded');
    held.open('done');
  });
});
