import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-templates.js';
import { DexieWorkflowStore } from '../../../src/modules/workflows/services/workflow-store.js';
import { text, workflowFixture, type WorkflowFixture } from './workflow-fixture.js';

describe('<comet-workflow-templates>', () => {
  let f: WorkflowFixture;
  let store: DexieWorkflowStore;
  let hash: string;

  beforeEach(async () => {
    f = await workflowFixture();
    hash = location.hash;
    // The gallery reads the templates the app serves.
    store = new DexieWorkflowStore({
      db: f.platform.db!,
      bus: f.platform.bus,
      clock: f.clock,
      capabilities: f.services.supervisor.capabilities,
      templatesUrl: '/public/workflow-templates.json',
    });
    await store.ready;
  });
  afterEach(async () => {
    history.replaceState(null, '', hash || location.pathname + location.search);
    store.dispose();
    await f.close();
  });

  it('copies a parent template with the sub-workflows it runs under a free id, and opens it', async () => {
    const parent = (await store.builtinTemplates()).find((t) => t.workflow.steps.some((s) => s.workflow))!;
    await store.save({ id: parent.workflow.id, name: 'Taken', steps: [{ id: 'now', capability: 'clock.now' }] });
    const gallery = await f.mount(
      'comet-workflow-templates',
      html`<comet-workflow-templates .services=${{ ...f.services, store }}></comet-workflow-templates>`,
    );
    await waitUntil(
      () => gallery.shadowRoot!.querySelectorAll('article.card').length > 8,
      'the templates never showed',
    );
    await expect(gallery).to.be.accessible();

    const card = [...gallery.shadowRoot!.querySelectorAll('article.card')].find(
      (c) => text(c.querySelector('h3')) === parent.workflow.name,
    )!;
    card.querySelector<HTMLElement>('.foot wa-button')!.click();
    const copyId = `${parent.workflow.id}-2`;
    await waitUntil(() => location.hash === `#/workflows/edit/${copyId}`, 'the copy was never opened');

    expect((await store.get(copyId))!.steps).to.deep.equal(parent.workflow.steps);
    const children = parent.workflow.steps.map((s) => s.workflow!).filter(Boolean);
    for (const child of children) expect(await store.get(child), child).to.not.equal(undefined);
    expect((await store.get(parent.workflow.id))!.name).to.equal('Taken');
  });
});
