import { expect, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EventBus } from '../../../src/core/bus.js';
import type { Clock } from '../../../src/core/clock.js';
import { isCometError, type CometError } from '../../../src/core/errors.js';
import '../../../src/modules/supervisor/comet-approval-prompt.js';
import type { CometApprovalPrompt } from '../../../src/modules/supervisor/comet-approval-prompt.js';
import { PendingApprovalsController } from '../../../src/modules/supervisor/pending-approvals.js';
import { askForClock, button, servicesFixture, shadowText, type ServicesFixture } from './services-fixture.js';

/** Mounts the prompt as the shell does: fed by a PendingApprovalsController on the platform bus. */
@customElement('test-approval-host')
class TestApprovalHost extends LitElement {
  @property({ attribute: false }) accessor bus: EventBus | undefined;
  @property({ attribute: false }) accessor clock: Clock | undefined;
  readonly approvals = new PendingApprovalsController(this, () => this.bus);
  override render() {
    return html`<comet-approval-prompt
      .pending=${this.approvals.pending}
      .clock=${this.clock!}
    ></comet-approval-prompt>`;
  }
}

describe('<comet-approval-prompt>', () => {
  let f: ServicesFixture;
  let prompt: CometApprovalPrompt;

  beforeEach(async () => {
    f = await servicesFixture();
    await askForClock(f.services, 60_000);
    const host = await f.mount(
      'test-approval-host',
      html`<test-approval-host .bus=${f.platform.bus} .clock=${f.clock}></test-approval-host>`,
    );
    prompt = host.shadowRoot!.querySelector('comet-approval-prompt')!;
  });
  afterEach(() => f.close());

  /** Starts a clock.now call and waits until its prompt shows. */
  async function ask(runId?: string): Promise<{ call: Promise<unknown> }> {
    const before = prompt.open.length;
    const call = f.services.host.invoke(f.agent, 'clock.now', {}, runId ? { runId } : {}).catch((e: unknown) => e);
    await waitUntil(() => prompt.open.length > before, 'the prompt never showed');
    await prompt.updateComplete;
    return { call }; // wrapped: an async function returning the promise itself would wait for it
  }
  const card = () => prompt.shadowRoot!.querySelector('comet-approval-card')!;

  it('shows who wants to run what, the rule and why, and a countdown; it is not a modal', async () => {
    const { call } = await ask('run-7');
    await card().updateComplete;
    const text = shadowText(card());
    expect(text).to.contain('Research agent');
    expect(text).to.contain('agent:researcher');
    expect(text).to.contain('clock.now');
    expect(text).to.contain('policy:ask-clock');
    expect(text).to.contain('run-7');
    expect(text).to.contain('Denied automatically in 1:00');
    f.clock.advance(15_000);
    await card().updateComplete;
    expect(shadowText(card())).to.contain('Denied automatically in 0:45');
    expect(prompt.shadowRoot!.querySelector('[aria-modal], dialog, wa-dialog')).to.be.null;
    expect(document.querySelector('[inert]')).to.be.null;
    await expect(prompt).to.be.accessible();
    f.services.supervisor.approvals.answer(prompt.open[0].id, 'deny');
    await call;
  });

  it('shows the input with the secrets of the vault redacted', async () => {
    const secret = 'sk-live-0123456789abcdefghij';
    await f.services.vault.add({ name: 'example', secret, hosts: ['https://api.example.com/*'] });
    await f.services.supervisor.grants.add({ principal: f.agent.id, scope: 'net:https://api.example.com/*' });
    await f.services.supervisor.policies.put({
      id: 'ask-http',
      mode: 'enforce',
      capability: 'http.request',
      rule: { kind: 'approval', timeoutMs: 60_000 },
    });
    const call = f.services.host
      .invoke(f.agent, 'http.request', { url: 'https://api.example.com/items', headers: { 'x-note': secret } })
      .catch((e: unknown) => e);
    await waitUntil(() => prompt.open.length === 1, 'the prompt never showed');
    await prompt.updateComplete;
    await card().updateComplete;
    const text = shadowText(card());
    expect(text).to.contain('https://api.example.com/items');
    expect(text).not.to.contain(secret);
    f.services.supervisor.approvals.answer(prompt.open[0].id, 'deny');
    expect(isCometError(await call, 'capability-denied')).to.be.true;
  });

  it('runs the call once "Allow once" is clicked', async () => {
    const { call } = await ask();
    button(card(), 'Allow once').click();
    const output = (await call) as { epochMs: number };
    expect(output.epochMs).to.equal(f.clock.now());
    await waitUntil(() => prompt.open.length === 0, 'the prompt stayed');
  });

  it('denies the call when "Deny" is clicked', async () => {
    const { call } = await ask();
    button(card(), 'Deny').click();
    const error = (await call) as CometError;
    expect(isCometError(error, 'capability-denied')).to.be.true;
    expect(error.message).to.contain('A person denied this call');
  });

  it('"Allow for… 15 minutes" lets the same calls through without asking, until it expires', async () => {
    const { call } = await ask();
    const trigger = card().shadowRoot!.querySelector<HTMLElement>('wa-dropdown wa-button')!;
    trigger.click();
    const item = card().shadowRoot!.querySelector<HTMLElement>('wa-dropdown-item[value="15m"]')!;
    await waitUntil(() => card().shadowRoot!.querySelector('wa-dropdown')!.open, 'the menu never opened');
    item.click();
    await call;
    const grant = f.services.supervisor.grants.list().find((g) => g.scope === 'approval:ask-clock');
    expect(grant?.validUntil).to.equal(f.clock.now() + 15 * 60_000);
    await f.services.host.invoke(f.agent, 'clock.now', {}); // no prompt: it resolves by itself
    expect(prompt.open).to.have.length(0);
  });

  it('denies the call when the countdown runs out', async () => {
    const { call } = await ask();
    f.clock.advance(60_000);
    const error = (await call) as CometError;
    expect(isCometError(error, 'capability-denied')).to.be.true;
    expect(error.message).to.contain('No one answered the approval prompt within 1 minute');
    await waitUntil(() => prompt.open.length === 0, 'the timed-out prompt stayed');
  });

  it('queues several prompts visibly, "1 of 3", and pages through them', async () => {
    const calls = [(await ask('a')).call, (await ask('b')).call, (await ask('c')).call];
    expect(shadowText(prompt)).to.contain('1 of 3');
    expect(shadowText(card())).to.contain('Run a');
    prompt.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Next request"]')!.click();
    await prompt.updateComplete;
    expect(shadowText(prompt)).to.contain('2 of 3');
    await card().updateComplete;
    expect(shadowText(card())).to.contain('Run b');
    button(card(), 'Allow once').click();
    await calls[1];
    await waitUntil(() => shadowText(prompt).includes('of 2'), 'the answered prompt stayed in the queue');
    await expect(prompt).to.be.accessible();
    for (const p of f.services.supervisor.approvals.pending()) f.services.supervisor.approvals.answer(p.id, 'deny');
    await Promise.all(calls);
  });

  it('takes keyboard focus on Alt+Shift+A, and minimises to a pill without answering', async () => {
    const { call } = await ask();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'A', code: 'KeyA', altKey: true, shiftKey: true }));
    await waitUntil(() => card().shadowRoot!.activeElement?.textContent?.includes('Allow once'), 'focus did not move');
    prompt.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Minimise"]')!.click();
    await prompt.updateComplete;
    expect(shadowText(prompt)).to.contain('1 approval waiting');
    expect(f.services.supervisor.approvals.pending()).to.have.length(1);
    f.services.supervisor.approvals.answer(f.services.supervisor.approvals.pending()[0].id, 'deny');
    await call;
  });
});

declare global {
  interface HTMLElementTagNameMap {
    'test-approval-host': TestApprovalHost;
  }
}
