import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import { policyProblems, type Policy } from '../../../src/core/supervisor/index.js';
import '../../../src/modules/supervisor/comet-supervisor-policies.js';
import type { CometSupervisorPolicies } from '../../../src/modules/supervisor/comet-supervisor-policies.js';
import type { CometSupervisorPolicyCard } from '../../../src/modules/supervisor/comet-supervisor-policy-card.js';
import type { CometSupervisorPolicyEditor } from '../../../src/modules/supervisor/comet-supervisor-policy-editor.js';
import { POLICY_TEMPLATES } from '../../../src/modules/supervisor/policy-templates.js';
import { readPolicyText } from '../../../src/modules/supervisor/policy-text.js';
import { supervisorServices, type SupervisorServices } from '../../../src/modules/supervisor/supervisor-services.js';
import type { Platform } from '../../../src/ui/platform.js';
import { deleteDatabase, setUpTheme, testPlatform } from '../../ui/helpers.js';

const NOW = Date.UTC(2026, 0, 5, 12);
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

const hourly: Policy = {
  id: 'agents-hourly',
  name: 'Agents: 2 posts per hour',
  mode: 'log-only',
  principal: 'agent:*',
  capability: 'http.request',
  rule: { kind: 'count', max: 2, windowMs: 3_600_000 },
};

describe('<comet-supervisor-policies>', () => {
  let platform: Platform;
  let services: SupervisorServices;

  before(setUpTheme);
  beforeEach(async () => {
    platform = testPlatform();
    await platform.ready;
    services = await supervisorServices(platform, { clock: new ManualClock(NOW) });
  });
  afterEach(async () => {
    services.dispose();
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  async function page(): Promise<CometSupervisorPolicies> {
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}
        ><comet-supervisor-policies .services=${services}></comet-supervisor-policies
      ></comet-test-provider>`,
    );
    const el = provider.querySelector('comet-supervisor-policies')!;
    await el.updateComplete;
    return el;
  }
  const cards = (el: CometSupervisorPolicies) => [
    ...el.shadowRoot!.querySelectorAll<CometSupervisorPolicyCard>('comet-supervisor-policy-card'),
  ];
  async function editor(el: CometSupervisorPolicies): Promise<CometSupervisorPolicyEditor> {
    el.editor = {};
    await el.updateComplete;
    const found = el.shadowRoot!.querySelector('comet-supervisor-policy-editor')!;
    await found.updateComplete;
    return found;
  }
  async function typeJson(editorEl: CometSupervisorPolicyEditor, json: string): Promise<void> {
    const area = editorEl.shadowRoot!.querySelector('textarea')!;
    area.value = json;
    area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await editorEl.updateComplete;
  }

  it('shows each policy as a sentence, and what a log-only policy would have blocked', async () => {
    await services.supervisor.policies.put(hourly);
    const agent = services.principals.issue('agent', 'researcher');
    await services.supervisor.grants.add({ principal: 'agent:*', scope: 'net:https://api.example.com/*' });
    const http = { name: 'http.request', requiredScopes: () => ['net:https://api.example.com/v1'] };
    for (let i = 0; i < 3; i++) {
      const decision = services.supervisor.decide(agent, http, { url: 'https://api.example.com/v1' });
      expect(decision.verdict).to.equal('allow');
      await services.supervisor.commit(decision);
    }
    const el = await page();
    const [card] = cards(el);
    await card.updateComplete;
    const root = card.shadowRoot!;

    expect(text(root.querySelector('.sentence'))).to.equal(
      'Log only: At most 2 http.request calls per hour for principals matching agent:*',
    );
    expect(text(root.querySelector('.findings .count'))).to.equal('Would have blocked 1 call since the app was opened');
    expect(text(root.querySelector('.findings li'))).to.contain(
      'agent:researcher → http.request: would deny — 2 http.request calls in the last 1 hour reach the limit of 2',
    );
    await expect(el).to.be.accessible();
  });

  it('switches a policy from log-only to enforce, and off', async () => {
    await services.supervisor.policies.put(hourly);
    const el = await page();
    const [card] = cards(el);
    await card.updateComplete;
    const group = card.shadowRoot!.querySelector('wa-radio-group')!;
    (group as unknown as { value: string }).value = 'enforce';
    group.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitUntil(() => services.supervisor.policies.get(hourly.id)?.mode === 'enforce', 'never enforced');

    const toggle = card.shadowRoot!.querySelector('wa-switch')!;
    (toggle as unknown as { checked: boolean }).checked = false;
    toggle.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitUntil(() => services.supervisor.policies.get(hourly.id)?.enabled === false, 'never switched off');
    await el.updateComplete;
    await cards(el)[0].updateComplete;
    expect(text(cards(el)[0].shadowRoot!.querySelector('.sentence'))).to.match(/^Off: At most 2/);
  });

  it('shows a located error beside the JSON of a bad policy, and cannot save it', async () => {
    const el = await page();
    const edit = await editor(el);
    await typeJson(edit, JSON.stringify({ ...hourly, rule: { kind: 'count', max: 2, windowMs: 0 } }, null, 2));

    const problems = [...edit.shadowRoot!.querySelectorAll('ul.problems li')].map(text);
    expect(problems).to.deep.equal(['rule.windowMs: must be a positive integer (milliseconds)']);
    const add = [...edit.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === 'Add policy')!;
    expect(add.hasAttribute('disabled')).to.equal(true);
    await expect(el).to.be.accessible();

    await typeJson(edit, '{\n  "id": "x",\n  "mode": "enforce"\n  "rule": {}\n}');
    expect([...edit.shadowRoot!.querySelectorAll('ul.problems li')].map(text)).to.deep.equal([
      "line 4, column 3: is not valid JSON: Expected ',' or '}' after property value",
    ]);
    expect(services.supervisor.policies.list()).to.deep.equal([]);
  });

  it('adds a policy from a template, previewed as its sentence', async () => {
    const el = await page();
    const edit = await editor(el);
    const select = edit.shadowRoot!.querySelector('wa-select')!;
    (select as unknown as { value: string }).value = 'rate';
    select.dispatchEvent(new Event('change'));
    await edit.updateComplete;
    expect(text(edit.shadowRoot!.querySelector('aside .sentence'))).to.equal(
      'Log only: Bursts of at most 10 http.request calls with each API key, then 1 every 6 seconds, for every principal',
    );
    [...edit.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === 'Add policy')!.click();
    await waitUntil(() => services.supervisor.policies.get('key-rate'), 'the policy was never saved');
    await el.updateComplete;
    expect(el.editor).to.equal(undefined);
    expect(cards(el)).to.have.length(1);
  });

  it('imports a policy file all or nothing: a bad file lists its problems and changes nothing', async () => {
    await services.supervisor.policies.put(hourly);
    const el = await page();
    const bad = {
      format: 'comet-policies',
      version: 1,
      policies: [
        { ...hourly, id: 'first-ok', mode: 'enforce' },
        { ...hourly, id: 'second-bad', rule: { kind: 'count', max: 2, windowMs: -5 } },
      ],
    };
    await el.importText(JSON.stringify(bad), 'team.json');
    await el.updateComplete;
    const callout = el.shadowRoot!.querySelector('.import-result')!;
    expect(text(callout)).to.contain('team.json was not imported; nothing changed.');
    expect([...callout.querySelectorAll('li')].map(text)).to.deep.equal([
      'policies[1].rule.windowMs: must be a positive integer (milliseconds)',
    ]);
    expect(services.supervisor.policies.list().map((p) => p.id)).to.deep.equal(['agents-hourly']);
    await expect(el).to.be.accessible();

    const good = { ...bad, policies: [bad.policies[0], { ...hourly, id: 'second-ok' }] };
    await el.importText(JSON.stringify(good), 'team.json');
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.import-result'))).to.contain('Imported 2 policies from team.json');
    expect(services.supervisor.policies.list().map((p) => p.id)).to.deep.equal([
      'agents-hourly',
      'first-ok',
      'second-ok',
    ]);
  });

  it('deletes a policy only after confirming', async () => {
    await services.supervisor.policies.put(hourly);
    const el = await page();
    const [card] = cards(el);
    await card.updateComplete;
    [...card.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === `Delete ${hourly.id}`)!.click();
    await el.updateComplete;
    expect(el.deleting?.id).to.equal(hourly.id);
    expect(services.supervisor.policies.list()).to.have.length(1);

    const dialog = el.shadowRoot!.querySelector('wa-dialog')!;
    [...dialog.querySelectorAll('wa-button')].find((b) => text(b) === 'Delete policy')!.click();
    await waitUntil(() => services.supervisor.policies.list().length === 0, 'the policy was never deleted');
  });
});

describe('policy templates and text', () => {
  it('offers only templates the supervisor accepts', () => {
    for (const template of POLICY_TEMPLATES) expect(policyProblems(template.policy), template.title).to.deep.equal([]);
  });

  it('locates an empty text at the root', () => {
    expect(readPolicyText('').problems[0].path).to.equal('(root)');
  });
});
