import '@awesome.me/webawesome/dist/components/button/button.js';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AuditEntry, AuditFilter } from '../../core/audit/types.js';
import { errorMessage } from '../../core/errors.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { AuditPager } from './audit-pager.js';
import './comet-audit-entry.js';
import './comet-audit-filters.js';
import type { AuditFilterChangeEvent, CometAuditFilters } from './comet-audit-filters.js';
import './comet-audit-table.js';
import type { AuditSelectEvent, CometAuditTable } from './comet-audit-table.js';
import './comet-audit-verify.js';
import type { AuditRevealEvent } from './comet-audit-verify.js';
import type { SupervisorServices } from './supervisor-services.js';
import { supervisorStyles } from './supervisor-styles.js';

/**
 * Supervisor › Audit log: integrity (verify, export) above a filterable, virtualised table of every decision and
 * outcome, newest first, with the selected entry in full beside it. New entries appear live while the table is at
 * the top; further down, a button offers them without moving what is being read.
 * @summary Supervisor › Audit log.
 */
@customElement('comet-supervisor-audit')
export class CometSupervisorAudit extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    supervisorStyles,
    css`
      .log {
        overflow: hidden;
      }
      .log .panel-header {
        flex-wrap: wrap;
      }
      comet-audit-filters {
        padding: var(--comet-space-s) var(--comet-space-l) var(--comet-space-m);
        border-bottom: 1px solid var(--comet-border);
      }
      .split {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
      }
      .split.open {
        grid-template-columns: minmax(0, 1fr) minmax(280px, 360px);
      }
      comet-audit-entry {
        max-height: min(62vh + 34px, 634px);
        overflow: auto;
        border-inline-start: 1px solid var(--comet-border);
        background: var(--comet-surface-sunken);
      }
      .status {
        font-variant-numeric: tabular-nums;
      }
      @media (max-width: 980px) {
        .split.open {
          grid-template-columns: minmax(0, 1fr);
        }
        comet-audit-entry {
          border-inline-start: 0;
          border-top: 1px solid var(--comet-border);
        }
      }
    `,
  ];

  /** The supervisor's services (set by <comet-supervisor-view>). */
  @property({ attribute: false })
  accessor services: SupervisorServices | undefined;

  /** The path below '#/supervisor/audit' (unused). */
  @property({ attribute: false })
  accessor rest: string[] = [];

  @state() accessor pager: AuditPager | undefined;
  /** Bumped when the pager delivered rows. */
  @state() accessor revision = 0;
  @state() accessor selected: AuditEntry | undefined;
  /** Entries written since the list was read, shown as a button when the table is not at the top. */
  @state() accessor newer = 0;
  /** The seq verify() found bad. */
  @state() accessor bad: number | undefined;
  /** True while a new filter is read (a text search reads every entry once). */
  @state() accessor reading = false;

  @query('comet-audit-table') accessor table: CometAuditTable | null = null;
  @query('comet-audit-filters') accessor filters: CometAuditFilters | null = null;

  #filter: AuditFilter = {};
  /** The read under way (it becomes `pager` when ready). */
  #reading: AuditPager | undefined;
  #stopAppend: (() => void) | undefined;
  #recount = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.services) this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopAppend?.();
    this.#stopAppend = undefined;
    cancelAnimationFrame(this.#recount);
    this.pager?.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services')) {
      this.#follow();
      void this.#read();
    }
  }

  override render() {
    const pager = this.pager;
    const count = pager?.count;
    return html`
      <div class="section-header">
        <div>
          <h2>Audit log</h2>
          <p>
            Every decision and every outcome, newest first. Inputs and outputs are stored redacted; keys never appear.
          </p>
        </div>
      </div>
      <section class="panel" aria-label="Integrity">
        <comet-audit-verify .audit=${this.services?.audit} @comet-audit-reveal=${this.#reveal}></comet-audit-verify>
      </section>
      <section class="panel log" aria-labelledby="entries">
        <div class="panel-header">
          <h3 id="entries">Entries</h3>
          ${
            this.newer > 0
              ? html`<wa-button size="s" variant="brand" appearance="filled" @click=${() => this.#read()}
                  >Show ${this.newer} new ${this.newer === 1 ? 'entry' : 'entries'}</wa-button
                >`
              : nothing
          }
          <span class="meta status" role="status">
            ${
              pager?.error
                ? html`<span class="error-text">${pager.error}</span>`
                : count === undefined || this.reading
                  ? 'Reading…'
                  : `${count.toLocaleString('en')} ${count === 1 ? 'entry' : 'entries'}${Object.keys(this.#filter).length ? ' match' : ''}`
            }
          </span>
        </div>
        <comet-audit-filters
          .capabilities=${this.services?.capabilities.list().map((c) => c.name) ?? []}
          .now=${() => this.services?.clock.now() ?? Date.now()}
          @comet-audit-filter-change=${this.#onFilter}
        ></comet-audit-filters>
        <div class="split ${this.selected ? 'open' : ''}">
          ${
            count === 0
              ? html`<p class="empty">
                  <strong>${Object.keys(this.#filter).length ? 'No entry matches' : 'The log is empty'}</strong>
                  ${Object.keys(this.#filter).length ? 'Loosen or clear the filters.' : 'Entries appear as agents act.'}
                </p>`
              : html`<comet-audit-table
                  .pager=${pager}
                  .revision=${this.revision}
                  .selected=${this.selected?.seq}
                  .bad=${this.bad}
                  @comet-audit-select=${(e: AuditSelectEvent) => (this.selected = e.detail.entry)}
                ></comet-audit-table>`
          }
          ${
            this.selected
              ? html`<comet-audit-entry
                  .entry=${this.selected}
                  @comet-close=${() => (this.selected = undefined)}
                ></comet-audit-entry>`
              : nothing
          }
        </div>
      </section>
    `;
  }

  /**
   * Reads the current filter afresh (its count and first page). The table keeps showing the previous read until the
   * new one is ready, so it never flashes empty; a newer read supersedes one still under way.
   */
  async #read(): Promise<void> {
    const services = this.services;
    if (!services) {
      this.pager?.dispose();
      this.pager = undefined;
      return;
    }
    const pager = new AuditPager(services.audit, this.#filter, () => {
      if (this.pager === pager) this.revision++;
    });
    this.#reading = pager;
    this.reading = true;
    await pager.start();
    if (this.#reading !== pager) return pager.dispose();
    this.reading = false;
    this.pager?.dispose();
    this.pager = pager;
    this.newer = 0;
  }

  #onFilter = (event: AuditFilterChangeEvent) => {
    this.#filter = event.detail.filter;
    void this.#read();
  };

  /** Follows appends: live at the top of the list, a "new entries" button further down. */
  #follow(): void {
    this.#stopAppend?.();
    this.#stopAppend = this.services?.audit.onAppend(() => {
      this.#recount ||= requestAnimationFrame(() => {
        this.#recount = 0;
        void this.#onAppended();
      });
    });
  }

  async #onAppended(): Promise<void> {
    const pager = this.pager;
    if (!pager || pager.count === undefined || !this.services) return;
    try {
      const count = await this.services.audit.count(this.#filter);
      if (pager !== this.pager || count === pager.count) return;
      const atTop = (this.table?.virtualizer?.scrollTop ?? 0) < 4;
      if (atTop || pager.count === 0) await this.#read();
      else this.newer = count - pager.count;
    } catch (error) {
      pager.error = errorMessage(error);
      this.revision++;
    }
  }

  /** Shows entry `seq` (found bad by verify): clears the filters, scrolls to it and opens it. */
  #reveal = async (event: AuditRevealEvent) => {
    const { seq } = event.detail;
    this.bad = seq;
    this.#filter = {};
    this.filters?.clear(false);
    await this.#read();
    const pager = this.pager;
    const newest = pager?.get(0)?.seq;
    if (!pager || newest === undefined || !this.services) return;
    // Newest first and numbered without gaps up to a tampered spot: the entry's row is (newest - seq).
    const index = Math.max(0, Math.min((pager.count ?? 1) - 1, newest - seq));
    await this.updateComplete;
    const [entry] = await this.services.audit.query({ offset: index, limit: 1 });
    if (entry) this.selected = entry;
    await this.table?.reveal(index);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-audit': CometSupervisorAudit;
  }
}
