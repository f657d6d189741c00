import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-editor.js';
import type { CometWorkflowDag } from '../../../src/modules/workflows/comet-workflow-dag.js';
import type { CometWorkflowEditor } from '../../../src/modules/workflows/comet-workflow-editor.js';
import type { RunStartedEvent } from '../../../src/modules/workflows/comet-workflow-run-dialog.js';
import type { CometWorkflowReferenceInput } from '../../../src/modules/workflows/comet-workflow-reference-input.js';
import type { WorkflowDefinition } from '../../../src/modules/workflows/model/types.js';
import {
  deepQuery,
  deepQueryAll,
  press,
  text,
  typeInto,
  workflowFixture,
  type WorkflowFixture,
} from './workflow-fixture.js';

/** Fetches, then logs what it fetched. */
const fetchAndLog: WorkflowDefinition = {
  id: 'fetch-and-log',
  name: 'Fetch and log',
  steps: [
    { id: 'fetch', capability: 'http.request', input: { url: 'https://api.example.com/items' } },
    { id: 'log', capability: 'log.write', input: { message: 'fetched' } },
  ],
};

/** Reads the clock, then logs the time: it runs without the network. */
const clockAndLog: WorkflowDefinition = {
  id: 'clock-and-log',
  name: 'Clock and log',
  steps: [
    { id: 'now', capability: 'clock.now' },
    { id: 'log', capability: 'log.write', input: { message: 'at {{steps.now.output.iso}}' } },
  ],
};

describe('<comet-workflow-editor>', () => {
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

  async function open(workflowId?: string): Promise<CometWorkflowEditor> {
    const editor = await f.mount(
      'comet-workflow-editor',
      html`<comet-workflow-editor .services=${f.services} .workflowId=${workflowId}></comet-workflow-editor>`,
    );
    await waitUntil(() => editor.status === 'ready', 'the editor never opened the workflow');
    await editor.updateComplete;
    return editor;
  }

  const jsonText = (editor: CometWorkflowEditor) => deepQuery<HTMLTextAreaElement>(editor.shadowRoot!, '#json')!;

  it('adds a step picked from the registry and shows it in the JSON and in the graph', async () => {
    const editor = await open();
    const picker = editor.shadowRoot!.querySelector('comet-workflow-add-step')!;
    picker.shadowRoot!.querySelector('wa-button')!.click();
    await picker.updateComplete;
    const option = [...picker.shadowRoot!.querySelectorAll('li button')].find(
      (b) => text(b.querySelector('code')) === 'clock.now',
    );
    (option as HTMLButtonElement).click();
    await editor.updateComplete;

    expect(JSON.parse(jsonText(editor).value)).to.deep.include({
      steps: [{ id: 'now', capability: 'clock.now', input: {} }],
    });
    const dag = editor.shadowRoot!.querySelector<CometWorkflowDag>('comet-workflow-dag')!;
    await waitUntil(() => dag.shadowRoot!.querySelector('g[data-step="now"]'), 'the graph never drew the step');
    expect(dag.shadowRoot!.querySelector('g[data-step="now"]')!.getAttribute('aria-label')).to.equal(
      'Step now, clock.now',
    );
    await expect(editor).to.be.accessible();
  });

  it('shows a bad JSON edit as a located problem, selects it on demand, and refuses to save', async () => {
    await f.services.store.save(fetchAndLog);
    const editor = await open('fetch-and-log');
    const textarea = jsonText(editor);
    typeInto(textarea, textarea.value.replace('"log.write"', '"log.scribble"'));
    await editor.updateComplete;

    const json = editor.shadowRoot!.querySelector('comet-workflow-json')!;
    await json.updateComplete;
    const problem = [...json.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.problem')].find((b) =>
      text(b).startsWith('/steps/1/capability'),
    );
    expect(text(problem)).to.match(/^\/steps\/1\/capability .*log\.scribble.* line \d+, column \d+$/);
    problem!.click();
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).to.equal('"log.scribble"');

    const summary = editor.shadowRoot!.querySelector<HTMLButtonElement>('.problems button.problem')!;
    expect(text(summary)).to.match(/^\/steps\/1\/capability there is no capability 'log\.scribble'/);
    summary.click();
    const step = editor.shadowRoot!.querySelectorAll('comet-workflow-step')[1];
    await waitUntil(() => step.shadowRoot?.activeElement?.id === 'capability', 'the capability field never took focus');
    expect(step.expanded).to.equal(true);

    press(window.document.body, 's', { ctrlKey: true });
    await editor.updateComplete;
    expect(text(editor.shadowRoot!.querySelector('.message.error'))).to.match(
      /^Not saved: fix the \d+ problems? first\.$/,
    );
    expect((await f.services.store.get('fetch-and-log'))!.steps[1].capability).to.equal('log.write');
    await expect(editor).to.be.accessible();
  });

  it('offers an earlier step’s output fields after "{{" and inserts the one chosen with Enter', async () => {
    await f.services.store.save(fetchAndLog);
    const editor = await open('fetch-and-log');
    const step = editor.shadowRoot!.querySelectorAll('comet-workflow-step')[1];
    step.shadowRoot!.querySelector<HTMLButtonElement>('.toggle')!.click();
    await editor.updateComplete;
    await step.updateComplete;
    const messageField = () =>
      deepQueryAll<CometWorkflowReferenceInput>(step.shadowRoot!, 'comet-workflow-reference-input').find(
        (input) => input.label === 'message',
      );
    await waitUntil(messageField, 'the step form never showed its message field');
    const field = messageField()!;
    await field.updateComplete;
    const control = field.shadowRoot!.querySelector<HTMLInputElement>('input')!;

    typeInto(control, 'Got {{steps.fetch.output.st');
    await field.updateComplete;
    const options = [...field.shadowRoot!.querySelectorAll('[role="option"]')].map((o) =>
      text(o.querySelector('code')),
    );
    expect(options[0]).to.equal('{{steps.fetch.output.status}}');
    expect(control.getAttribute('aria-expanded')).to.equal('true');
    expect(control.getAttribute('aria-activedescendant')).to.equal('option-0');
    await expect(field).to.be.accessible();

    press(control, 'Enter');
    await editor.updateComplete;
    expect(control.value).to.equal('Got {{steps.fetch.output.status}}');
    expect(control.getAttribute('aria-expanded')).to.equal('false');
    expect((JSON.parse(jsonText(editor).value) as WorkflowDefinition).steps[1].input).to.deep.equal({
      message: 'Got {{steps.fetch.output.status}}',
    });
  });

  it('asks a new workflow for its first step, and names the missing steps in words', async () => {
    const editor = await open();
    expect(text(editor.shadowRoot!.querySelector('.first-step strong'))).to.equal('No steps yet');
    const picker = editor.shadowRoot!.querySelector('comet-workflow-add-step')!;
    expect(text(picker.shadowRoot!.querySelector('wa-button'))).to.equal('Add a first step…');
    const problems = [...editor.shadowRoot!.querySelectorAll<HTMLButtonElement>('.problems button.problem')];
    expect(problems.map((p) => text(p))).to.deep.equal(['/steps Add at least one step']);
    await expect(editor).to.be.accessible();

    problems[0].click();
    await waitUntil(() => picker.open, 'choosing the problem never opened the step picker');
    await picker.updateComplete;
    expect(picker.shadowRoot!.activeElement?.tagName).to.equal('WA-INPUT');
  });

  it('runs with Ctrl+Enter: the draft as it is, or saved first', async () => {
    await f.services.store.save(clockAndLog);
    const editor = await open('clock-and-log');
    typeInto(jsonText(editor), jsonText(editor).value.replace('"Clock and log"', '"Clock and log, edited"'));
    await editor.updateComplete;
    const dialog = editor.shadowRoot!.querySelector('comet-workflow-run-dialog')!;
    const wa = dialog.shadowRoot!.querySelector('wa-dialog')!;
    const buttons = () => [...dialog.shadowRoot!.querySelectorAll('wa-button')];

    press(window.document.body, 'Enter', { ctrlKey: true });
    await waitUntil(() => wa.open, 'Ctrl+Enter never opened the run dialog');
    await dialog.updateComplete;
    expect(text(dialog.shadowRoot!.querySelector('.notice'))).to.match(/^This workflow has unsaved changes\./);
    expect(buttons().map((b) => text(b))).to.deep.equal(['Cancel', 'Run without saving', 'Save, grant and run']);
    let started = oneEvent<RunStartedEvent>(dialog, 'comet-run-started');
    buttons()
      .find((b) => text(b) === 'Run without saving')!
      .click();
    const draftRun = (await started).detail.runId;
    expect(location.hash).to.equal(`#/workflows/run/${draftRun}`);
    expect((await f.services.db.runs.get(draftRun))!.workflowName).to.equal('Clock and log, edited');
    expect((await f.services.store.get('clock-and-log'))!.name).to.equal('Clock and log');
    expect(editor.dirty).to.equal(true);
    await waitUntil(() => !wa.open, 'the run dialog stayed open');

    press(window.document.body, 'Enter', { ctrlKey: true });
    await waitUntil(() => wa.open, 'Ctrl+Enter never opened the run dialog again');
    await dialog.updateComplete;
    // The first run granted what the steps need; Enter takes the main action.
    expect(text(buttons().at(-1))).to.equal('Save and run');
    started = oneEvent<RunStartedEvent>(dialog, 'comet-run-started');
    press(wa, 'Enter');
    const savedRun = (await started).detail.runId;
    expect((await f.services.store.get('clock-and-log'))!.name).to.equal('Clock and log, edited');
    expect(editor.dirty).to.equal(false);
    expect(location.hash).to.equal(`#/workflows/run/${savedRun}`);
    for (const runId of [draftRun, savedRun])
      expect((await f.services.runs.waitFor(runId)).status).to.equal('succeeded');
  });

  it('does not open the run dialog while the workflow has problems, and says why', async () => {
    await f.services.store.save(clockAndLog);
    const editor = await open('clock-and-log');
    typeInto(jsonText(editor), jsonText(editor).value.replace('"log.write"', '"log.scribble"'));
    await editor.updateComplete;
    press(window.document.body, 'Enter', { metaKey: true });
    await editor.updateComplete;
    expect(text(editor.shadowRoot!.querySelector('.message.error'))).to.equal('Not run: fix the 1 problem first.');
    expect(editor.shadowRoot!.querySelector('comet-workflow-run-dialog')!.open).to.equal(false);
  });
});
