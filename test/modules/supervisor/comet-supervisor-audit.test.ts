import { expect, html, waitUntil as waitUntilWithin } from '@open-wc/testing';
import type { AuditRecord } from '../../../src/core/audit/types.js';
import '../../../src/modules/supervisor/comet-supervisor-audit.js';
import type { CometSupervisorAudit } from '../../../src/modules/supervisor/comet-supervisor-audit.js';
import {
  button,
  ignoreResizeObserverLoop,
  nextDownload,
  servicesFixture,
  shadowText,
  type ServicesFixture,
} from './services-fixture.js';

/** `n` audit records: every tenth denied, principals alternating. */
function records(n: number, start: number): AuditRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    time: start + i * 1000,
    principal: i % 2 ? 'agent:even' : 'agent:odd',
    capability: i % 3 ? 'clock.now' : 'log.write',
    verdict: i % 10 === 0 ? 'deny' : 'allow',
    rule: i % 10 === 0 ? 'default-deny' : 'grant:g1',
    reason: i % 10 === 0 ? 'No grant' : `Allowed call number ${i}`,
    outcome: i % 10 === 0 ? 'denied' : 'ok',
    input: { n: i },
  }));
}

/** waitUntil with room for a loaded 2-core CI machine: reads from IndexedDB can take over the 1 s default there. */
const waitUntil = (predicate: () => unknown, message?: string, options: { timeout?: number } = {}): Promise<void> =>
  waitUntilWithin(predicate, message, { timeout: 10_000, ...options });

describe('<comet-supervisor-audit>', () => {
  let f: ServicesFixture;
  let page: CometSupervisorAudit;
  let stopIgnoring: () => void;
  before(() => (stopIgnoring = ignoreResizeObserverLoop()));
  after(() => stopIgnoring());

  beforeEach(async () => {
    f = await servicesFixture();
  });
  afterEach(() => f.close());

  async function mount(): Promise<void> {
    page = await f.mount(
      'comet-supervisor-audit',
      html`<comet-supervisor-audit .services=${f.services}></comet-supervisor-audit>`,
    );
  }
  const part = <K extends keyof HTMLElementTagNameMap>(tag: K) => page.shadowRoot!.querySelector(tag)!;
  const rows = () => [...part('comet-audit-table').shadowRoot!.querySelectorAll<HTMLElement>('button.row')];
  const status = () => page.shadowRoot!.querySelector('[role="status"]')!.textContent.replace(/\s+/g, ' ').trim();

  it('says the log is empty before anything was recorded', async () => {
    await mount();
    await waitUntil(() => shadowText(page).includes('The log is empty'), 'no empty state');
    await expect(page).to.be.accessible();
  });

  it('pages through 5,000 entries, rendering only the rows on screen', async () => {
    for (let i = 0; i < 10; i++) await f.services.audit.appendMany(records(500, f.clock.now() + i * 500_000));
    await mount();
    await waitUntil(() => status() === '5,000 entries', `status: ${status()}`);
    await waitUntil(() => rows().length > 5, 'no rows rendered');
    expect(rows().length).to.be.below(100, 'a virtualised table renders what is on screen, not every entry');
    expect(rows()[0].textContent).to.contain('#5000');
    // The last row is reached by paging, not by loading everything.
    const table = part('comet-audit-table');
    await table.reveal(4999);
    const seqs = () => rows().map((r) => r.querySelector('.seq')!.textContent);
    await waitUntil(() => seqs().includes('#1'), `the oldest entry never showed: ${seqs().join(' ')}`);
    await expect(page).to.be.accessible();
  });

  it('filters by verdict, principal and text', async () => {
    await f.services.audit.appendMany(records(100, f.clock.now()));
    await mount();
    await waitUntil(() => status() === '100 entries');
    const filters = part('comet-audit-filters');
    await filters.updateComplete;
    const field = (label: string) =>
      filters.shadowRoot!.querySelector<HTMLInputElement>(`wa-select[label="${label}"], wa-input[label="${label}"]`)!;
    const set = (label: string, value: string, event: 'change' | 'input') => {
      field(label).value = value;
      field(label).dispatchEvent(new Event(event, { bubbles: true }));
    };
    set('Verdict', 'deny', 'change');
    await waitUntil(() => status() === '10 entries match', `status: ${status()}`);
    set('Principal', 'agent:even', 'input');
    await waitUntil(() => status() === '0 entries match', `status: ${status()}`);
    expect(shadowText(page)).to.contain('No entry matches');
    set('Principal', '', 'input');
    set('Verdict', 'any', 'change');
    set('Search', 'number 42', 'input');
    await waitUntil(() => status() === '1 entry match', `status: ${status()}`);
    await waitUntil(() => rows().length === 1);
    expect(rows()[0].textContent).to.contain('#43');
    await expect(page).to.be.accessible();
  });

  it('shows an entry in full when its row is clicked', async () => {
    await f.services.audit.appendMany(records(3, f.clock.now()));
    await mount();
    await waitUntil(() => rows().length === 3);
    rows()[1].click();
    await page.updateComplete;
    const entry = part('comet-audit-entry');
    await entry.updateComplete;
    expect(shadowText(entry)).to.contain('Entry #2');
    expect(shadowText(entry)).to.contain('Allowed call number 1');
    expect(rows()[1].getAttribute('aria-pressed')).to.equal('true');
    await expect(page).to.be.accessible();
  });

  it('verifies an intact chain, with its count and head', async () => {
    await f.services.audit.appendMany(records(50, f.clock.now()));
    await mount();
    const verify = part('comet-audit-verify');
    button(verify, 'Verify chain').click();
    await waitUntil(() => shadowText(verify).includes('The chain is intact'), 'verification never finished');
    expect(shadowText(verify)).to.contain('50 entries verified');
    await expect(page).to.be.accessible();
  });

  it('names the first altered entry and shows it', async () => {
    await f.services.audit.appendMany(records(50, f.clock.now()));
    await f.platform.db!.audit.update(17, { reason: 'edited by hand' });
    await mount();
    const verify = part('comet-audit-verify');
    button(verify, 'Verify chain').click();
    await waitUntil(() => shadowText(verify).includes('Entry #17 was altered'), 'no failure named', { timeout: 5000 });
    button(verify, 'Show entry #17').click();
    await waitUntil(() => page.shadowRoot!.querySelector('comet-audit-entry'), 'the entry never opened');
    await part('comet-audit-entry').updateComplete;
    expect(shadowText(part('comet-audit-entry'))).to.contain('edited by hand');
    const marked = () =>
      rows()
        .find((r) => r.classList.contains('bad'))
        ?.querySelector('.seq')?.textContent;
    await waitUntil(
      () => marked() === '#17',
      `the row is not marked: ${rows()
        .map((r) => r.className + r.querySelector('.seq')!.textContent)
        .join()}`,
    );
  });

  it('exports the log as JSON Lines, one entry per line', async () => {
    await f.services.audit.appendMany(records(12, f.clock.now()));
    await mount();
    const clicked = nextDownload();
    button(part('comet-audit-verify'), 'Export JSON Lines').click();
    const link = await clicked;
    expect(link.download).to.match(/^comet-audit-.*\.jsonl$/);
    const lines = (await (await fetch(link.href)).text()).trim().split('\n');
    expect(lines).to.have.length(12);
    expect(JSON.parse(lines[0])).to.include({ seq: 1, principal: 'agent:odd' });
    expect(shadowText(part('comet-audit-verify'))).to.contain('node scripts/verify-audit.mjs <file>');
  });

  it('shows new entries live while the table is at the top', async () => {
    await f.services.audit.appendMany(records(5, f.clock.now()));
    await mount();
    await waitUntil(() => status() === '5 entries');
    await f.services.host.invoke(f.agent, 'clock.now', {});
    await waitUntil(() => status() === '7 entries', `status: ${status()}`);
    await waitUntil(() => rows()[0]?.textContent.includes('#7'));
  });
});
