import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CapabilityRegistry } from '../../core/capabilities/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { workflowStyles } from './workflow-styles.js';

/** A step should be added: one calling `capability`, or one running a saved workflow. */
export type StepAddEvent = CustomEvent<{ capability?: string; workflow?: true }>;

/**
 * "Add step": the capabilities the registry knows, each with what it does and whether it has side effects, filtered
 * as you type; or a step that runs a saved workflow.
 * @summary The capability picker of the workflow editor.
 * @fires comet-step-add - A capability (or a sub-workflow step) was picked.
 */
@customElement('comet-workflow-add-step')
export class CometWorkflowAddStep extends LitElement {
  static override styles = [
    baseStyles,
    workflowStyles,
    css`
      :host([primary]) .closed {
        display: flex;
        justify-content: center;
      }
      .picker {
        display: grid;
        gap: var(--comet-space-s);
        padding: var(--comet-space-m);
        border: 1px solid color-mix(in oklab, var(--comet-accent) 40%, var(--comet-border));
        border-radius: var(--comet-radius-l);
        background: var(--comet-surface);
        box-shadow: var(--comet-shadow-s);
      }
      .top {
        display: flex;
        align-items: end;
        gap: var(--comet-space-s);
      }
      .top wa-input {
        flex: 1;
      }
      ul {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
        gap: var(--comet-space-xs);
        max-height: 340px;
        margin: 0;
        padding: 2px;
        overflow-y: auto;
        list-style: none;
      }
      li button {
        display: grid;
        gap: 2px;
        width: 100%;
        height: 100%;
        padding: var(--comet-space-xs) var(--comet-space-s);
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
        background: var(--comet-surface);
        color: inherit;
        font: inherit;
        text-align: start;
        cursor: pointer;
      }
      li button:hover {
        border-color: var(--comet-accent);
        background: var(--comet-accent-soft);
      }
      .line {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
      }
      .line code {
        flex: 1;
        font-weight: 600;
      }
      .description {
        display: -webkit-box;
        overflow: hidden;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
      }
    `,
  ];

  @property({ attribute: false }) accessor capabilities: CapabilityRegistry | undefined;
  /** The button's text. */
  @property() accessor label = 'Add step';
  /** Draw the button as the main action (the first step of an empty workflow). */
  @property({ type: Boolean, reflect: true }) accessor primary = false;
  @state() accessor open = false;
  @state() accessor filter = '';

  override render() {
    if (!this.open)
      return html`<div class="closed">
        <wa-button
          size="s"
          variant=${this.primary ? 'brand' : 'neutral'}
          appearance=${this.primary ? 'accent' : 'outlined'}
          @click=${() => void this.show()}
          ><span slot="start">${icon('plus')}</span>${this.label}</wa-button
        >
      </div>`;
    const needle = this.filter.trim().toLowerCase();
    const shown = (this.capabilities?.list() ?? []).filter(
      (c) => !needle || `${c.name} ${c.description} ${c.hints?.title ?? ''}`.toLowerCase().includes(needle),
    );
    return html`<section class="picker" aria-labelledby="picker-title" @keydown=${this.#keydown}>
      <div class="top">
        <h3 id="picker-title" class="visually-hidden">Add a step</h3>
        <wa-input
          size="s"
          type="search"
          label="Add a step that calls…"
          placeholder="http, query, wait…"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        ></wa-input>
        <wa-button size="s" appearance="plain" @click=${() => (this.open = false)}>Cancel</wa-button>
      </div>
      <ul aria-label="Capabilities">
        ${shown.map(
          (c) =>
            html`<li>
              <button type="button" @click=${() => this.#pick({ capability: c.name })}>
                <span class="line">
                  <code>${c.name}</code>
                  <span class="chip ${c.sideEffects ? 'warn' : 'ok'}"
                    >${c.sideEffects ? 'Side effects' : 'Read-only'}</span
                  >
                </span>
                <span class="description">${c.description}</span>
              </button>
            </li>`,
        )}
        ${
          !needle || 'workflow sub-workflow'.includes(needle)
            ? html`<li>
                <button type="button" @click=${() => this.#pick({ workflow: true })}>
                  <span class="line"><code>workflow</code><span class="chip accent">Sub-workflow</span></span>
                  <span class="description">Runs a saved workflow as one step and waits for its output.</span>
                </button>
              </li>`
            : nothing
        }
      </ul>
      ${shown.length ? nothing : html`<p class="meta">No capability matches “${this.filter}”.</p>`}
    </section>`;
  }

  /** Opens the picker with its filter field focused. */
  async show(): Promise<void> {
    this.open = true;
    this.filter = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('wa-input')?.focus();
  }

  #keydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.open = false;
  };

  #pick(detail: StepAddEvent['detail']): void {
    this.open = false;
    this.dispatchEvent(new CustomEvent('comet-step-add', { detail }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-add-step': CometWorkflowAddStep;
  }
  interface HTMLElementEventMap {
    'comet-step-add': StepAddEvent;
  }
}
