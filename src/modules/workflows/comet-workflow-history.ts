import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/callout/callout.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import '@lit-labs/virtualizer';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { errorMessage } from '../../core/errors.js';
import type { CometDB } from '../../db/db.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { jsonFileInput } from '../../ui/json-files.js';
import { historyStyles } from './comet-workflow-history.styles.js';
import type { RunViewServices } from './comet-workflow-run.js';
import type { RunRow } from './engine/run-types.js';
import { LiveQueryController } from './live-query-controller.js';
import './comet-workflow-run-filters.js';
import type { RunFilterChangeEvent } from './comet-workflow-run-filters.js';
import {
  FINISHED_RUN,
  RUN_STATUS,
  describeOrigin,
  elapsed,
  formatDuration,
  formatFullTime,
  formatWhen,
  shortId,
} from './run-format.js';
import {
  NO_FILTER,
  RUNS_LISTED,
  filterFromHash,
  hashOfFilter,
  isFiltered,
  queryRuns,
  type RunFilter,
} from './run-filter.js';
import { workflowStyles } from './workflow-styles.js';

/**
 * The run history: every run on this device, newest first, following the database (runs of other tabs and of the
 * engine appear as they start and progress). Filters by workflow, status, trigger and time, kept in the link; a
 * virtualised list, so thousands of runs scroll smoothly. Loads a saved run file; deletes finished runs.
 * @summary Workflows › Runs.
 */
@customElement('comet-workflow-history')
export class CometWorkflowHistory extends LitElement {
  static override styles = [baseStyles, viewStyles, workflowStyles, historyStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The services (set by <comet-workflows-view>). */
  @property({ attribute: false }) accessor services: RunViewServices | undefined;
  /** The clock of times and durations (default: the supervisor's, else the system clock). */
  @property({ attribute: false }) accessor clock: Clock | undefined;
  /** The filters; taken from the link when the element connects, written back to it on change. */
  @property({ attribute: false }) accessor filter: RunFilter = NO_FILTER;

  /** Runs to delete, waiting for the person to confirm. */
  @state() accessor deleting: RunRow[] | undefined;
  @state() accessor busy = false;
  /** Why the last "Load run from file" failed. */
  @state() accessor loadError: { file: string; message: string } | undefined;
  @state() accessor tick = 0;

  @query('input[type="file"]') accessor fileInput: HTMLInputElement | null = null;

  readonly #runs = new LiveQueryController<RunRow[]>(
    this,
    () => {
      const db = this.services?.db;
      const filter = this.filter;
      return db ? () => queryRuns(db, filter, this.#clock().now()) : undefined;
    },
    () => this.#queryKey(),
  );
  #key: { db: CometDB | undefined; filter: RunFilter } = { db: undefined, filter: NO_FILTER };
  #timer: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#readHash();
    window.addEventListener('hashchange', this.#readHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#readHash);
    if (this.#timer !== undefined) this.#clock().clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  protected override updated(): void {
    // A custom property set through the CSSOM (the CSP forbids style attributes): the list's height follows its rows.
    this.style.setProperty('--runs-listed', String(this.#runs.value?.length ?? 0));
    // Durations of unfinished runs move: re-render every few seconds while one is listed.
    const live = this.#runs.value?.some((r) => !FINISHED_RUN.has(r.status));
    if (!live || this.#timer !== undefined) return;
    this.#timer = this.#clock().setTimeout(() => {
      this.#timer = undefined;
      this.tick++;
    }, 2000);
  }

  override render() {
    const rows = this.#runs.value;
    return html`
      <div class="section-header">
        <div>
          <h2>Runs</h2>
          <p>Every run on this device, newest first. Open one to follow it live, re-run it or save it as a file.</p>
        </div>
        <div class="actions">
          <wa-button size="s" appearance="outlined" ?loading=${this.busy} @click=${() => this.fileInput?.click()}
            ><span slot="start">${icon('upload')}</span>Load run from file…</wa-button
          >
          ${jsonFileInput((text, name) => this.loadText(text, name))}
        </div>
      </div>
      ${this.#renderLoadError()}
      <comet-workflow-run-filters
        class="filters"
        .db=${this.services?.db}
        .filter=${this.filter}
        @comet-run-filter-change=${(e: RunFilterChangeEvent) => this.setFilter(e.detail.filter)}
      ></comet-workflow-run-filters>
      ${
        this.#runs.error
          ? html`<p class="panel empty error-text" role="alert">
              The runs could not be read: ${errorMessage(this.#runs.error)}
            </p>`
          : rows === undefined
            ? html`<div class="panel skeleton-list" aria-busy="true" aria-label="Loading runs"></div>`
            : rows.length
              ? this.#renderList(rows)
              : this.#renderEmpty()
      }
      ${this.#renderDeleteDialog()}
    `;
  }

  #renderList(rows: RunRow[]) {
    const finished = rows.filter((r) => FINISHED_RUN.has(r.status));
    const now = this.#clock().now();
    return html`<section class="panel list" aria-labelledby="runs-title">
      <div class="panel-header">
        <h3 id="runs-title">
          ${rows.length.toLocaleString('en')}${rows.length === RUNS_LISTED ? '+' : ''}
          ${rows.length === 1 ? 'run' : 'runs'}
        </h3>
        ${rows.length === RUNS_LISTED ? html`<span class="meta">The newest ${RUNS_LISTED.toLocaleString('en')} are listed: narrow the filters to see older ones.</span>` : nothing}
        <wa-button
          size="s"
          appearance="plain"
          variant="danger"
          ?disabled=${!finished.length}
          @click=${() => (this.deleting = finished)}
          ><span slot="start">${icon('trash')}</span>Delete ${finished.length} finished…</wa-button
        >
      </div>
      <div class="head" aria-hidden="true">
        <span>Status</span><span>Workflow</span><span>Started</span><span class="num">Duration</span
        ><span>Progress</span><span></span>
      </div>
      <lit-virtualizer
        scroller
        role="list"
        aria-label="Runs, newest first"
        .items=${rows}
        .renderItem=${(row: unknown) => this.#renderRow(row as RunRow, now)}
      ></lit-virtualizer>
    </section>`;
  }

  #renderRow(row: RunRow, now: number) {
    const look = RUN_STATUS[row.status];
    const duration = elapsed(row.startedAt, row.finishedAt, now);
    const percent = row.stepsTotal ? Math.round((row.stepsDone / row.stepsTotal) * 100) : 0;
    const link = href(`workflows/run/${encodeURIComponent(row.id)}`);
    return html`<div class="row ${row.status}" role="listitem">
      <a class="open" href=${link}>
        <span><span class="chip ${look.chip}">${icon(look.icon)}${look.label}</span></span>
        <span class="who">
          <span class="name">${row.workflowName}</span>
          <span class="meta"
            ><span class="visually-hidden">, run </span><code>${shortId(row.id)}</code> ·
            ${describeOrigin(row.origin)}</span
          >
        </span>
        <span class="time" title=${formatFullTime(row.createdAt)}
          ><span class="visually-hidden">, at </span>${formatWhen(row.startedAt ?? row.createdAt, now)}</span
        >
        <span class="num"
          >${duration === undefined ? '—' : html`<span class="visually-hidden">, took </span>${formatDuration(duration)}`}</span
        >
        <span class="progress">
          <svg class="track" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
            <rect class="rail" width="100" height="6" rx="3"></rect>
            <rect class="fill ${row.status}" width=${percent} height="6" rx="3"></rect>
          </svg>
          <span class="meta"
            ><span class="visually-hidden">, steps finished: </span>${row.stepsDone}/${row.stepsTotal}</span
          >
        </span>
      </a>
      ${
        FINISHED_RUN.has(row.status)
          ? html`<button
              type="button"
              class="icon-button danger"
              title="Delete this run"
              @click=${() => (this.deleting = [row])}
            >
              ${icon('trash')}<span class="visually-hidden">Delete run ${shortId(row.id)} of ${row.workflowName}</span>
            </button>`
          : html`<span class="no-delete"></span>`
      }
    </div>`;
  }

  #renderEmpty() {
    if (isFiltered(this.filter))
      return html`<section class="panel empty-state">
        <h3>No runs match these filters</h3>
        <p>Runs that match will appear here as soon as they start.</p>
        <wa-button size="s" appearance="outlined" @click=${() => this.setFilter(NO_FILTER)}
          >Clear the filters</wa-button
        >
      </section>`;
    return html`<section class="panel empty-state" aria-labelledby="no-runs">
      <span class="big-glyph" aria-hidden="true">${icon('activity')}</span>
      <h3 id="no-runs">No runs yet</h3>
      <p>
        A run starts when you run a workflow from its page, when its schedule comes due, or when the event it waits for
        is published. Each run shows up here the moment it starts, and you can follow it step by step.
      </p>
      <div class="actions center">
        <wa-button size="s" variant="brand" href=${href('workflows')}>Open your workflows</wa-button>
        <wa-button size="s" appearance="outlined" href=${href('workflows/new')}>Start from a template</wa-button>
      </div>
    </section>`;
  }

  #renderLoadError() {
    const failed = this.loadError;
    if (!failed) return nothing;
    return html`<wa-callout variant="danger" class="load-error" role="alert">
      <strong><code>${failed.file}</code> was not loaded.</strong>
      <p>${failed.message}</p>
      <wa-button size="s" appearance="plain" @click=${() => (this.loadError = undefined)}>Dismiss</wa-button>
    </wa-callout>`;
  }

  #renderDeleteDialog() {
    const runs = this.deleting ?? [];
    const one = runs.length === 1 ? runs[0] : undefined;
    return html`<wa-dialog
      label=${one ? `Delete run ${shortId(one.id)}?` : `Delete ${runs.length} finished runs?`}
      ?open=${this.deleting !== undefined}
      @wa-after-hide=${(e: Event) => {
        if (e.target === e.currentTarget) this.deleting = undefined;
      }}
    >
      <p>
        ${one ? html`The run of <strong>${one.workflowName}</strong> and its step log are` : 'These runs and their step logs are'}
        deleted from this browser. Save a run as a file first if you want to keep it.
      </p>
      <div slot="footer">
        <wa-button size="s" appearance="outlined" ?disabled=${this.busy} @click=${() => (this.deleting = undefined)}
          >Keep</wa-button
        >
        <wa-button
          size="s"
          variant="danger"
          ?loading=${this.busy}
          @click=${() => void this.deleteRuns(runs.map((r) => r.id))}
          >Delete</wa-button
        >
      </div>
    </wa-dialog>`;
  }

  /** Applies a filter and writes it into the link (replacing the history entry: filters are not navigation). */
  setFilter(filter: RunFilter): void {
    this.filter = filter;
    if (location.hash.startsWith('#/workflows/runs')) history.replaceState(history.state, '', hashOfFilter(filter));
  }

  /** Deletes finished runs and their logs in one transaction. */
  async deleteRuns(ids: string[]): Promise<void> {
    const runs = this.services?.runs;
    if (!runs) return;
    this.busy = true;
    try {
      await runs.deleteRuns(ids);
      this.deleting = undefined;
      this.platform?.toasts.show({
        variant: 'success',
        title: ids.length === 1 ? 'Run deleted' : `${ids.length} runs deleted`,
      });
    } catch (error) {
      this.platform?.toasts.error(error, 'The runs were not deleted');
    } finally {
      this.busy = false;
    }
  }

  /** Loads a saved run file and opens the run; the engine resumes it if it had not finished. */
  async loadText(text: string, file = 'The file'): Promise<void> {
    const runs = this.services?.runs;
    if (!runs) return;
    this.busy = true;
    try {
      const id = await runs.importRun(text);
      this.loadError = undefined;
      location.hash = href(`workflows/run/${encodeURIComponent(id)}`);
    } catch (error) {
      this.loadError = { file, message: errorMessage(error) };
    } finally {
      this.busy = false;
    }
  }

  /** A link to the history with other filters ('#/workflows/runs?workflow=digest') keeps this element: re-read it. */
  #readHash = () => {
    if (location.hash.startsWith('#/workflows/runs')) this.filter = filterFromHash(location.hash);
  };

  #queryKey(): object {
    const db = this.services?.db;
    if (db !== this.#key.db || this.filter !== this.#key.filter) this.#key = { db, filter: this.filter };
    return this.#key;
  }

  #clock(): Clock {
    return this.clock ?? this.services?.supervisor?.clock ?? systemClock;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-history': CometWorkflowHistory;
  }
}
