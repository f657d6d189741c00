import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AuditEntry } from '../../core/audit/types.js';
import { formatClock } from '../../ui/format.js';
import { baseStyles } from '../../ui/shared-styles.js';
import type { AuditPager } from './audit-pager.js';
import { supervisorStyles } from './supervisor-styles.js';

/** A row was chosen. */
export type AuditSelectEvent = CustomEvent<{ entry: AuditEntry }>;

/** Row height in px: fixed, so 100k rows lay out without measuring. */
const ROW = 34;

/**
 * The audit log as a virtualised table: only the rows on screen exist in the DOM, and their entries are read a page
 * at a time from the pager, so 100k entries scroll as smoothly as 100. Arrow keys move between rows; Enter or a
 * click selects one.
 * @summary Virtualised audit log table.
 * @fires comet-audit-select - A row was chosen ({ entry }).
 */
@customElement('comet-audit-table')
export class CometAuditTable extends LitElement {
  static override styles = [
    baseStyles,
    supervisorStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        container: audit-table / inline-size;
        font-size: var(--comet-font-size-s);
      }
      .head,
      .row {
        display: grid;
        grid-template-columns: 64px 118px minmax(120px, 1.1fr) minmax(110px, 1fr) 64px 72px minmax(120px, 1.4fr) 64px;
        gap: var(--comet-space-s);
        align-items: center;
        width: 100%;
        height: ${ROW}px;
        padding: 0 var(--comet-space-m);
      }
      .head {
        border-bottom: 1px solid var(--comet-border);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
        font-weight: 600;
        letter-spacing: 0.03em;
        text-transform: uppercase;
      }
      lit-virtualizer {
        height: min(62vh, 600px);
        min-height: 240px;
      }
      .row {
        border: 0;
        border-bottom: 1px solid color-mix(in oklab, var(--comet-border) 65%, transparent);
        background: none;
        color: var(--comet-text);
        font: inherit;
        text-align: start;
        white-space: nowrap;
        cursor: pointer;
      }
      .row:hover {
        background: var(--comet-surface-hover);
      }
      .row[aria-pressed='true'] {
        background: var(--comet-accent-soft);
      }
      .row:focus-visible {
        outline-offset: -2px;
      }
      .row > * {
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .row.bad {
        box-shadow: inset 3px 0 0 var(--comet-danger);
      }
      .seq,
      .time,
      .dur {
        color: var(--comet-text-quiet);
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-xs);
        font-variant-numeric: tabular-nums;
      }
      .dur {
        text-align: end;
      }
      .mono {
        font-size: var(--comet-font-size-xs);
      }
      .placeholder span {
        height: 10px;
        border-radius: var(--comet-radius-s);
        background: var(--comet-surface-hover);
      }
      /* Narrow (last, to override the rules above): drop the rule and duration, then the time and outcome (the entry's details still show them). */
      @container audit-table (max-width: 820px) {
        .head,
        .row {
          grid-template-columns: 52px 104px minmax(80px, 1fr) minmax(80px, 1fr) 56px 68px;
        }
        .head > :nth-child(n + 7),
        .row > :nth-child(n + 7) {
          display: none;
        }
      }
      @container audit-table (max-width: 560px) {
        .head,
        .row {
          grid-template-columns: 56px minmax(80px, 1fr) minmax(80px, 1fr) 64px;
        }
        .head > :nth-child(2),
        .row > :nth-child(2),
        .head > :nth-child(6),
        .row > :nth-child(6) {
          display: none;
        }
      }
    `,
  ];

  /** Where the rows come from. */
  @property({ attribute: false })
  accessor pager: AuditPager | undefined;

  /** The seq of the selected entry. */
  @property({ attribute: false })
  accessor selected: number | undefined;

  /** The seq verify() found bad, marked in the table. */
  @property({ attribute: false })
  accessor bad: number | undefined;

  /** Bumped by the owner when the pager delivered rows. */
  @property({ attribute: false })
  accessor revision = 0;

  /** The row that takes Tab focus (a roving tabindex: the table is one stop, arrows move inside it). */
  @state() accessor focusIndex = 0;

  @query('lit-virtualizer') accessor virtualizer: LitVirtualizer<number> | null = null;

  #indices: number[] = [];

  override render() {
    const count = this.pager?.count ?? 0;
    if (this.#indices.length !== count) this.#indices = Array.from({ length: count }, (_, i) => i);
    return html`
      <div class="head" aria-hidden="true">
        <span>Seq</span><span>Time</span><span>Principal</span><span>Capability</span><span>Verdict</span
        ><span>Outcome</span><span>Rule</span><span class="dur">ms</span>
      </div>
      <lit-virtualizer
        scroller
        role="group"
        aria-label="Audit entries, newest first"
        tabindex="0"
        .items=${this.#indices}
        .renderItem=${(_item: unknown, index: number) => this.#renderRow(index)}
        @keydown=${this.#onKeyDown}
      ></lit-virtualizer>
    `;
  }

  /** Scrolls row `index` into view and focuses it. */
  async reveal(index: number): Promise<void> {
    // The rows must be in the virtualizer before it can scroll to one of them.
    await this.updateComplete;
    const virtualizer = this.virtualizer;
    if (!virtualizer) return;
    await virtualizer.updateComplete;
    this.focusIndex = index;
    // The virtualizer renders only rows inside the viewport: bring the table itself into view first.
    this.scrollIntoView({ block: 'nearest' });
    virtualizer.element(index)?.scrollIntoView({ block: 'center' });
    // Rejects when the table goes away meanwhile: nothing left to reveal then.
    if (
      !(await virtualizer.layoutComplete?.then(
        () => true,
        () => false,
      ))
    )
      return;
    // Rows render once their page arrives: wait for it, up to a few frames.
    for (let frame = 0; frame < 30; frame++) {
      const row = this.renderRoot.querySelector<HTMLElement>(`.row[data-index="${index}"]:not(.placeholder)`);
      if (row) return row.focus();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  #renderRow(index: number) {
    const entry = this.pager?.get(index);
    // The placeholder keeps the row's place (and height) until its page arrives.
    if (!entry)
      return html`<div class="row placeholder" data-index=${index} aria-hidden="true">
        <span></span><span></span><span></span><span></span><span></span><span></span><span></span><span></span>
      </div>`;
    return html`<button
      class="row ${entry.seq === this.bad ? 'bad' : ''}"
      data-index=${index}
      tabindex=${index === Math.min(this.focusIndex, (this.pager?.count ?? 1) - 1) ? 0 : -1}
      aria-pressed=${entry.seq === this.selected ? 'true' : 'false'}
      @click=${() => this.#select(entry)}
      @focus=${() => (this.focusIndex = index)}
    >
      <span class="seq">#${entry.seq}</span>
      <span class="time" title=${new Date(entry.time).toISOString()}>${when(entry.time)}</span>
      <span class="mono">${entry.principal}</span>
      <span class="mono">${entry.capability}</span>
      <span><span class="chip ${entry.verdict}">${entry.verdict}</span></span>
      <span><span class="chip ${entry.outcome}">${entry.outcome}</span></span>
      <span class="mono quiet" title=${entry.reason}>${entry.rule}</span>
      <span class="dur">${entry.durationMs ? Math.round(entry.durationMs) : nothing}</span>
    </button>`;
  }

  #select(entry: AuditEntry): void {
    this.dispatchEvent(new CustomEvent('comet-audit-select', { detail: { entry } }));
  }

  #onKeyDown = (event: KeyboardEvent) => {
    const row = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.matches('.row'));
    if (!row) return;
    const index = Number(row.dataset.index);
    const last = (this.pager?.count ?? 1) - 1;
    const target =
      event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowUp'
          ? index - 1
          : event.key === 'PageDown'
            ? index + 15
            : event.key === 'PageUp'
              ? index - 15
              : event.key === 'Home'
                ? 0
                : event.key === 'End'
                  ? last
                  : undefined;
    if (target === undefined) return;
    event.preventDefault();
    void this.reveal(Math.max(0, Math.min(last, target)));
  };
}

/** The time of day (with ms) for today's entries; the date and time for older ones. */
function when(time: number): string {
  const date = new Date(time);
  if (date.toDateString() === new Date().toDateString()) return formatClock(time);
  return date.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-audit-table': CometAuditTable;
  }
  interface HTMLElementEventMap {
    'comet-audit-select': AuditSelectEvent;
  }
}
