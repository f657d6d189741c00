import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatCountdown } from '../supervisor/approval-answers.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { STEP_ROW_HEIGHT, stepsStyles } from './comet-workflow-run-steps.styles.js';
import type { RunState, StepState } from './engine/run-types.js';
import type { WorkflowStep } from './model/types.js';
import { STEP_STATUS, elapsed, formatDuration, formatWhen } from './run-format.js';
import { workflowStyles } from './workflow-styles.js';

/** Above this many steps only the rows on screen are rendered. */
export const VIRTUALIZE_ABOVE = 100;

/** A row: the step's definition and its state in the run. */
interface Row {
  step: WorkflowStep;
  state: StepState;
}

/**
 * The steps of a run as a table, in the workflow's order: status, attempts, when each started, how long it took and
 * when its next retry is due. Long workflows (over 100 steps) are virtualised. The table is one Tab stop; the arrow
 * keys, Home and End move between rows; a click or Enter chooses a step.
 * @summary The step table of the run view.
 * @fires comet-step-select - A step was chosen ({ stepId }).
 */
@customElement('comet-workflow-run-steps')
export class CometWorkflowRunSteps extends LitElement {
  static override styles = [baseStyles, workflowStyles, stepsStyles];

  /** The run whose steps are shown. */
  @property({ attribute: false }) accessor run: RunState | undefined;
  /** The time durations of running steps and retry countdowns are measured to. */
  @property({ attribute: false }) accessor now = 0;
  /** The chosen step. */
  @property() accessor selected: string | undefined;
  /** Steps waiting for a person's approval. */
  @property({ attribute: false }) accessor waiting: ReadonlySet<string> = new Set();

  /** The row that takes Tab focus (a roving tabindex). */
  @state() accessor focusIndex = 0;

  @query('lit-virtualizer') accessor virtualizer: LitVirtualizer<Row> | null = null;

  #rows: Row[] = [];

  override render() {
    const run = this.run;
    if (!run) return nothing;
    this.#rows = run.workflow.steps.map((step) => ({ step, state: run.steps[step.id] }));
    const head = html`<div class="head" aria-hidden="true">
      <span>Step</span><span>Capability</span><span>Status</span><span class="num">Tries</span><span>Started</span
      ><span class="num">Took</span><span>Retry</span>
    </div>`;
    const label = `Steps of this run: ${this.#rows.length}`;
    if (this.#rows.length > VIRTUALIZE_ABOVE)
      return html`${head}<lit-virtualizer
          scroller
          role="list"
          aria-label=${label}
          .items=${this.#rows}
          .renderItem=${(row: unknown, index: number) => html`<div role="listitem">${this.#renderRow(row as Row, index)}</div>`}
          @keydown=${this.#onKeyDown}
        ></lit-virtualizer>`;
    return html`${head}
      <ul class="rows" aria-label=${label} @keydown=${this.#onKeyDown}>
        ${this.#rows.map((row, index) => html`<li>${this.#renderRow(row, index)}</li>`)}
      </ul>`;
  }

  #renderRow({ step, state }: Row, index: number) {
    const waiting = this.waiting.has(step.id);
    const look = STEP_STATUS[state.status];
    const attempts = state.attempts.at(-1)?.attempt ?? 0;
    const items = state.items;
    const done = items?.filter((i) => ['succeeded', 'failed', 'skipped', 'cancelled'].includes(i.status)).length;
    const duration = elapsed(state.startedAt, state.finishedAt, this.now);
    const retryIn = state.status === 'retrying' && state.retryAt !== undefined ? state.retryAt - this.now : undefined;
    const name = step.name || step.id;
    return html`<button
      type="button"
      class="row ${state.status}"
      data-step=${step.id}
      data-index=${index}
      tabindex=${index === Math.min(this.#focusIndex(), this.#rows.length - 1) ? 0 : -1}
      aria-pressed=${step.id === this.selected ? 'true' : 'false'}
      @click=${() => this.#select(step.id)}
      @focus=${() => (this.focusIndex = index)}
    >
      <span class="name" title=${step.id}><span class="bar" aria-hidden="true"></span>${name}</span>
      <code class="cap"
        ><span class="visually-hidden">, runs </span
        >${step.capability ?? (step.workflow ? `workflow ${step.workflow}` : '—')}</code
      >
      <span
        ><span class="visually-hidden">, </span>${
          waiting
            ? html`<span class="chip warn"
                >${icon('hand')}<span class="visually-hidden">Waiting for </span>Approval</span
              >`
            : html`<span class="chip ${look.chip}">${look.label}</span>`
        }</span
      >
      <span class="num"
        >${
          items
            ? html`<span class="visually-hidden">, items finished: </span>${done}/${items.length}`
            : attempts
              ? html`<span class="visually-hidden">, attempts: </span>${attempts}`
              : '—'
        }</span
      >
      <span class="time"
        >${
          state.startedAt === undefined
            ? '—'
            : html`<span class="visually-hidden">, started </span>${formatWhen(state.startedAt, this.now)}`
        }</span
      >
      <span class="num"
        >${duration === undefined ? '—' : html`<span class="visually-hidden">, took </span>${formatDuration(duration)}`}</span
      >
      <span class="retry"
        >${
          retryIn === undefined
            ? nothing
            : html`${icon('refresh')}<span class="visually-hidden">, next retry</span> in ${formatCountdown(retryIn)}`
        }</span
      >
    </button>`;
  }

  /** The roving row: the one focused last, else the chosen step. */
  #focusIndex(): number {
    const selected = this.#rows.findIndex((r) => r.step.id === this.selected);
    return this.focusIndex || Math.max(0, selected);
  }

  #select(stepId: string): void {
    this.dispatchEvent(new CustomEvent('comet-step-select', { detail: { stepId } }));
  }

  /** Scrolls a long table to a step's row, without moving focus (the run view opens on the step that matters). */
  async scrollToStep(stepId: string): Promise<void> {
    await this.updateComplete;
    const index = this.#rows.findIndex((r) => r.step.id === stepId);
    const virtualizer = this.virtualizer;
    if (index < 0 || !virtualizer) return;
    // The virtualizer sizes its content from an estimate until it has measured rows on screen: wait (a few frames at
    // most) for the measured size, or a scroll set now would be rescaled.
    const full = this.#rows.length * STEP_ROW_HEIGHT;
    for (let frame = 0; frame < 30 && Math.abs(virtualizer.scrollHeight - full) > STEP_ROW_HEIGHT; frame++)
      await new Promise((resolve) => requestAnimationFrame(resolve));
    // container 'nearest' scrolls the table only, never the page (the person may be reading something else).
    virtualizer.element(index)?.scrollIntoView({ block: 'center', container: 'nearest' } as ScrollIntoViewOptions);
  }

  /** Brings a step's row into view and focuses it. */
  async reveal(stepId: string): Promise<void> {
    const index = this.#rows.findIndex((r) => r.step.id === stepId);
    if (index >= 0) await this.#focusRow(index);
  }

  async #focusRow(index: number): Promise<void> {
    this.focusIndex = index;
    await this.updateComplete;
    const virtualizer = this.virtualizer;
    if (virtualizer) {
      virtualizer.element(index)?.scrollIntoView({ block: 'nearest' });
      await virtualizer.layoutComplete?.catch(() => undefined);
    }
    this.renderRoot.querySelector<HTMLElement>(`.row[data-index="${index}"]`)?.focus();
  }

  #onKeyDown = (event: KeyboardEvent) => {
    const row = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.matches('.row'));
    if (!row) return;
    const index = Number(row.dataset.index);
    const last = this.#rows.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + 10,
      PageUp: index - 10,
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    void this.#focusRow(Math.max(0, Math.min(last, target)));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-run-steps': CometWorkflowRunSteps;
  }
}
