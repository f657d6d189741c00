import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { errorMessage, isCometError } from '../../core/errors.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import './comet-workflow-add-step.js';
import type { CometWorkflowAddStep, StepAddEvent } from './comet-workflow-add-step.js';
import './comet-workflow-dag.js';
import type { StepSelectEvent } from './comet-workflow-dag.js';
import './comet-workflow-grants.js';
import './comet-workflow-json.js';
import type { CometWorkflowJson, JsonChangeEvent, JsonProblem } from './comet-workflow-json.js';
import './comet-workflow-run-dialog.js';
import type { CometWorkflowRunDialog } from './comet-workflow-run-dialog.js';
import './comet-workflow-settings.js';
import type { DefinitionPatchEvent } from './comet-workflow-settings.js';
import './comet-workflow-step.js';
import type { StepChangeEvent, StepIndexEvent, StepMoveEvent } from './comet-workflow-step.js';
import { editorStyles } from './comet-workflow-editor.styles.js';
import {
  blankWorkflow,
  draftOf,
  dropDraft,
  isDefinition,
  keepDraft,
  move,
  newStep,
  patchDefinition,
  stepIndexOf,
  stepsOf,
  withSteps,
  workflowText,
} from './editor-draft.js';
import { findField, focusField, settle } from './field-focus.js';
import { triggerSummary } from './trigger-text.js';
import type { WorkflowDefinition, WorkflowProblem } from './model/types.js';
import { parseJsonText, type JsonSyntaxError } from './services/json-text.js';
import type { WorkflowServices } from './services/workflow-services.js';
import { workflowStyles } from './workflow-styles.js';

/**
 * The workflow editor. Left: the workflow's settings, its steps as forms (add, configure, reorder, remove) and the
 * grants it needs. Right: the step graph and the JSON, both following every change; JSON edits flow back into the
 * forms. Problems are listed with their place (choosing one focuses its field, or selects it in the JSON) and block
 * saving. Ctrl/Cmd+S saves; Run (Ctrl/Cmd+Enter) opens the run dialog, which saves first or runs the draft. Unsaved
 * changes survive leaving the editor until the page reloads.
 * @summary The workflow editor.
 */
@customElement('comet-workflow-editor')
export class CometWorkflowEditor extends LitElement {
  static override styles = [baseStyles, viewStyles, workflowStyles, editorStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The views' services (set by <comet-workflows-view>). */
  @property({ attribute: false }) accessor services: WorkflowServices | undefined;
  /** The saved workflow to edit; undefined for a new, blank one. */
  @property() accessor workflowId: string | undefined;

  /** What the JSON says (validated and saved as it is). */
  @state() accessor document: unknown;
  /** What the forms show: the document, or the last object it was while the JSON says something else. */
  @state() accessor definition: WorkflowDefinition | undefined;
  @state() accessor text = '';
  @state() accessor syntax: JsonSyntaxError | undefined;
  /** The document as last saved or loaded (JSON), for "Unsaved changes". */
  @state() accessor savedJson: string | undefined;
  @state() accessor expanded: ReadonlySet<number> = new Set();
  /** Whether the workflow's settings are open (undefined: open for a new or empty workflow). */
  @state() accessor settingsOpen: boolean | undefined;
  @state() accessor selected: string | undefined;
  @state() accessor status: 'loading' | 'ready' | 'missing' | 'failed' = 'loading';
  @state() accessor loadError = '';
  @state() accessor saving = false;
  @state() accessor message: { kind: 'error' | 'restored'; text: string } | undefined;

  @query('comet-workflow-json') accessor jsonView: CometWorkflowJson | null = null;
  @query('comet-workflow-run-dialog') accessor runDialog: CometWorkflowRunDialog | null = null;
  @query('comet-workflow-add-step') accessor addStep: CometWorkflowAddStep | null = null;

  #problems: { for: unknown; list: WorkflowProblem[] } | undefined;
  #loadedFor: unknown;
  /** The workflow being opened, so that focusHeading() can wait for the heading that names it. */
  #loading: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKeydown);
    if (this.status === 'ready' && this.dirty) keepDraft(this.#draftKey(), this.text);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = `${this.workflowId ?? ''}`;
    const sameDocument =
      this.workflowId !== undefined && isDefinition(this.document) && this.document.id === this.workflowId;
    if ((changed.has('services') || changed.has('workflowId')) && this.services && this.#loadedFor !== key) {
      this.#loadedFor = key;
      // A new workflow just saved is opened at its own link: it is the same document, nothing to load.
      if (!sameDocument) this.#loading = this.#load();
    }
  }

  /** True when the document differs from what was saved or loaded. */
  get dirty(): boolean {
    return this.savedJson === undefined || JSON.stringify(this.document) !== this.savedJson;
  }

  /** Every problem: the JSON's syntax first, else the workflow's located problems. */
  get problems(): JsonProblem[] {
    if (this.syntax)
      return [
        {
          path: '',
          kind: 'syntax',
          message: `Not JSON at line ${this.syntax.line}, column ${this.syntax.column}: ${this.syntax.message}`,
          offset: this.syntax.offset,
          length: this.syntax.length,
        },
      ];
    const store = this.services?.store;
    if (!store) return [];
    const cached = this.#problems;
    if (cached && cached.for === this.document) return cached.list;
    const list = store.problems(this.document);
    this.#problems = { for: this.document, list };
    return list;
  }

  /** Focuses the editor's heading (after a navigation). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await this.#loading;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  override render() {
    if (this.status === 'loading') return html`<p class="meta" aria-busy="true">Opening the workflow…</p>`;
    if (this.status === 'missing')
      return html`<section class="panel notice">
        <h1 tabindex="-1">No workflow “${this.workflowId}”</h1>
        <p>It may have been deleted, or the link is wrong.</p>
        <wa-button size="s" variant="brand" href=${href('workflows')}>Show your workflows</wa-button>
      </section>`;
    if (this.status === 'failed')
      return html`<section class="panel notice" role="alert">
        <h1 tabindex="-1">The workflow could not be opened</h1>
        <p>${this.loadError}</p>
      </section>`;
    const definition = this.definition!;
    const problems = this.problems;
    return html`
      ${this.#renderHeader(definition, problems)}
      <div class="columns">
        <div class="left">
          ${this.#renderMessage()} ${problems.length ? this.#renderProblems(problems) : nothing}
          ${this.#renderSettings(definition, problems)} ${this.#renderSteps(definition, problems)}
          <section class="panel" aria-labelledby="grants-title">
            <div class="panel-header"><h2 id="grants-title">Grants needed</h2></div>
            <div class="panel-body">
              <comet-workflow-grants
                .definition=${definition}
                .supervisor=${this.services?.supervisor}
              ></comet-workflow-grants>
            </div>
          </section>
        </div>
        <div class="right">
          <section class="panel" aria-labelledby="graph-title">
            <div class="panel-header">
              <h2 id="graph-title">Graph</h2>
              <span class="meta">Arrows point from a step to what waits for it</span>
            </div>
            <comet-workflow-dag
              .definition=${definition}
              .selected=${this.selected}
              .problemSteps=${problemSteps(definition, problems)}
              @comet-step-select=${(e: StepSelectEvent) => void this.openStep(e.detail.stepId)}
            ></comet-workflow-dag>
          </section>
          <section class="panel" aria-labelledby="json-title">
            <div class="panel-header">
              <h2 id="json-title">JSON</h2>
              <span class="meta">Edit here or in the forms</span>
            </div>
            <div class="panel-body">
              <comet-workflow-json
                .text=${this.text}
                .problems=${problems}
                @comet-json-change=${(e: JsonChangeEvent) => this.#editText(e.detail.text)}
              ></comet-workflow-json>
            </div>
          </section>
        </div>
      </div>
      <comet-workflow-run-dialog
        .services=${this.services}
        .definition=${problems.length || !isDefinition(this.document) ? undefined : this.document}
        ?unsaved=${this.dirty}
        .save=${this.#saveForRun}
      ></comet-workflow-run-dialog>
    `;
  }

  #renderHeader(definition: WorkflowDefinition, problems: JsonProblem[]) {
    const saved = this.savedJson !== undefined;
    return html`<header class="editor-header">
      <div class="grow">
        <nav class="crumbs" aria-label="Breadcrumb">
          <a href=${href('workflows')}>Workflows</a><span aria-hidden="true">›</span>
        </nav>
        <div class="title">
          <h1 tabindex="-1">${definition.name || definition.id || 'Untitled workflow'}</h1>
          ${
            this.dirty
              ? html`<span class="chip warn" role="status">${saved ? 'Unsaved changes' : 'Not saved yet'}</span>`
              : html`<span class="chip ok" role="status">${icon('check')}Saved</span>`
          }
          ${problems.length ? html`<span class="chip bad">${problems.length} problem${problems.length === 1 ? '' : 's'}</span>` : nothing}
        </div>
      </div>
      <div class="actions">
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${problems.length > 0}
          @click=${() => void this.saveAsTemplate()}
          >Save as template</wa-button
        >
        <wa-button
          size="s"
          appearance="outlined"
          title="Run (${isMac() ? '⌘' : 'Ctrl'}+Enter)"
          aria-keyshortcuts=${isMac() ? 'Meta+Enter' : 'Control+Enter'}
          @click=${() => void this.openRun()}
          ><span slot="start">${icon('play')}</span>Run</wa-button
        >
        <wa-button
          size="s"
          variant="brand"
          ?loading=${this.saving}
          ?disabled=${!this.dirty}
          title="Save (${isMac() ? '⌘' : 'Ctrl'}+S)"
          aria-keyshortcuts=${isMac() ? 'Meta+S' : 'Control+S'}
          @click=${() => void this.save()}
          ><span slot="start">${icon('save')}</span>Save</wa-button
        >
      </div>
    </header>`;
  }

  #renderMessage() {
    const message = this.message;
    if (!message) return nothing;
    if (message.kind === 'restored')
      return html`<div class="panel message restored" role="status">
        <span>${message.text}</span>
        <wa-button size="s" appearance="plain" @click=${() => void this.discardDraft()}>Discard them</wa-button>
      </div>`;
    return html`<div class="panel message error" role="alert">${message.text}</div>`;
  }

  #renderProblems(problems: JsonProblem[]) {
    return html`<section class="panel problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        ${icon('warning')}${
          problems.length === 1
            ? '1 problem: saving and running wait until it is fixed'
            : `${problems.length} problems: saving and running wait until they are fixed`
        }
      </h2>
      <ul>
        ${problems.slice(0, 12).map(
          (p) =>
            html`<li>
              <button type="button" class="problem" @click=${() => void this.focusProblem(p)}>
                <code>${p.path || '/'}</code> ${p.message}
              </button>
            </li>`,
        )}
        ${problems.length > 12 ? html`<li class="meta">… and ${problems.length - 12} more, listed under the JSON</li>` : nothing}
      </ul>
    </section>`;
  }

  #renderSettings(definition: WorkflowDefinition, problems: JsonProblem[]) {
    const open = this.settingsOpen ?? (this.savedJson === undefined || stepsOf(definition).length === 0);
    // '/steps' (no steps yet) belongs to the step list, which says so itself.
    const own = problems.filter(
      (p) => stepIndexOf(p.path) === undefined && p.kind !== 'syntax' && p.path !== '/steps',
    ).length;
    return html`<section class="panel" aria-labelledby="settings-title">
      <div class="panel-header">
        <h2 id="settings-title">
          <button
            type="button"
            class="disclosure"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="settings-body"
            @click=${() => (this.settingsOpen = !open)}
          >
            <span class="chevron" aria-hidden="true">${icon('chevron-right')}</span>Workflow
          </button>
        </h2>
        ${open ? nothing : html`<span class="meta summary">${settingsSummary(definition)}</span>`}
        ${own ? html`<span class="chip bad">${own} problem${own === 1 ? '' : 's'}</span>` : nothing}
      </div>
      ${
        open
          ? html`<div class="panel-body" id="settings-body">
              <comet-workflow-settings
                .definition=${definition}
                ?saved=${this.savedJson !== undefined}
                .problems=${problems}
                .now=${this.services?.supervisor.clock.now() ?? Date.now()}
                @comet-definition-patch=${(e: DefinitionPatchEvent) => this.#edit(patchDefinition(definition, e.detail))}
              ></comet-workflow-settings>
            </div>`
          : nothing
      }
    </section>`;
  }

  #renderSteps(definition: WorkflowDefinition, problems: JsonProblem[]) {
    const steps = stepsOf(definition);
    return html`<section class="panel" aria-labelledby="steps-title">
      <div class="panel-header">
        <h2 id="steps-title">Steps</h2>
        <span class="chip">${steps.length}</span>
      </div>
      <div class="panel-body steps">
        ${
          steps.length
            ? html`<ol class="step-list">
                ${steps.map(
                  (step, index) =>
                    html`<li>
                      <comet-workflow-step
                        data-index=${index}
                        .step=${step}
                        .index=${index}
                        .definition=${definition}
                        .capabilities=${this.services?.supervisor.capabilities}
                        .problems=${problems}
                        ?expanded=${this.expanded.has(index)}
                        @comet-step-change=${this.#stepChanged}
                        @comet-step-remove=${this.#stepRemoved}
                        @comet-step-move=${this.#stepMoved}
                        @comet-step-toggle=${this.#stepToggled}
                      ></comet-workflow-step>
                    </li>`,
                )}
              </ol>`
            : html`<div class="empty first-step">
                <span class="big-glyph" aria-hidden="true">${icon('workflow')}</span>
                <strong>No steps yet</strong>
                <p>
                  A workflow needs at least one step: pick what it calls, then fill in its input. Steps that wait for
                  nothing run in parallel.
                </p>
              </div>`
        }
        <comet-workflow-add-step
          class=${steps.length ? '' : 'first'}
          label=${steps.length ? 'Add step' : 'Add a first step…'}
          ?primary=${steps.length === 0}
          .capabilities=${this.services?.supervisor.capabilities}
          @comet-step-add=${this.#stepAdded}
        ></comet-workflow-add-step>
      </div>
    </section>`;
  }

  /** Saves the document when it has no problems; a new workflow then moves to its own link. */
  async save(): Promise<boolean> {
    const store = this.services?.store;
    if (!store || this.saving) return false;
    const problems = this.problems;
    if (problems.length) {
      this.message = {
        kind: 'error',
        text: `Not saved: fix the ${problems.length} problem${problems.length === 1 ? '' : 's'} first.`,
      };
      return false;
    }
    this.saving = true;
    try {
      const saved = await store.save(this.document as WorkflowDefinition);
      const wasNew = this.workflowId === undefined || this.workflowId !== saved.id;
      dropDraft(this.#draftKey());
      this.savedJson = JSON.stringify(this.document);
      this.message = undefined;
      this.platform?.toasts.show({ variant: 'success', title: 'Workflow saved', message: saved.name || saved.id });
      if (wasNew) {
        this.#loadedFor = saved.id;
        location.hash = href(`workflows/edit/${encodeURIComponent(saved.id)}`);
      }
      return true;
    } catch (error) {
      const list = isCometError(error, 'workflow-invalid') ? (error.details.problems as WorkflowProblem[]) : undefined;
      this.message = {
        kind: 'error',
        text: list?.length ? `Not saved: ${list.length} problem(s).` : `Not saved: ${errorMessage(error)}`,
      };
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** Saves the document as one of the user's templates. */
  async saveAsTemplate(): Promise<void> {
    try {
      await this.services?.store.saveAsTemplate(this.document as WorkflowDefinition);
      this.platform?.toasts.show({
        variant: 'success',
        title: 'Saved as a template',
        message: 'It is listed under “New from a template”.',
      });
    } catch (error) {
      this.platform?.toasts.error(error, 'The template was not saved');
    }
  }

  /**
   * Opens the run dialog for the workflow as the editor has it (unsaved changes are saved first, or run as a draft);
   * a workflow with problems cannot run, and the message says so.
   */
  async openRun(): Promise<void> {
    if (this.status !== 'ready') return;
    const problems = this.problems;
    if (problems.length) {
      this.message = {
        kind: 'error',
        text: `Not run: fix the ${problems.length} problem${problems.length === 1 ? '' : 's'} first.`,
      };
      return;
    }
    this.message = this.message?.kind === 'restored' ? this.message : undefined;
    await this.updateComplete;
    this.runDialog?.show();
  }

  /** Throws away unsaved changes restored from an earlier visit. */
  async discardDraft(): Promise<void> {
    dropDraft(this.#draftKey());
    this.message = undefined;
    this.#loadedFor = undefined;
    await this.#load(false);
  }

  /** Opens a step's form, scrolls to it and highlights it in the graph. */
  async openStep(stepId: string): Promise<void> {
    const index = stepsOf(this.definition!).findIndex((s) => s?.id === stepId);
    if (index < 0) return;
    this.expanded = new Set([...this.expanded, index]);
    this.selected = stepId;
    await this.updateComplete;
    const step = this.renderRoot.querySelector<HTMLElement>(`comet-workflow-step[data-index="${index}"]`);
    step?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    step?.shadowRoot?.querySelector<HTMLElement>('.toggle')?.focus({ preventScroll: true });
  }

  /** Focuses the form field a problem names (opening its step), or selects its place in the JSON. */
  async focusProblem(problem: JsonProblem): Promise<void> {
    if (problem.path === '/steps' && stepsOf(this.definition!).length === 0) return this.addStep?.show();
    const index = stepIndexOf(problem.path);
    if (index === undefined && problem.kind !== 'syntax') this.settingsOpen = true;
    if (index !== undefined && index < stepsOf(this.definition!).length) {
      this.expanded = new Set([...this.expanded, index]);
      this.selected = stepsOf(this.definition!)[index]?.id;
    }
    await this.updateComplete;
    await settle(this.renderRoot);
    const field = problem.kind === 'syntax' ? undefined : findField(this.renderRoot, problem.path);
    if (field) {
      field.scrollIntoView({ block: 'center' });
      focusField(field);
    } else this.jsonView?.select(problem);
  }

  async #load(restore = true): Promise<void> {
    const store = this.services?.store;
    if (!store) return;
    this.status = 'loading';
    this.expanded = new Set();
    this.settingsOpen = undefined;
    this.message = undefined;
    try {
      const id = this.workflowId;
      const saved = id === undefined ? undefined : await store.get(id);
      if (id !== undefined && !saved) {
        this.status = 'missing';
        return;
      }
      const start = saved ?? blankWorkflow(await store.freeId('untitled'));
      this.savedJson = saved ? JSON.stringify(saved) : undefined;
      this.#setDocument(start);
      const draft = restore ? draftOf(this.#draftKey()) : undefined;
      if (draft !== undefined && draft !== this.text) {
        this.#editText(draft);
        this.message = { kind: 'restored', text: 'Your unsaved changes from before are back.' };
      }
      if (!saved && !stepsOf(start).length) this.expanded = new Set();
      this.status = 'ready';
    } catch (error) {
      this.loadError = errorMessage(error);
      this.status = 'failed';
    }
  }

  /** Unsaved drafts are kept per database and workflow ('' for a new one). */
  #draftKey(): string {
    return `${this.platform?.dbName ?? ''}/${this.workflowId ?? ''}`;
  }

  /** A form changed the workflow: the JSON is rewritten from it. */
  #edit(definition: WorkflowDefinition): void {
    this.#setDocument(definition);
    this.message = this.message?.kind === 'restored' ? this.message : undefined;
  }

  #setDocument(document: WorkflowDefinition): void {
    this.document = document;
    this.definition = document;
    this.text = workflowText(document);
    this.syntax = undefined;
  }

  /** The JSON was typed: the forms follow when it parses (and is an object). */
  #editText(text: string): void {
    this.text = text;
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      this.syntax = parsed.error;
      return;
    }
    this.syntax = undefined;
    this.document = parsed.value;
    if (isDefinition(parsed.value)) this.definition = parsed.value;
  }

  #stepChanged = (event: StepChangeEvent) => {
    const steps = stepsOf(this.definition!).map((s, i) => (i === event.detail.index ? event.detail.step : s));
    this.#edit(withSteps(this.definition!, steps));
  };

  #stepRemoved = (event: StepIndexEvent) => {
    const { index } = event.detail;
    this.#edit(
      withSteps(
        this.definition!,
        stepsOf(this.definition!).filter((_, i) => i !== index),
      ),
    );
    this.expanded = new Set([...this.expanded].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i)));
  };

  #stepMoved = (event: StepMoveEvent) => {
    const { index, to } = event.detail;
    const steps = stepsOf(this.definition!);
    if (to < 0 || to >= steps.length) return;
    this.#edit(withSteps(this.definition!, move(steps, index, to)));
    const order = move([...steps.keys()], index, to);
    this.expanded = new Set(order.flatMap((old, now) => (this.expanded.has(old) ? [now] : [])));
  };

  #stepToggled = (event: StepIndexEvent) => {
    const { index } = event.detail;
    const expanded = new Set(this.expanded);
    if (expanded.has(index)) expanded.delete(index);
    else expanded.add(index);
    this.expanded = expanded;
    this.selected = stepsOf(this.definition!)[index]?.id;
  };

  #stepAdded = async (event: StepAddEvent) => {
    const definition = this.definition!;
    const step = newStep(definition, event.detail);
    this.#edit(withSteps(definition, [...stepsOf(definition), step]));
    await this.openStep(step.id);
  };

  /** Saves for the run dialog ("Save and run"). */
  #saveForRun = () => this.save();

  #onKeydown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.defaultPrevented) return;
    const key = event.key.toLowerCase();
    if ((key !== 's' && key !== 'enter') || this.status !== 'ready') return;
    event.preventDefault();
    if (key === 's') void this.save();
    else if (!this.runDialog?.open) void this.openRun();
  };
}

/** The settings in one line, for the closed panel: inputs, triggers. */
function settingsSummary(definition: WorkflowDefinition): string {
  const inputs = Object.keys((definition.inputs?.properties as object | undefined) ?? {});
  return [inputs.length ? `Inputs: ${inputs.join(', ')}` : 'No inputs', triggerSummary(definition.triggers)].join(
    ' · ',
  );
}

/** The ids of the steps that have problems. */
function problemSteps(definition: WorkflowDefinition, problems: readonly WorkflowProblem[]): ReadonlySet<string> {
  const steps = stepsOf(definition);
  const ids = new Set<string>();
  for (const p of problems) {
    const index = stepIndexOf(p.path);
    const id = index === undefined ? undefined : steps[index]?.id;
    if (id) ids.add(id);
  }
  return ids;
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-editor': CometWorkflowEditor;
  }
}
