import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-run-dialog.js';
import type {
  CometWorkflowRunDialog,
  RunStartedEvent,
} from '../../../src/modules/workflows/comet-workflow-run-dialog.js';
import type { CometWorkflowReferenceInput } from '../../../src/modules/workflows/comet-workflow-reference-input.js';
import type { WorkflowDefinition } from '../../../src/modules/workflows/model/types.js';
import type { OrchestratorStatus } from '../../../src/modules/workflows/services/types.js';
import type { WorkflowServices } from '../../../src/modules/workflows/services/workflow-services.js';
import { deepQueryAll, press, text, typeInto, workflowFixture, type WorkflowFixture } from './workflow-fixture.js';

/** Takes a count and a title, and reads the clock. */
const report: WorkflowDefinition = {
  id: 'report',
  name: 'Report',
  inputs: {
    type: 'object',
    properties: {
      count: { type: 'integer', title: 'Row count', minimum: 1, default: 20, description: 'How many rows.' },
      title: { type: 'string', default: 'Daily' },
    },
    required: ['title'],
  },
  steps: [{ id: 'now', capability: 'clock.now' }],
};

/** Writes a log line, then runs the sub-workflow `archive`. */
const nightly: WorkflowDefinition = {
  id: 'nightly',
  name: 'Nightly',
  steps: [
    { id: 'note', capability: 'log.write', input: { message: 'starting' } },
    { id: 'archive', workflow: 'archive', needs: ['note'] },
  ],
};
const archive: WorkflowDefinition = { id: 'archive', name: 'Archive', steps: [{ id: 'now', capability: 'clock.now' }] };

describe('<comet-workflow-run-dialog>', () => {
  let f: WorkflowFixture;
  let hash: string;

  beforeEach(async () => {
    hash = location.hash;
    f = await workflowFixture();
  });
  afterEach(async () => {
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    await f.close();
  });

  async function open(definition: WorkflowDefinition, services: WorkflowServices = f.services) {
    const dialog = await f.mount(
      'comet-workflow-run-dialog',
      html`<comet-workflow-run-dialog .services=${services} .definition=${definition}></comet-workflow-run-dialog>`,
    );
    const wa = dialog.shadowRoot!.querySelector('wa-dialog')!;
    const shown = oneEvent(wa, 'wa-after-show');
    dialog.show();
    await shown; // the opening animation is over: axe sees the colours as they are
    await dialog.updateComplete;
    return dialog;
  }

  const field = (dialog: CometWorkflowRunDialog, label: string) =>
    deepQueryAll<CometWorkflowReferenceInput>(dialog.shadowRoot!, 'comet-workflow-reference-input').find(
      (input) => input.label === label,
    );
  const control = (input: CometWorkflowReferenceInput | undefined) =>
    input!.shadowRoot!.querySelector<HTMLInputElement>('input')!;
  const button = (dialog: CometWorkflowRunDialog, name: string) =>
    [...dialog.shadowRoot!.querySelectorAll('wa-button')].find((b) => text(b) === name);
  const ranTo = () => /^#\/workflows\/run\/(.+)$/.exec(location.hash)?.[1];

  it('labels the inputs by their titles and fills in their defaults; a bad one is shown at its field, and nothing starts', async () => {
    await f.services.store.save(report);
    const dialog = await open(report);
    await waitUntil(() => field(dialog, 'Row count') && field(dialog, 'title'), 'the inputs form never showed');
    expect(control(field(dialog, 'Row count')).value).to.equal('20');
    expect(control(field(dialog, 'title')).value).to.equal('Daily');
    await expect(dialog).to.be.accessible();

    typeInto(control(field(dialog, 'Row count')), 'twenty');
    press(control(field(dialog, 'Row count')), 'Enter');
    await waitUntil(() => field(dialog, 'Row count')?.error, 'the field never showed its problem');
    await field(dialog, 'Row count')!.updateComplete;
    expect(text(field(dialog, 'Row count')!.shadowRoot!.querySelector('.field-error'))).to.equal(
      'Must be integer (got string)',
    );
    expect(control(field(dialog, 'Row count')).getAttribute('aria-invalid')).to.equal('true');
    expect(text(dialog.shadowRoot!.querySelector('[role="alert"]'))).to.equal('Not started: one input needs fixing.');
    expect(await f.services.db.runs.count()).to.equal(0);
    expect(f.services.supervisor.supervisor.grants.forPrincipal('workflow:report')).to.deep.equal([]);
    expect(ranTo()).to.equal(undefined);

    // Fixing the field clears its problem; Escape closes the dialog.
    typeInto(control(field(dialog, 'Row count')), '5');
    await waitUntil(() => field(dialog, 'Row count')!.error === '', 'the fixed field kept its problem');
    press(document.body, 'Escape');
    await waitUntil(() => !dialog.open, 'Escape never closed the dialog');
  });

  it('offers the grants still needed, sub-workflow included, grants them and opens the run it started', async () => {
    await f.services.store.save(archive);
    await f.services.store.save(nightly);
    // The sub-workflow's own step needs its own grant (the parent's dialog does not give it).
    await f.services.supervisor.supervisor.grants.add({ principal: 'workflow:archive', scope: 'clock:read' });
    const dialog = await open(nightly);
    const missing = [...dialog.shadowRoot!.querySelectorAll('ul.scopes li')].map((li) => [
      text(li.querySelector('code')),
      text(li.querySelector('.steps')),
    ]);
    expect(missing).to.deep.equal([
      ['log:write', 'for note'],
      ['workflow:run:archive', 'for archive'],
    ]);
    expect(text(dialog.shadowRoot!.querySelector('.denied'))).to.contain('denied at the first step that needs one');
    expect(button(dialog, 'Grant and run')).to.exist;
    await expect(dialog).to.be.accessible();

    const started = oneEvent<RunStartedEvent>(dialog, 'comet-run-started');
    button(dialog, 'Grant and run')!.click();
    const { runId } = (await started).detail;
    expect(ranTo()).to.equal(runId);
    expect(
      f.services.supervisor.supervisor.grants
        .forPrincipal('workflow:nightly')
        .map((g) => g.scope)
        .sort(),
    ).to.deep.equal(['log:write', 'workflow:run:archive']);
    const row = await f.services.db.runs.get(runId);
    expect(row).to.include({ workflowId: 'nightly', principal: 'workflow:nightly' });
    expect(row!.origin).to.include({ trigger: 'manual', principal: f.services.supervisor.user.id });
    await waitUntil(() => !dialog.open, 'the dialog stayed open after the run started');
    // With what the dialog granted, the run gets through both steps, the sub-workflow included.
    const done = await f.services.runs.waitFor(runId);
    expect(done.status, done.error?.message).to.equal('succeeded');
  });

  it('says why the engine is unavailable, and starts nothing', async () => {
    const status: OrchestratorStatus = { role: 'unavailable', reason: 'The worker could not load' };
    const services = { ...f.services, status: { get: () => status, subscribe: () => () => {} } };
    await f.services.store.save(archive);
    const dialog = await open(archive, services as unknown as WorkflowServices);
    expect(text(dialog.shadowRoot!.querySelector('.notice.bad'))).to.match(
      /^The workflow engine is not available\. The worker could not load\. Nothing can start from this tab/,
    );
    expect((button(dialog, 'Grant and run') as HTMLElement & { disabled: boolean }).disabled).to.equal(true);
    expect(await dialog.run()).to.equal(undefined);
    expect(await f.services.db.runs.count()).to.equal(0);
    await expect(dialog).to.be.accessible();
  });
});
