import { expect, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/workflows/comet-workflow-editor.js';
import type { CometWorkflowDag } from '../../../src/modules/workflows/comet-workflow-dag.js';
import type { CometWorkflowEditor } from '../../../src/modules/workflows/comet-workflow-editor.js';
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

describe('<comet-workflow-editor>', () => {
  let f: WorkflowFixture;

  beforeEach(async () => {
    f = await workflowFixture();
  });
  afterEach(() => f.close());

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
});
