import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CometDB } from '../../db/db.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { LiveQueryController } from './live-query-controller.js';
import { TRIGGER_WORDS } from './run-format.js';
import { NO_FILTER, RUN_RANGES, RUN_STATUS_FILTERS, isFiltered, type RunFilter } from './run-filter.js';

/** A filter of the run history was changed or cleared; `filter` is the whole new filter. */
export type RunFilterChangeEvent = CustomEvent<{ filter: RunFilter }>;

/** The workflows a filter offers: every workflow that has runs or is saved, by name. */
interface WorkflowChoice {
  id: string;
  name: string;
}

/**
 * The run history's filters: workflow (saved ones and those runs name, following the database), status, how the
 * run started and time, with Clear. It shows `filter` and says what the person picks; the history applies it.
 * @summary Workflows › Runs › filters.
 * @fires comet-run-filter-change - A filter was changed or cleared ({ filter }).
 */
@customElement('comet-workflow-run-filters')
export class CometWorkflowRunFilters extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        grid-template-columns: minmax(180px, 1.4fr) repeat(3, minmax(140px, 1fr)) auto;
        gap: var(--comet-space-xs);
        align-items: end;
      }
      /* The history is the container: narrow, the filters take two columns. */
      @container run-history (max-width: 820px) {
        form {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
    `,
  ];

  /** The database whose workflows and runs the workflow filter offers. */
  @property({ attribute: false }) accessor db: CometDB | undefined;
  /** The filter shown. */
  @property({ attribute: false }) accessor filter: RunFilter = NO_FILTER;

  readonly #workflows = new LiveQueryController<WorkflowChoice[]>(
    this,
    () => {
      const db = this.db;
      return db ? () => workflowChoices(db) : undefined;
    },
    () => this.db,
  );

  override render() {
    const f = this.filter;
    const workflows = this.#workflows.value ?? [];
    const offered =
      f.workflow === 'any' || workflows.some((w) => w.id === f.workflow)
        ? workflows
        : [...workflows, { id: f.workflow, name: f.workflow }];
    return html`<form aria-label="Filter runs" @submit=${(e: Event) => e.preventDefault()}>
      <wa-select size="s" label="Workflow" name="workflow" .value=${f.workflow} @change=${this.#onSelect}>
        <wa-option value="any">Any workflow</wa-option>
        ${offered.map((w) => html`<wa-option value=${w.id}>${w.name}</wa-option>`)}
      </wa-select>
      <wa-select size="s" label="Status" name="status" .value=${f.status} @change=${this.#onSelect}>
        ${RUN_STATUS_FILTERS.map((s) => html`<wa-option value=${s.id}>${s.label}</wa-option>`)}
      </wa-select>
      <wa-select size="s" label="Started" name="trigger" .value=${f.trigger} @change=${this.#onSelect}>
        <wa-option value="any">Any way</wa-option>
        ${Object.entries(TRIGGER_WORDS).map(([id, label]) => html`<wa-option value=${id}>${label}</wa-option>`)}
      </wa-select>
      <wa-select size="s" label="Time" name="range" .value=${f.range} @change=${this.#onSelect}>
        ${RUN_RANGES.map((r) => html`<wa-option value=${r.id}>${r.label}</wa-option>`)}
      </wa-select>
      <wa-button size="s" appearance="plain" ?disabled=${!isFiltered(f)} @click=${() => this.#change(NO_FILTER)}
        >Clear</wa-button
      >
    </form>`;
  }

  #onSelect = (event: Event) => {
    const select = event.target as HTMLElement & { name: string; value: string };
    this.#change({ ...this.filter, [select.name]: select.value });
  };

  #change(filter: RunFilter): void {
    // Not composed: only the history, whose shadow root holds this element, applies it.
    this.dispatchEvent(new CustomEvent('comet-run-filter-change', { detail: { filter }, bubbles: true }));
  }
}

/** Saved workflows and those runs name, by name. */
async function workflowChoices(db: CometDB): Promise<WorkflowChoice[]> {
  const [saved, ids] = await Promise.all([
    db.workflows.where('kind').equals('workflow').toArray(),
    db.runs.orderBy('workflowId').uniqueKeys(),
  ]);
  const names = new Map(saved.map((row) => [row.id, row.definition.name || row.id]));
  // workflowId is a string index, so its unique keys are strings.
  for (const id of ids as string[]) if (!names.has(id)) names.set(id, id);
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-run-filters': CometWorkflowRunFilters;
  }
  interface HTMLElementEventMap {
    'comet-run-filter-change': RunFilterChangeEvent;
  }
}
