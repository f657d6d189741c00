import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-run-filters.js';
import type {
  CometWorkflowRunFilters,
  RunFilterChangeEvent,
} from '../../../src/modules/workflows/comet-workflow-run-filters.js';
import { NO_FILTER } from '../../../src/modules/workflows/run-filter.js';
import { runViewFixture, workflow, type RunViewFixture } from './run-view-fixture.js';

describe('<comet-workflow-run-filters>', () => {
  let f: RunViewFixture;
  let filters: CometWorkflowRunFilters;
  beforeEach(async () => {
    f = await runViewFixture({ 'test.echo': (input) => input });
    const id = await f.runs.start(workflow([{ id: 'a', capability: 'test.echo' }], { id: 'echo', name: 'Echo' }));
    // Let the run finish before the test closes the database under it.
    await waitUntil(async () => (await f.db.runs.get(id))?.status === 'succeeded', 'the run did not finish');
    filters = await f.mount(
      'comet-workflow-run-filters',
      html`<comet-workflow-run-filters .db=${f.db} .filter=${NO_FILTER}></comet-workflow-run-filters>`,
    );
  });
  afterEach(() => f.close());

  const select = (name: string) =>
    filters.shadowRoot!.querySelector<HTMLElement & { value: string }>(`wa-select[name="${name}"]`)!;
  const options = (name: string) => [...select(name).querySelectorAll('wa-option')].map((o) => o.textContent.trim());

  it('offers the workflows that runs name, and says the whole new filter when one is picked', async () => {
    await waitUntil(() => options('workflow').includes('echo'), 'the workflow of the run is not offered');
    expect(options('workflow')).to.deep.equal(['Any workflow', 'echo']);
    await expect(filters).to.be.accessible();

    const status = select('status');
    status.value = 'failed';
    const changed = oneEvent<RunFilterChangeEvent>(filters, 'comet-run-filter-change');
    status.dispatchEvent(new Event('change', { bubbles: true }));
    const { detail } = await changed;
    expect(detail.filter).to.deep.equal({ ...NO_FILTER, status: 'failed' });
  });

  it('clears every filter at once, and offers Clear only when something is filtered', async () => {
    const clear = () => [...filters.shadowRoot!.querySelectorAll('wa-button')].find((b) => b.textContent === 'Clear')!;
    expect(clear().disabled).to.equal(true);
    filters.filter = { ...NO_FILTER, status: 'failed', range: '24h' };
    await filters.updateComplete;
    expect(clear().disabled).to.equal(false);
    const changed = oneEvent<RunFilterChangeEvent>(filters, 'comet-run-filter-change');
    clear().click();
    const { detail } = await changed;
    expect(detail.filter).to.deep.equal(NO_FILTER);
  });
});
