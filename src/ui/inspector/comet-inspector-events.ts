import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { BusMessage } from '../../core/bus.js';
import { formatClock } from '../format.js';
import { icon } from '../icons.js';
import type { Platform } from '../platform.js';
import { platformContext } from '../platform-context.js';
import { baseStyles } from '../shared-styles.js';
import { SubscriptionController } from '../subscription-controller.js';
import { inspectorStyles } from './inspector-styles.js';
import { preview, toJson } from './json.js';

/**
 * The inspector's Events tab: every bus message of this tab, its workers and other tabs, newest first, with a
 * topic filter, pause, and the selected message's full payload.
 * @summary Live bus events.
 */
@customElement('comet-inspector-events')
export class CometInspectorEvents extends LitElement {
  static override styles = [
    baseStyles,
    inspectorStyles,
    css`
      .split {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(240px, 36%);
        flex: 1;
        min-height: 0;
      }
      .row {
        grid-template-columns: 92px minmax(120px, 1.2fr) 72px minmax(0, 2fr);
        cursor: pointer;
      }
      .row:hover {
        background: var(--comet-surface-hover);
      }
      .row[aria-pressed='true'] {
        background: var(--comet-accent-soft);
      }
      .topic {
        color: var(--comet-accent-text);
      }
      .detail {
        min-height: 0;
        overflow: auto;
        border-inline-start: 1px solid var(--comet-border);
        background: var(--comet-surface-sunken);
      }
      .detail h3 {
        margin: 0;
        padding: var(--comet-space-s) var(--comet-space-s) 0;
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-xs);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  @state() accessor filter = '';
  @state() accessor paused: readonly BusMessage[] | undefined;
  @state() accessor selected: BusMessage | undefined;

  readonly #history = new SubscriptionController(this, () => this.platform?.busHistory, { perFrame: true });

  override render() {
    const all = this.paused ?? this.#history.source?.messages ?? [];
    const needle = this.filter.trim().toLowerCase();
    const shown = all.filter((m) => !needle || m.topic.toLowerCase().includes(needle)).reverse();
    const selected = this.selected;
    return html`
      <div class="toolbar">
        <input
          type="search"
          placeholder="Filter by topic"
          aria-label="Filter events by topic"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
        <button @click=${this.#togglePause}>
          ${this.paused ? html`${icon('play')} Resume` : html`${icon('pause')} Pause`}
        </button>
        <button @click=${this.#clear}>${icon('clear')} Clear</button>
        <span class="count" role="status"
          >${shown.length} of ${all.length} events${this.paused ? ' (paused)' : ''}</span
        >
      </div>
      <div class="split">
        <div class="list">
          ${
            shown.length
              ? html`<div class="scroller">
                  ${virtualize({
                    scroller: true,
                    items: shown,
                    keyFunction: (m: BusMessage) => m.id,
                    renderItem: (m: BusMessage) => this.#renderRow(m),
                  })}
                </div>`
              : html`<p class="empty">
                  ${all.length ? 'No event matches the filter.' : 'No bus events yet. They appear here as they happen.'}
                </p>`
          }
        </div>
        <div class="detail" role="region" aria-label="Selected event" tabindex="0">
          ${
            selected
              ? html`<h3>${selected.topic}</h3>
                  <pre>${toJson({ ...selected, time: new Date(selected.time).toISOString() })}</pre>`
              : html`<p class="empty">Select an event to see its payload.</p>`
          }
        </div>
      </div>
    `;
  }

  #renderRow(m: BusMessage) {
    const own = m.origin === this.platform?.bus.id;
    return html`<button
      class="row"
      aria-pressed=${m === this.selected ? 'true' : 'false'}
      @click=${() => (this.selected = m)}
    >
      <span class="time">${formatClock(m.time)}</span>
      <span class="topic">${m.topic}</span>
      <span class="quiet" title=${m.origin}>${own ? 'this tab' : m.origin.slice(0, 8)}</span>
      <span>${preview(m.payload)}</span>
    </button>`;
  }

  #togglePause = () => {
    this.paused = this.paused ? undefined : [...(this.platform?.busHistory.messages ?? [])];
  };

  #clear = () => {
    this.platform?.busHistory.clear();
    this.selected = undefined;
    if (this.paused) this.paused = [];
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-inspector-events': CometInspectorEvents;
  }
}
