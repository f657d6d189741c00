import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflows-view.js';
import type { CometWorkflowsView } from '../../../src/modules/workflows/comet-workflows-view.js';
import { text, workflowFixture, type WorkflowFixture } from './workflow-fixture.js';

describe('<comet-workflows-view>', () => {
  let f: WorkflowFixture;
  let view: CometWorkflowsView;

  beforeEach(async () => {
    f = await workflowFixture();
    view = await f.mount('comet-workflows-view', html`<comet-workflows-view .rest=${[]}></comet-workflows-view>`);
  });
  afterEach(() => f.close());

  const page = () => view.shadowRoot!.querySelector('.content > *, .page.wide > *');

  it('shows loading bars until the services and the list have loaded, then the list', async () => {
    expect(view.shadowRoot!.querySelector('.loading[aria-busy="true"]')).to.exist;
    await view.pageReady();
    const list = view.shadowRoot!.querySelector('comet-workflow-list')!;
    expect(list.services).to.equal(f.services);
    expect(view.shadowRoot!.querySelector('.loading')).to.equal(null);
    await expect(view).to.be.accessible();
  });

  it("fetches each sub-page's code on its first visit only", async () => {
    await view.pageReady();
    expect(customElements.get('comet-workflow-editor'), 'the editor loaded with the list').to.equal(undefined);
    expect(customElements.get('comet-workflow-history'), 'the history loaded with the list').to.equal(undefined);
    for (const [rest, tag] of [
      [['new'], 'comet-workflow-templates'],
      [['new', 'blank'], 'comet-workflow-editor'],
      [['runs'], 'comet-workflow-history'],
    ] as const) {
      view.rest = [...rest];
      await view.pageReady();
      const shown = view.shadowRoot!.querySelector(tag)!;
      expect(shown, `${rest.join('/')} showed no ${tag}`).to.exist;
      expect(customElements.get(tag), `${tag} is not defined`).to.not.equal(undefined);
      expect(shown.services).to.equal(f.services);
    }
    // Back to a page visited before: shown at once, without the loading bars.
    view.rest = ['new'];
    await view.updateComplete;
    expect(page()?.localName).to.equal('comet-workflow-templates');
  });

  it("focuses the editor's heading after a navigation to a new workflow", async () => {
    view.rest = ['new', 'blank'];
    await view.focusHeading();
    const editor = view.shadowRoot!.querySelector('comet-workflow-editor')!;
    await waitUntil(() => editor.shadowRoot!.activeElement?.localName === 'h1', "the editor's heading has no focus");
  });

  it('says so for a page that does not exist', async () => {
    view.rest = ['nope'];
    await view.pageReady();
    expect(text(view.shadowRoot!.querySelector('.missing'))).to.contain('No “nope” page');
  });
});
