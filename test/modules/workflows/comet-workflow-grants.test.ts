import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-grants.js';
import type { CometWorkflowGrants } from '../../../src/modules/workflows/comet-workflow-grants.js';
import type { WorkflowDefinition } from '../../../src/modules/workflows/model/types.js';
import { text, workflowFixture, type WorkflowFixture } from './workflow-fixture.js';

const workflow: WorkflowDefinition = {
  id: 'report',
  name: 'Report',
  steps: [
    { id: 'fetch', capability: 'http.request', input: { url: 'https://api.example.com/items/{{inputs.id}}' } },
    { id: 'log', capability: 'log.write', input: { message: 'fetched' } },
  ],
};

describe('<comet-workflow-grants>', () => {
  let f: WorkflowFixture;

  beforeEach(async () => {
    f = await workflowFixture();
  });
  afterEach(() => f.close());

  const rows = (el: CometWorkflowGrants) =>
    [...el.shadowRoot!.querySelectorAll('li.need')].map((li) => [
      text(li.querySelector('code')),
      text(li.querySelector('.chip')),
    ]);

  it('lists what the steps need, which of it workflow:<id> has, and grants the rest', async () => {
    const { grants } = f.services.supervisor.supervisor;
    await grants.add({ principal: 'workflow:report', scope: 'log:write' });
    const el = await f.mount(
      'comet-workflow-grants',
      html`<comet-workflow-grants
        .definition=${workflow}
        .supervisor=${f.services.supervisor}
      ></comet-workflow-grants>`,
    );
    expect(rows(el)).to.deep.equal([
      ['log:write', 'Granted'],
      ['net:https://api.example.com/*', 'Missing'],
    ]);
    await expect(el).to.be.accessible();

    [...el.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === 'Grant it')!.click();
    await waitUntil(() => rows(el)[1]?.[1] === 'Granted', 'the missing scope was never granted');
    expect(grants.forPrincipal('workflow:report').map((g) => g.scope)).to.deep.equal([
      'log:write',
      'net:https://api.example.com/*',
    ]);
    expect(text(el.shadowRoot!.querySelector('.summary'))).to.contain('All granted');
  });
});
