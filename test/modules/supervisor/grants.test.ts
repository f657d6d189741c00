import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import { userTimeZone } from '../../../src/core/supervisor/index.js';
import '../../../src/modules/supervisor/comet-supervisor-grants.js';
import type { CometSupervisorGrantForm } from '../../../src/modules/supervisor/comet-supervisor-grant-form.js';
import type { CometSupervisorGrants } from '../../../src/modules/supervisor/comet-supervisor-grants.js';
import { readGrantDraft, emptyGrantDraft } from '../../../src/modules/supervisor/grant-draft.js';
import { supervisorServices, type SupervisorServices } from '../../../src/modules/supervisor/supervisor-services.js';
import type { Platform } from '../../../src/ui/platform.js';
import { deleteDatabase, setUpTheme, testPlatform } from '../../ui/helpers.js';

/** Monday 5 January 2026, 12:00 UTC. */
const NOW = Date.UTC(2026, 0, 5, 12);
const HOUR = 3_600_000;

/** Types into a Web Awesome input (or a native one) as a person would. */
function type(input: Element, value: string): void {
  (input as HTMLInputElement).value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The Web Awesome input labelled `label` inside `root`. */
function inputLabelled(root: ParentNode, label: string): HTMLElement {
  const found = [...root.querySelectorAll('wa-input')].find((i) => i.getAttribute('label') === label);
  if (!found) throw new Error(`no input labelled ${label}`);
  return found;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<comet-supervisor-grants>', () => {
  let platform: Platform;
  let services: SupervisorServices;
  let clock: ManualClock;

  before(setUpTheme);
  beforeEach(async () => {
    platform = testPlatform();
    await platform.ready;
    clock = new ManualClock(NOW);
    services = await supervisorServices(platform, { clock });
  });
  afterEach(async () => {
    services.dispose();
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  async function page(): Promise<CometSupervisorGrants> {
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}
        ><comet-supervisor-grants .services=${services}></comet-supervisor-grants
      ></comet-test-provider>`,
    );
    const el = provider.querySelector('comet-supervisor-grants')!;
    await el.updateComplete;
    return el;
  }

  it('groups grants by principal, each a sentence with its state now', async () => {
    const { grants } = services.supervisor;
    await grants.add({ principal: 'workflow:digest', scope: 'net:https://api.example.com/*' });
    await grants.add({ principal: 'workflow:digest', scope: 'memory:read', validUntil: NOW - HOUR });
    await grants.add({ principal: 'agent:*', scope: 'kv:read', validFrom: NOW + HOUR });
    await grants.add({
      principal: 'agent:*',
      scope: 'clock:read',
      windows: [{ days: ['sat', 'sun'], start: '10:00', end: '12:00' }],
      timeZone: 'UTC',
    });
    const oneShot = await grants.add({ principal: 'plugin:csv', scope: 'log:write', oneShot: true });
    await grants.putAll([{ ...oneShot, consumedAt: NOW - 1000 }]);
    const el = await page();
    const root = el.shadowRoot!;

    const groups = [...root.querySelectorAll('section.group')].map((g) => text(g.querySelector('h3')));
    expect(groups).to.deep.equal(['plugin:csv', 'workflow:digest', 'agent:*', 'module:console']);
    const rows = [...root.querySelectorAll('li.grant')].map((li) => ({
      sentence: text(li.querySelector('.sentence')),
      state: text(li.querySelector('.chip')),
    }));
    expect(rows).to.deep.include({
      sentence: 'workflow:digest may use net:https://api.example.com/*',
      state: 'Active',
    });
    expect(rows.find((r) => r.sentence.startsWith('workflow:digest may use memory:read'))!.state).to.equal('Expired');
    expect(rows.find((r) => r.sentence.startsWith('agent:* may use kv:read'))!.state).to.equal('Not yet valid');
    expect(
      rows.find((r) => r.sentence.startsWith('agent:* may use clock:read, Sat, Sun 10:00–12:00 (UTC)'))!.state,
    ).to.equal('Outside window');
    expect(rows.find((r) => r.sentence.startsWith('plugin:csv'))).to.deep.equal({
      sentence: 'plugin:csv may use log:write, once (used)',
      state: 'Used',
    });
    expect(text(root.querySelector('section.group:last-of-type .none'))).to.equal(
      'No grants: every call of module:console is denied.',
    );
    await expect(el).to.be.accessible();
  });

  it('adds a grant through the form, with a weekly window in the user’s time zone', async () => {
    const el = await page();
    [...el.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === 'Add grant')!.click();
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector<CometSupervisorGrantForm>('comet-supervisor-grant-form')!;
    await form.updateComplete;
    const root = form.shadowRoot!;

    [...root.querySelectorAll<HTMLButtonElement>('.suggestions .pill')].find((b) => text(b) === 'workflow:*')!.click();
    type(inputLabelled(root, 'Scope'), 'net:https://api.example.com/v1/*');
    await form.updateComplete;
    const conditions = root.querySelector('comet-supervisor-grant-conditions')!;
    await conditions.updateComplete;
    [...conditions.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === 'Add condition')!.click();
    await form.updateComplete;
    await conditions.updateComplete;
    type(inputLabelled(conditions.shadowRoot!, 'Input path'), 'method');
    type(inputLabelled(conditions.shadowRoot!, 'Value'), 'GET');
    const windows = root.querySelector('comet-supervisor-grant-windows')!;
    await windows.updateComplete;
    [...windows.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === 'Add window')!.click();
    await form.updateComplete;
    await windows.updateComplete;
    expect(text(root.querySelector('.preview'))).to.equal(
      `Reads as workflow:* may use net:https://api.example.com/v1/*, when method is GET, Mon–Fri 09:00–18:00 (${userTimeZone()})`,
    );
    await expect(el).to.be.accessible();

    const added = new Promise((resolve) => form.addEventListener('comet-grant-added', resolve, { once: true }));
    [...root.querySelectorAll('wa-button')].find((b) => text(b) === 'Add grant')!.click();
    await waitUntil(() => services.supervisor.grants.list().length === 1, 'the grant was never added');
    const [grant] = services.supervisor.grants.list();
    expect(grant).to.include({
      principal: 'workflow:*',
      scope: 'net:https://api.example.com/v1/*',
      timeZone: userTimeZone(),
    });
    expect(grant.conditions).to.deep.equal([{ path: 'method', op: 'equals', value: 'GET' }]);
    expect(grant.windows).to.deep.equal([{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }]);
    await added;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('comet-supervisor-grant-form')).to.equal(null);
  });

  it('says what is wrong with a scope as it is typed, and saves nothing on a bad form', async () => {
    const el = await page();
    el.adding = true;
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector('comet-supervisor-grant-form')!;
    await form.updateComplete;
    const scope = inputLabelled(form.shadowRoot!, 'Scope');
    type(scope, 'files:read');
    await form.updateComplete;
    expect(text(scope.querySelector('.field-error'))).to.contain(
      '"files:read" is not a known permission scope: its kind "files" is not one of net, memory',
    );
    type(inputLabelled(form.shadowRoot!, 'Principal'), 'workflow');
    form.change({ expiresAfter: '-2' });
    await form.updateComplete;
    expect(text(inputLabelled(form.shadowRoot!, 'Principal').querySelector('.field-error'))).to.equal(
      'a principal id is kind:name, e.g. workflow:daily-digest',
    );
    expect(text(inputLabelled(form.shadowRoot!, 'Expires after').querySelector('.field-error'))).to.equal(
      'must be a positive number',
    );
    await expect(el).to.be.accessible();

    [...form.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === 'Add grant')!.click();
    await form.updateComplete;
    expect(services.supervisor.grants.list()).to.deep.equal([]);
  });

  it('revokes a grant at once, and Undo in the toast puts it back unchanged', async () => {
    const original = await services.supervisor.grants.add({ principal: 'agent:*', scope: 'memory:read' });
    const el = await page();
    [...el.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b).startsWith('Revoke'))!.click();
    await waitUntil(() => services.supervisor.grants.list().length === 0, 'the grant was never revoked');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('li.grant')).to.equal(null);

    const toast = platform.toasts.items.find((t) => t.title === 'Grant revoked')!;
    expect(toast.message).to.equal('agent:* may use memory:read');
    toast.action!.run();
    await waitUntil(() => services.supervisor.grants.list().length === 1, 'Undo never restored the grant');
    expect(services.supervisor.grants.list()[0]).to.deep.equal(original);
  });
});

describe('grant drafts', () => {
  it('reads condition values as JSON where they are JSON, else as text', () => {
    const draft = {
      ...emptyGrantDraft(),
      principal: 'agent:*',
      scope: 'kv:read',
      conditions: [
        { path: 'method', op: 'equals' as const, value: 'GET' },
        { path: 'retries', op: 'atMost' as const, value: '3' },
        { path: 'method', op: 'oneOf' as const, value: 'GET, HEAD' },
      ],
    };
    expect(readGrantDraft(draft).grant.conditions).to.deep.equal([
      { path: 'method', op: 'equals', value: 'GET' },
      { path: 'retries', op: 'atMost', value: 3 },
      { path: 'method', op: 'oneOf', value: ['GET', 'HEAD'] },
    ]);
  });

  it('locates a window with no days and a time zone the browser does not know', () => {
    const { problems } = readGrantDraft({
      ...emptyGrantDraft(),
      principal: 'agent:*',
      scope: 'kv:read',
      windows: [{ days: [], start: '09:00', end: '09:00' }],
      timeZone: 'Mars/Olympus',
    });
    expect(problems.map((p) => p.path)).to.deep.equal(['timeZone', 'windows[0].days', 'windows[0].end']);
  });
});
