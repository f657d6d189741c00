import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import { icon } from '../../ui/icons.js';
import { href } from '../../ui/router.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-schema-form.js';
import type { ValueChangeEvent } from './comet-workflow-schema-form.js';
import { runDialogStyles } from './comet-workflow-run-dialog.styles.js';
import type { WorkflowDefinition, WorkflowProblem } from './model/types.js';
import { defaultInputs, inputProblems, inputsSchema, problemsStill } from './run-inputs-form.js';
import { checkRunInputs } from './services/run-inputs.js';
import type { OrchestratorStatus } from './services/types.js';
import type { WorkflowServices } from './services/workflow-services.js';
import { grantMissing, grantNeeds, notGranted, workflowPrincipal, type GrantNeeds } from './workflow-grants.js';
import { fieldStyles, workflowStyles } from './workflow-styles.js';

/** A run was started ({ runId }); the dialog then opens its run view. */
export type RunStartedEvent = CustomEvent<{ runId: string }>;

/** How to start: the saved workflow (saving the editor's changes first), or the editor's draft as it is. */
type RunMode = 'saved' | 'draft';

/** What the engine's whereabouts mean for starting a run. */
const ENGINE_TEXT: Record<OrchestratorStatus['role'], string> = {
  leader: 'The engine runs in this tab.',
  follower: 'The engine runs in another tab of this app; it carries the run out.',
  starting: 'The engine is starting; the run waits in the queue until it is up.',
  unavailable: 'The workflow engine is not available.',
};

/**
 * The Run dialog: the workflow's inputs as a form generated from its inputs schema (defaults filled in, problems shown
 * at their fields), the grants its steps still need (granted before the run unless the person says not to — without
 * them the run is denied at the first step that needs one), and where the engine runs (nothing starts while it is
 * unavailable). A workflow with unsaved changes is saved first, or run as the draft it is. Enter runs, Escape closes;
 * a started run opens at `#/workflows/run/<runId>`.
 * @summary The dialog that starts a run.
 * @fires comet-run-started - A run was started ({ runId }).
 */
@customElement('comet-workflow-run-dialog')
export class CometWorkflowRunDialog extends LitElement {
  static override styles = [baseStyles, workflowStyles, fieldStyles, runDialogStyles];

  /** The views' services. */
  @property({ attribute: false }) accessor services: WorkflowServices | undefined;
  /** The workflow to run: a saved one, or the editor's document. */
  @property({ attribute: false }) accessor definition: WorkflowDefinition | undefined;
  /** The definition has changes that are not saved (the editor's draft). */
  @property({ type: Boolean }) accessor unsaved = false;
  /** Saves the draft (the editor's save); true when it was saved. Without it, an unsaved draft can only run as is. */
  @property({ attribute: false }) accessor save: (() => Promise<boolean>) | undefined;

  @state() accessor open = false;
  /** The content is drawn from show() until the dialog has finished closing (nothing is computed while closed). */
  @state() accessor drawn = false;
  @state() accessor inputs: Record<string, unknown> = {};
  /** The inputs' problems, at their fields (from the last attempt to start). */
  @state() accessor problems: WorkflowProblem[] = [];
  /** Grant the missing scopes before starting. */
  @state() accessor grantFirst = true;
  @state() accessor busy: RunMode | undefined;
  @state() accessor error = '';
  @state() accessor engine: OrchestratorStatus = { role: 'starting' };
  /** Bumped when the grants change (the needs are read again). */
  @state() accessor revision = 0;

  #unsubscribe: (() => void)[] = [];

  /** Opens the dialog with the inputs at their defaults. */
  show(): void {
    this.inputs = this.definition ? defaultInputs(this.definition) : {};
    this.problems = [];
    this.error = '';
    this.grantFirst = true;
    this.busy = undefined;
    this.drawn = true;
    this.open = true;
  }

  /** Closes the dialog. */
  hide(): void {
    this.open = false;
  }

  /** The grants the workflow needs and which are missing. */
  get needs(): GrantNeeds {
    const supervisor = this.services?.supervisor;
    if (!this.definition || !supervisor) return { needs: [], missing: [], unknown: [], subWorkflows: [] };
    return grantNeeds(this.definition, supervisor);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.services && !this.#unsubscribe.length) this.#follow(this.services);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopFollowing();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.isConnected) {
      this.#stopFollowing();
      if (this.services) this.#follow(this.services);
    }
  }

  /* eslint-disable lit-a11y/no-autofocus -- a dialog moves focus to its first field (WAI-ARIA dialog pattern);
     wa-dialog does that for the element marked autofocus, once the dialog opens. */
  override render() {
    const definition = this.definition;
    return html`<wa-dialog
      label=${definition ? `Run “${definition.name || definition.id}”` : 'Run'}
      ?open=${this.open && definition !== undefined}
      @keydown=${this.#keydown}
      @wa-hide=${(e: Event) => {
        if (e.target === e.currentTarget && this.busy) e.preventDefault(); // stay up until the run has started
      }}
      @wa-after-hide=${(e: Event) => {
        if (e.target !== e.currentTarget) return;
        this.open = false;
        this.drawn = false;
      }}
    >
      ${definition && this.drawn ? this.#renderContent(definition) : nothing}
    </wa-dialog>`;
  }

  #renderContent(definition: WorkflowDefinition) {
    const schema = inputsSchema(definition);
    const needs = this.needs;
    const unavailable = this.engine.role === 'unavailable';
    const grants = this.grantFirst && needs.missing.length > 0;
    const saving = this.unsaved && this.save !== undefined;
    const primary = saving ? (grants ? 'Save, grant and run' : 'Save and run') : grants ? 'Grant and run' : 'Run';
    return html`
      ${this.#renderEngine()} ${this.unsaved ? this.#renderUnsaved(saving) : nothing}
      <section aria-labelledby="inputs-title">
        <h3 id="inputs-title">Inputs</h3>
        ${
          schema
            ? html`<comet-workflow-schema-form
                plain
                autofocus
                .schema=${schema}
                .value=${this.inputs}
                .problems=${this.problems}
                @comet-value-change=${this.#inputsChanged}
              ></comet-workflow-schema-form>`
            : html`<p class="note">This workflow takes no inputs: every run is the same.</p>`
        }
      </section>
      ${this.#renderGrants(definition, needs)}
      <div slot="footer" class="footer">
        ${
          this.error
            ? html`<p class="error" role="alert">${this.error}</p>`
            : this.unsaved
              ? html`<span class="keys"></span>`
              : html`<span class="keys"><kbd>Enter</kbd> runs · <kbd>Esc</kbd> closes</span>`
        }
        <wa-button size="s" appearance="outlined" ?disabled=${this.busy !== undefined} @click=${() => this.hide()}
          >Cancel</wa-button
        >
        ${
          this.unsaved
            ? html`<wa-button
                size="s"
                appearance="outlined"
                ?disabled=${unavailable || this.busy === 'saved'}
                ?loading=${this.busy === 'draft'}
                @click=${() => void this.run('draft')}
                >Run without saving</wa-button
              >`
            : nothing
        }
        <wa-button
          size="s"
          variant="brand"
          ?autofocus=${!schema}
          ?disabled=${unavailable || this.busy === 'draft'}
          ?loading=${this.busy === 'saved'}
          @click=${() => void this.run(saving || !this.unsaved ? 'saved' : 'draft')}
          ><span slot="start">${icon('play')}</span>${primary}</wa-button
        >
      </div>
    `;
  }
  /* eslint-enable lit-a11y/no-autofocus */

  #renderEngine() {
    const { role, reason } = this.engine;
    if (role === 'unavailable')
      return html`<div class="notice bad" role="alert">
        ${icon('danger')}
        <p>
          <strong>${ENGINE_TEXT.unavailable}</strong> ${reason ? html`${reason}. ` : nothing}Nothing can start from this
          tab: reload the page, or close other tabs of this app that may hold its database.
        </p>
      </div>`;
    return html`<p class="engine ${role}" role="status"><span class="dot"></span>${ENGINE_TEXT[role]}</p>`;
  }

  #renderUnsaved(saving: boolean) {
    return html`<div class="notice">
      ${icon('warning')}
      <p>
        <strong>This workflow has unsaved changes.</strong>
        ${
          saving
            ? 'They are saved before the run starts; or “Run without saving” runs it as the editor shows it now and leaves the saved workflow as it was.'
            : 'The run uses it as the editor shows it now; the saved workflow stays as it was.'
        }
      </p>
    </div>`;
  }

  #renderGrants(definition: WorkflowDefinition, { needs, missing, unknown, subWorkflows }: GrantNeeds) {
    const principal = workflowPrincipal(definition.id);
    return html`<section aria-labelledby="grants-title">
      <h3 id="grants-title">Grants</h3>
      ${
        needs.length === 0
          ? html`<p class="summary">
              <span class="chip ok">${icon('check')}Nothing to grant</span> No step needs one.
            </p>`
          : missing.length === 0
            ? html`<p class="summary">
                <span class="chip ok">${icon('check')}All granted</span> <code>${principal}</code> may do everything its
                steps need.
              </p>`
            : html`<p class="summary">
                  <span class="chip warn">${missing.length} missing</span> <code>${principal}</code> still needs:
                </p>
                <ul class="scopes" aria-label="Missing grants">
                  ${missing.map(
                    (need) =>
                      html`<li><code>${need.scope}</code><span class="steps">for ${need.steps.join(', ')}</span></li>`,
                  )}
                </ul>
                <wa-checkbox
                  size="s"
                  .checked=${this.grantFirst}
                  hint="Standing grants to ${principal}, listed and revocable under Supervisor › Grants."
                  @change=${(e: Event) => (this.grantFirst = (e.target as HTMLInputElement).checked)}
                  >Grant ${missing.length === 1 ? 'it' : `all ${missing.length}`} before the run starts</wa-checkbox
                >
                <p class="denied">
                  A run without ${missing.length === 1 ? 'it' : 'them'} is denied at the first step that needs
                  ${missing.length === 1 ? 'it' : 'one'} (${missing[0].steps[0]}) and fails there.
                </p>`
      }
      ${
        unknown.length
          ? html`<p class="note">
              Known only when the run gets there:
              ${unknown.map((u, i) => html`${i ? '; ' : ''}<code>${u.stepId}</code> ${u.reason}`)}.
            </p>`
          : nothing
      }
      ${
        subWorkflows.length
          ? html`<p class="note">
              Its sub-workflows (${subWorkflows.join(', ')}) run their steps as themselves, with their own grants.
            </p>`
          : nothing
      }
    </section>`;
  }

  /**
   * Starts a run: the inputs are checked first (nothing is saved, granted or started when one is wrong), then the
   * draft is saved (mode 'saved' with unsaved changes), the missing grants granted (unless unticked), and the run
   * created. Resolves with the run id, or undefined when it did not start (the dialog says why).
   */
  async run(mode: RunMode = 'saved'): Promise<string | undefined> {
    const { definition, services } = this;
    if (!definition || !services || this.busy || this.engine.role === 'unavailable') return undefined;
    this.error = '';
    let inputs: Record<string, unknown>;
    try {
      inputs = checkRunInputs(definition, this.inputs);
    } catch (error) {
      return this.#failed(error);
    }
    this.busy = mode;
    try {
      const byId = mode === 'saved' && (!this.unsaved || this.save !== undefined);
      if (byId && this.unsaved && !(await this.save!())) {
        this.error = 'Not started: the workflow could not be saved. Close this to see why, or run it without saving.';
        return undefined;
      }
      if (this.grantFirst && grantNeeds(definition, services.supervisor).missing.length) {
        try {
          await grantMissing(definition, services.supervisor);
        } catch (error) {
          this.error = `Not started. ${notGranted(error)}`;
          return undefined;
        }
      }
      const runId = await services.runs.start(byId ? definition.id : definition, inputs);
      this.busy = undefined;
      this.open = false;
      this.dispatchEvent(new CustomEvent('comet-run-started', { detail: { runId }, bubbles: true, composed: true }));
      location.hash = href(`workflows/run/${encodeURIComponent(runId)}`);
      return runId;
    } catch (error) {
      return this.#failed(error);
    } finally {
      this.busy = undefined;
    }
  }

  /** Shows why a start failed: at the inputs' fields, or as a message. */
  #failed(error: unknown): undefined {
    const problems = inputProblems(error);
    this.problems = problems ?? [];
    if (!problems) this.error = `Not started: ${errorMessage(error)}`;
    else
      this.error =
        problems.length === 1
          ? 'Not started: one input needs fixing.'
          : `Not started: ${problems.length} inputs need fixing.`;
    return undefined;
  }

  #inputsChanged = (event: ValueChangeEvent) => {
    const next = (event.detail.value ?? {}) as Record<string, unknown>;
    this.problems = problemsStill(this.problems, this.inputs, next);
    this.inputs = next;
  };

  /** Enter runs (the primary action), except where Enter means something already. */
  #keydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.defaultPrevented || event.isComposing || event.shiftKey || event.altKey) return;
    // Buttons and links act on Enter themselves; Ctrl/Cmd+Enter runs from a text area or a select too.
    const own = event.ctrlKey || event.metaKey ? 'button, a, wa-button' : 'button, a, select, textarea, wa-button';
    const target = event.composedPath()[0];
    if (target instanceof Element && target.closest(own)) return;
    event.preventDefault();
    const saving = this.unsaved && this.save !== undefined;
    void this.run(saving || !this.unsaved ? 'saved' : 'draft');
  };

  #follow(services: WorkflowServices): void {
    this.engine = services.status.get();
    this.#unsubscribe = [
      services.status.subscribe((status) => (this.engine = status)),
      services.supervisor.supervisor.grants.subscribe(() => this.revision++),
    ];
  }

  #stopFollowing(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-run-dialog': CometWorkflowRunDialog;
  }
  interface HTMLElementEventMap {
    'comet-run-started': RunStartedEvent;
  }
}
