import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { LogEntry, LogLevel } from '../../core/log.js';
import { formatClock } from '../format.js';
import type { Platform } from '../platform.js';
import { platformContext } from '../platform-context.js';
import { baseStyles } from '../shared-styles.js';
import { SubscriptionController } from '../subscription-controller.js';
import { inspectorStyles } from './inspector-styles.js';
import { preview } from './json.js';

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * The inspector's Log tab: the platform log's recent entries (a bounded ring), newest first, filtered by
 * minimum level and text.
 * @summary The platform log.
 */
@customElement('comet-inspector-log')
export class CometInspectorLog extends LitElement {
  static override styles = [
    baseStyles,
    inspectorStyles,
    css`
      .row {
        grid-template-columns: 92px 44px 80px minmax(0, 1fr);
      }
      .level {
        font-weight: 600;
        text-transform: uppercase;
        font-size: var(--comet-font-size-2xs);
      }
      .debug .level {
        color: var(--comet-text-faint);
      }
      .info .level {
        color: var(--comet-accent-text);
      }
      .warn {
        background: var(--comet-warning-soft);
      }
      .warn .level {
        color: var(--comet-warning);
      }
      .error {
        background: var(--comet-danger-soft);
      }
      .error .level {
        color: var(--comet-danger);
      }
      .data {
        color: var(--comet-text-quiet);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  @state() accessor minLevel: LogLevel = 'debug';
  @state() accessor filter = '';

  readonly #log = new SubscriptionController(this, () => this.platform?.log, { perFrame: true });

  override render() {
    const entries = this.#log.source?.entries() ?? [];
    const min = LEVELS.indexOf(this.minLevel);
    const needle = this.filter.trim().toLowerCase();
    const shown = entries
      .filter((e) => LEVELS.indexOf(e.level) >= min)
      .filter((e) => !needle || `${e.source} ${e.message}`.toLowerCase().includes(needle))
      .reverse();
    return html`
      <div class="toolbar">
        <input
          type="search"
          placeholder="Filter messages"
          aria-label="Filter log messages"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
        <select
          aria-label="Minimum level"
          @change=${(e: Event) => (this.minLevel = (e.target as HTMLSelectElement).value as LogLevel)}
        >
          ${LEVELS.map((l) => html`<option value=${l} ?selected=${l === this.minLevel}>${l} and above</option>`)}
        </select>
        <span class="count" role="status">${shown.length} of ${entries.length} entries</span>
      </div>
      <div class="list">
        ${
          shown.length
            ? html`<div class="scroller" role="region" aria-label="Log entries" tabindex="0">
                ${virtualize({ scroller: true, items: shown, renderItem: (e: LogEntry) => this.#renderRow(e) })}
              </div>`
            : html`<p class="empty">No log entries${entries.length ? ' match' : ' yet'}.</p>`
        }
      </div>
    `;
  }

  #renderRow(e: LogEntry) {
    return html`<div class="row ${e.level}">
      <span class="time">${formatClock(e.time)}</span>
      <span class="level">${e.level}</span>
      <span class="quiet">${e.source}</span>
      <span title=${e.message}
        >${e.message}${e.data === undefined ? '' : html` <span class="data">${preview(e.data, 120)}</span>`}</span
      >
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-inspector-log': CometInspectorLog;
  }
}
