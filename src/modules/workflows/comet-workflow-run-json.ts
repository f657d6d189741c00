import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatBytes } from '../../ui/format.js';
import { toJson } from '../../ui/inspector/json.js';
import { baseStyles } from '../../ui/shared-styles.js';

/** Characters shown before "Show all": a large output would otherwise freeze the page on every live update. */
export const JSON_PREVIEW_CHARS = 2000;

/**
 * A value as indented JSON in a collapsible block: the summary names it and its size; large values show their first
 * part with a "Show all" button.
 * @summary A collapsible JSON value of the run view.
 */
@customElement('comet-workflow-run-json')
export class CometWorkflowRunJson extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      details {
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
        background: var(--comet-surface-sunken);
      }
      summary {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        padding: var(--comet-space-2xs) var(--comet-space-s);
        color: var(--comet-text);
        font-size: var(--comet-font-size-s);
        font-weight: 600;
        cursor: pointer;
      }
      summary .size {
        margin-inline-start: auto;
        color: var(--comet-text-quiet);
        font-weight: 400;
        font-size: var(--comet-font-size-xs);
        font-variant-numeric: tabular-nums;
      }
      pre {
        max-height: 360px;
        margin: 0;
        padding: var(--comet-space-xs) var(--comet-space-s);
        overflow: auto;
        border-top: 1px solid var(--comet-border);
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-xs);
        line-height: 1.5;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .more {
        display: flex;
        align-items: center;
        gap: var(--comet-space-s);
        padding: var(--comet-space-2xs) var(--comet-space-s);
        border-top: 1px dashed var(--comet-border);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
      }
      button {
        padding: 2px 8px;
        border: 1px solid var(--comet-border-strong);
        border-radius: var(--comet-radius-s);
        background: var(--comet-surface);
        color: var(--comet-text);
        font: inherit;
        cursor: pointer;
      }
      button:hover {
        background: var(--comet-surface-hover);
      }
    `,
  ];

  /** What the block is ('Input', 'Output'). */
  @property() accessor label = 'Value';
  /** The value shown. */
  @property({ attribute: false }) accessor value: unknown;
  /** Whether the block starts open. */
  @property({ type: Boolean }) accessor open = false;

  /** The person asked for the whole value. */
  @state() accessor showAll = false;

  #text = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.#text = toJson(this.value);
  }

  override render() {
    const text = this.#text;
    const cut = !this.showAll && text.length > JSON_PREVIEW_CHARS;
    const size = formatBytes(new TextEncoder().encode(text).length);
    return html`<details ?open=${this.open}>
      <summary>${this.label}<span class="size">${size}</span></summary>
      <pre>${cut ? `${text.slice(0, JSON_PREVIEW_CHARS)}…` : text}</pre>
      ${
        cut
          ? html`<div class="more">
              <span
                >Showing the first ${JSON_PREVIEW_CHARS.toLocaleString('en')} of ${text.length.toLocaleString('en')}
                characters.</span
              >
              <button type="button" @click=${() => (this.showAll = true)}>Show all</button>
            </div>`
          : nothing
      }
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-run-json': CometWorkflowRunJson;
  }
}
