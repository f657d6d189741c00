import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-list.js';
import type { CometWorkflowList } from '../../../src/modules/workflows/comet-workflow-list.js';
import type { RunStartedEvent } from '../../../src/modules/workflows/comet-workflow-run-dialog.js';
import { press, text, workflowFixture, type WorkflowFixture } from './workflow-fixture.js';

describe('<comet-workflow-list>', () => {
  let f: WorkflowFixture;
  let hash: string;

  beforeEach(async () => {
    hash = location.hash;
    f = await workflowFixture();
  });
  afterEach(async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    await f.close();
  });

  const mount = () =>
    f.mount('comet-workflow-list', html`<comet-workflow-list .services=${f.services}></comet-workflow-list>`);
  const names = (list: CometWorkflowList) =>
    [...list.shadowRoot!.querySelectorAll('.workflow .name')].map((a) => text(a));

  it('says how to start when there is no workflow yet', async () => {
    const list = await mount();
    await waitUntil(() => list.shadowRoot!.querySelector('.empty-state'), 'the empty state never showed');
    expect(text(list.shadowRoot!.querySelector('.empty-state h3'))).to.equal('No workflows yet');
    const links = [...list.shadowRoot!.querySelectorAll('.empty-state wa-button')].map((b) => [
      text(b),
      b.getAttribute('href'),
    ]);
    expect(links).to.deep.equal([
      ['Browse templates', '#/workflows/new'],
      ['Start blank', '#/workflows/new/blank'],
    ]);
    await expect(list).to.be.accessible();
  });

  it('lists workflows newest change first, and deletes one with an Undo that brings it back', async () => {
    await f.services.store.save({
      id: 'morning',
      name: 'Morning digest',
      description: 'Collects the news',
      triggers: [{ type: 'schedule', cron: '0 9 * * 1-5', timezone: 'Pacific/Auckland' }],
      steps: [
        { id: 'now', capability: 'clock.now' },
        { id: 'log', capability: 'log.write', input: { message: 'at {{steps.now.output.iso}}' } },
      ],
    });
    f.clock.advance(1000);
    await f.services.store.save({ id: 'ping', name: 'Ping', steps: [{ id: 'now', capability: 'clock.now' }] });
    const list = await mount();
    await waitUntil(() => names(list).length === 2, 'the list never showed both workflows');
    expect(names(list)).to.deep.equal(['Ping', 'Morning digest']);
    const morning = list.shadowRoot!.querySelectorAll('.workflow')[1];
    expect(text(morning.querySelector('.facts'))).to.match(
      /^2 steps At 09:00, Monday through Friday \(Pacific\/Auckland\) Changed /,
    );
    await expect(list).to.be.accessible();

    const remove = [...morning.querySelectorAll('button')].find((b) => text(b) === 'Delete Morning digest')!;
    remove.click();
    await waitUntil(() => names(list).length === 1, 'the workflow was never removed from the list');
    expect(await f.services.store.get('morning')).to.equal(undefined);

    const toast = f.platform.toasts.items.find((t) => t.title === 'Workflow deleted')!;
    expect(toast.action?.label).to.equal('Undo');
    toast.action!.run();
    await waitUntil(() => names(list).length === 2, 'Undo never brought the workflow back');
    expect(names(list)).to.deep.equal(['Ping', 'Morning digest']);
  });

  it('runs a workflow from its row: Enter in the run dialog starts it and opens the run', async () => {
    await f.services.store.save({ id: 'ping', name: 'Ping', steps: [{ id: 'now', capability: 'clock.now' }] });
    const list = await mount();
    await waitUntil(() => names(list).length === 1, 'the list never showed the workflow');
    [...list.shadowRoot!.querySelectorAll<HTMLElement>('.workflow wa-button')]
      .find((b) => text(b) === 'Run Ping')!
      .click();
    const dialog = list.shadowRoot!.querySelector('comet-workflow-run-dialog')!;
    const wa = dialog.shadowRoot!.querySelector('wa-dialog')!;
    await waitUntil(() => wa.open, 'the run dialog never opened');
    await dialog.updateComplete;
    expect(wa.label).to.equal('Run “Ping”');
    expect(text(dialog.shadowRoot!.querySelector('#inputs-title + p'))).to.equal(
      'This workflow takes no inputs: every run is the same.',
    );

    const started = oneEvent<RunStartedEvent>(dialog, 'comet-run-started');
    press(wa, 'Enter');
    const { runId } = (await started).detail;
    expect(location.hash).to.equal(`#/workflows/run/${runId}`);
    expect((await f.services.runs.waitFor(runId)).status).to.equal('succeeded');
  });
});
