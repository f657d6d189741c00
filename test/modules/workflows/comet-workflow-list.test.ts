import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-list.js';
import type { CometWorkflowList } from '../../../src/modules/workflows/comet-workflow-list.js';
import { text, workflowFixture, type WorkflowFixture } from './workflow-fixture.js';

describe('<comet-workflow-list>', () => {
  let f: WorkflowFixture;

  beforeEach(async () => {
    f = await workflowFixture();
  });
  afterEach(() => f.close());

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
});
