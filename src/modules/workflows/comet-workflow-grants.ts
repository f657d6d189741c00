import '@awesome.me/webawesome/dist/components/button/button.js';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon } from '../../ui/icons.js';
import { href } from '../../ui/router.js';
import { baseStyles } from '../../ui/shared-styles.js';
import type { SupervisorServices } from '../supervisor/supervisor-services.js';
import type { WorkflowDefinition } from './model/types.js';
import { grantMissing, grantNeeds, notGranted, workflowPrincipal, type GrantNeeds } from './workflow-grants.js';
import { workflowStyles } from './workflow-styles.js';

/**
 * "Grants needed": the scopes the workflow's steps need (derived from each capability's scopes for the step's input,
 * references standing in for the values a run will have), which of them an active grant already gives the workflow's
 * principal (workflow:<id>), and a button that grants the missing ones through the supervisor.
 * @summary The grants a workflow needs before it runs.
 */
@customElement('comet-workflow-grants')
export class CometWorkflowGrants extends LitElement {
  static override styles = [
    baseStyles,
    workflowStyles,
    css`
      :host {
        display: grid;
        gap: var(--comet-space-s);
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li.need {
        display: flex;
        align-items: center;
        gap: var(--comet-space-s);
        padding: var(--comet-space-xs) 0;
      }
      li.need + li.need {
        border-top: 1px solid var(--comet-border);
      }
      li.need code {
        font-size: var(--comet-font-size-xs);
        overflow-wrap: anywhere;
      }
      .steps {
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--comet-space-s);
      }
      .summary p {
        flex: 1;
        min-width: 200px;
        margin: 0;
      }
      .unknown {
        margin: 0;
        padding-inline-start: var(--comet-space-m);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
        list-style: disc;
      }
      .note {
        margin: 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
      }
    `,
  ];

  /** The workflow. */
  @property({ attribute: false }) accessor definition: WorkflowDefinition | undefined;
  /** The supervisor's services (grants, capabilities, clock). */
  @property({ attribute: false }) accessor supervisor: SupervisorServices | undefined;

  /** Bumped when the grants change. */
  @state() accessor revision = 0;
  @state() accessor busy = false;
  @state() accessor error = '';
  #unsubscribe: (() => void) | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('supervisor')) {
      this.#unsubscribe?.();
      this.#unsubscribe = this.supervisor?.supervisor.grants.subscribe(() => this.revision++);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.supervisor && !this.#unsubscribe)
      this.#unsubscribe = this.supervisor.supervisor.grants.subscribe(() => this.revision++);
  }

  /** Each needed scope with the grant that covers it now. */
  needs(): GrantNeeds {
    const definition = this.definition;
    const supervisor = this.supervisor;
    if (!definition || !supervisor) return { needs: [], missing: [], unknown: [], subWorkflows: [] };
    return grantNeeds(definition, supervisor);
  }

  override render() {
    const { needs, missing, unknown, subWorkflows } = this.needs();
    const principal = workflowPrincipal(this.definition?.id ?? '…');
    return html`
      <div class="summary">
        ${
          !this.definition?.steps?.length
            ? html`<p class="note">Add steps first: the grants they need are listed here.</p>`
            : needs.length === 0
              ? html`<p>
                  <span class="chip ok">${icon('check')}Nothing to grant</span> Every step is local to the app.
                </p>`
              : missing.length === 0
                ? html`<p>
                    <span class="chip ok">${icon('check')}All granted</span> <code>${principal}</code> may do everything
                    its steps need.
                  </p>`
                : html`<p>
                    <span class="chip warn">${missing.length} missing</span>
                    Until granted, these calls of <code>${principal}</code> are denied.
                  </p>`
        }
        ${
          missing.length
            ? html`<wa-button size="s" variant="brand" ?loading=${this.busy} @click=${() => void this.grantMissing()}
                >Grant ${missing.length === 1 ? 'it' : `all ${missing.length}`}</wa-button
              >`
            : nothing
        }
      </div>
      ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
      ${
        needs.length
          ? html`<ul aria-label="Scopes needed">
              ${needs.map(
                (need) =>
                  html`<li class="need">
                    <div class="grow">
                      <code>${need.scope}</code>
                      <div class="steps">for ${need.steps.join(', ')}</div>
                    </div>
                    ${need.grant ? html`<span class="chip ok">Granted</span>` : html`<span class="chip warn">Missing</span>`}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        unknown.length
          ? html`<p class="note">Known only when the run gets there:</p>
              <ul class="unknown">
                ${unknown.map((u) => html`<li><code>${u.stepId}</code>: ${u.reason}</li>`)}
              </ul>`
          : nothing
      }
      ${
        subWorkflows.length
          ? html`<p class="note">
              The steps of its sub-workflows (${subWorkflows.join(', ')}) run as their own principals
              (workflow:&lt;id&gt;) and need their own grants: open each to grant them.
            </p>`
          : nothing
      }
      <p class="note">All grants: <a href=${href('supervisor/grants')}>Supervisor › Grants</a>.</p>
    `;
  }

  /** Adds a standing grant for every missing scope (all of them, or none if one is refused). */
  async grantMissing(): Promise<void> {
    const supervisor = this.supervisor;
    const definition = this.definition;
    if (!supervisor || !definition || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await grantMissing(definition, supervisor);
    } catch (error) {
      this.error = notGranted(error);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-grants': CometWorkflowGrants;
  }
}
