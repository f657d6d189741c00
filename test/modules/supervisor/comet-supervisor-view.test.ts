import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/supervisor/comet-supervisor-view.js';
import type { CometSupervisorView } from '../../../src/modules/supervisor/comet-supervisor-view.js';
import { createFutureDatabase, deleteDatabase, setUpTheme, testPlatform, uniqueName } from '../../ui/helpers.js';
import { askForClock, servicesFixture, shadowText, type ServicesFixture } from './services-fixture.js';

describe('<comet-supervisor-view>', () => {
  let f: ServicesFixture;
  let view: CometSupervisorView;

  beforeEach(async () => {
    f = await servicesFixture();
    view = await f.mount('comet-supervisor-view', html`<comet-supervisor-view .rest=${[]}></comet-supervisor-view>`);
  });
  afterEach(() => f.close());

  const page = () => view.shadowRoot!.querySelector('.content > *');
  const current = () => view.shadowRoot!.querySelector('nav a[aria-current="page"]')?.textContent?.trim();

  it('shows the checklist first, and each page at its own link with the services', async () => {
    await waitUntil(() => page()?.localName === 'comet-supervisor-checklist', 'the first page never showed');
    expect(current()).to.equal('Checklist');
    const links = [...view.shadowRoot!.querySelectorAll('nav a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal([
      '#/supervisor/checklist',
      '#/supervisor/grants',
      '#/supervisor/policies',
      '#/supervisor/approvals',
      '#/supervisor/audit',
      '#/supervisor/keys',
      '#/supervisor/capabilities',
    ]);
    for (const [path, tag] of [
      ['audit', 'comet-supervisor-audit'],
      ['keys', 'comet-supervisor-keys'],
      ['capabilities', 'comet-supervisor-capabilities'],
      ['approvals', 'comet-supervisor-approvals'],
    ] as const) {
      view.rest = [path];
      await view.updateComplete;
      const shown = page() as HTMLElementTagNameMap[typeof tag];
      expect(shown.localName).to.equal(tag);
      expect(shown.services).to.equal(f.services);
    }
    await expect(view).to.be.accessible();
  });

  it('counts the pending approvals beside "Approvals"', async () => {
    await askForClock(f.services);
    const call = f.services.host.invoke(f.agent, 'clock.now', {}).catch((e: unknown) => e);
    await waitUntil(() => shadowText(view).includes('Approvals1'), 'no count beside Approvals');
    f.services.supervisor.approvals.answer(f.services.supervisor.approvals.pending()[0].id, 'deny');
    await call;
    await waitUntil(() => !view.shadowRoot!.querySelector('nav .count'), 'the count stayed');
  });

  it('says so for a page that does not exist', async () => {
    view.rest = ['nope'];
    await view.updateComplete;
    expect(shadowText(view)).to.contain('No “nope” page');
  });
});

describe('<comet-supervisor-view> without a database', () => {
  it('explains that the supervisor cannot start, and why, with what to try', async () => {
    setUpTheme();
    const dbName = uniqueName('comet-db');
    await createFutureDatabase(dbName);
    const platform = testPlatform({ dbName });
    try {
      const provider = await fixture(
        html`<comet-test-provider .platform=${platform}
          ><comet-supervisor-view .rest=${['audit']}></comet-supervisor-view
        ></comet-test-provider>`,
      );
      const view = provider.querySelector('comet-supervisor-view')!;
      await waitUntil(() => view.shadowRoot!.querySelector('comet-database-callout'), 'no callout');
      expect(shadowText(view)).to.contain('The supervisor could not start');
      expect(shadowText(view)).to.contain('no agent action is allowed');
      const callout = view.shadowRoot!.querySelector('comet-database-callout')!;
      await callout.updateComplete;
      expect(shadowText(callout)).to.contain('Your data was saved by a newer version');
      expect(view.shadowRoot!.querySelector('comet-supervisor-audit')).to.be.null;
      await expect(view).to.be.accessible();
    } finally {
      platform.dispose();
      await platform.ready;
      await deleteDatabase(dbName);
    }
  });
});
