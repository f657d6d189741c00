import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Platform } from '../platform.js';
import { platformContext } from '../platform-context.js';
import { baseStyles } from '../shared-styles.js';
import { SubscriptionController } from '../subscription-controller.js';
import { inspectorStyles } from './inspector-styles.js';
import { toJson } from './json.js';

/**
 * The inspector's Store tab: the store's whole state as JSON, live, one slice at a time or all of them.
 * @summary Live store state.
 */
@customElement('comet-inspector-store')
export class CometInspectorStore extends LitElement {
  static override styles = [
    baseStyles,
    inspectorStyles,
    css`
      .body {
        flex: 1;
        min-height: 0;
        overflow: auto;
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The slice shown, or '' for all. */
  @state() accessor slice = '';

  readonly #store = new SubscriptionController(this, () => this.platform?.store, { perFrame: true });

  override render() {
    const state = (this.#store.source?.getState() ?? {}) as Record<string, unknown>;
    const names = Object.keys(state);
    return html`
      <div class="toolbar">
        <select aria-label="Slice" @change=${(e: Event) => (this.slice = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${this.slice === ''}>All slices</option>
          ${names.map((n) => html`<option value=${n} ?selected=${n === this.slice}>${n}</option>`)}
        </select>
        <span class="count">${names.length} slices · updates live</span>
      </div>
      <div class="body" role="region" aria-label="Store state" tabindex="0">
        <pre>${toJson(this.slice ? state[this.slice] : state)}</pre>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-inspector-store': CometInspectorStore;
  }
}
