import { expect, html, waitUntil } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import '../../../src/modules/supervisor/comet-supervisor-approvals.js';
import type { CometSupervisorApprovals } from '../../../src/modules/supervisor/comet-supervisor-approvals.js';
import { askForClock, button, servicesFixture, shadowText, type ServicesFixture } from './services-fixture.js';

describe('<comet-supervisor-approvals>', () => {
  let f: ServicesFixture;
  let page: CometSupervisorApprovals;

  beforeEach(async () => {
    f = await servicesFixture();
    await askForClock(f.services, 30_000);
    page = await f.mount(
      'comet-supervisor-approvals',
      html`<comet-supervisor-approvals .services=${f.services}></comet-supervisor-approvals>`,
    );
  });
  afterEach(() => f.close());

  const cards = () => [...page.shadowRoot!.querySelectorAll('comet-approval-card')];
  const recentRows = () => [...page.shadowRoot!.querySelectorAll('tbody tr')];

  it('says when nothing is waiting and nothing was answered yet', async () => {
    await waitUntil(() => shadowText(page).includes('No answers yet'), 'the recent answers never loaded');
    expect(shadowText(page)).to.contain('Nothing is waiting');
    await expect(page).to.be.accessible();
  });

  it('lists every waiting prompt and answers them from the page', async () => {
    const first = f.services.host.invoke(f.agent, 'clock.now', {}).catch((e: unknown) => e);
    const second = f.services.host.invoke(f.agent, 'clock.now', {}).catch((e: unknown) => e);
    await waitUntil(() => cards().length === 2, 'both prompts should be listed');
    expect(shadowText(page)).to.contain('2 waiting');
    await expect(page).to.be.accessible();
    await cards()[0].updateComplete;
    button(cards()[0], 'Allow once').click();
    expect(await first).to.have.property('epochMs');
    await waitUntil(() => cards().length === 1, 'the answered prompt stayed');
    await cards()[0].updateComplete;
    button(cards()[0], 'Deny').click();
    expect(isCometError(await second, 'capability-denied')).to.be.true;
  });

  it('shows recent answers from the audit log: allowed, denied and timed out', async () => {
    const allowed = f.services.host.invoke(f.agent, 'clock.now', {});
    await waitUntil(() => f.services.supervisor.approvals.pending().length === 1);
    f.services.supervisor.approvals.answer(f.services.supervisor.approvals.pending()[0].id, 'allow-once');
    await allowed;
    const timedOut = f.services.host.invoke(f.agent, 'clock.now', {}).catch((e: unknown) => e);
    await waitUntil(() => f.services.supervisor.approvals.pending().length === 1);
    f.clock.advance(30_000);
    await timedOut;
    await waitUntil(() => recentRows().length === 2, 'both answers should be listed');
    const [latest, earlier] = recentRows().map((row) => row.textContent.replace(/\s+/g, ' '));
    expect(latest).to.contain('Timed out');
    expect(earlier).to.contain('Allowed');
    expect(earlier).to.contain('agent:researcher');
    await expect(page).to.be.accessible();
  });
});
