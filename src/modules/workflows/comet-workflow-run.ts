import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { errorMessage } from '../../core/errors.js';
import type { PendingApproval } from '../../core/supervisor/events.js';
import type { CometDB } from '../../db/db.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { downloadText } from '../../ui/json-files.js';
import type { ApprovalAnswerEvent } from '../supervisor/comet-approval-card.js';
import { PendingApprovalsController } from '../supervisor/pending-approvals.js';
import type { SupervisorServices } from '../supervisor/supervisor-services.js';
import './comet-workflow-dag.js';
import type { StepSelectEvent } from './comet-workflow-dag.js';
import './comet-workflow-run-header.js';
import type { RunCommandEvent } from './comet-workflow-run-header.js';
import './comet-workflow-run-json.js';
import './comet-workflow-run-step.js';
import type { RerunStepEvent } from './comet-workflow-run-step.js';
import './comet-workflow-run-steps.js';
import type { CometWorkflowRunSteps } from './comet-workflow-run-steps.js';
import { runStyles } from './comet-workflow-run.styles.js';
import { progressOf, foldRun } from './engine/run-state.js';
import type { RunEvent, RunRow, RunState } from './engine/run-types.js';
import { LiveQueryController } from './live-query-controller.js';
import { FINISHED_RUN, shortId } from './run-format.js';
import type { OrchestratorStatus, RunClient } from './services/types.js';
import { workflowStyles } from './workflow-styles.js';

/** What the run view and the run history use (a subset of the workflow services). */
export interface RunViewServices {
  db: CometDB;
  /** The commands the views give (a person starts runs elsewhere: the editor, triggers). */
  runs: Pick<RunClient, 'pause' | 'resume' | 'cancel' | 'rerun' | 'exportRun' | 'importRun' | 'deleteRuns'>;
  /** For approval prompts of this tab and the clock; absent in some tests. */
  supervisor?: Pick<SupervisorServices, 'supervisor' | 'clock'>;
  /** Where the engine runs: commands wait while no tab runs it. */
  status?: { get(): OrchestratorStatus; subscribe(fn: (s: OrchestratorStatus) => void): () => void };
}

/** A run's row and log as the database holds them now. */
interface RunRecord {
  row: RunRow | undefined;
  events: RunEvent[];
}

/**
 * One run, live: who started it and how far it got, the controls (pause, resume, cancel, re-run from a failed step,
 * save as a file), the step graph coloured by state, the step table and the chosen step's details. It follows the
 * run's log in the database (written by the leader tab's engine) and folds it again on every change.
 * @summary Workflows › Runs › one run.
 */
@customElement('comet-workflow-run')
export class CometWorkflowRun extends LitElement {
  static override styles = [baseStyles, viewStyles, workflowStyles, runStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The services (set by <comet-workflows-view>). */
  @property({ attribute: false }) accessor services: RunViewServices | undefined;
  /** The run shown. */
  @property() accessor runId = '';
  /** The clock of countdowns and running durations (default: the supervisor's, else the system clock). */
  @property({ attribute: false }) accessor clock: Clock | undefined;

  /** The chosen step (by default: the failed step, else the first running one, else the first). */
  @state() accessor selected: string | undefined;
  @state() accessor now = 0;
  @state() accessor busy: 'pause' | 'resume' | 'cancel' | 'rerun' | 'save' | undefined;
  @state() accessor engine: OrchestratorStatus | undefined;

  @query('comet-workflow-run-steps') accessor table: CometWorkflowRunSteps | null = null;

  readonly #record = new LiveQueryController<RunRecord>(
    this,
    () => {
      const { db } = this.services ?? {};
      const id = this.runId;
      if (!db || !id) return undefined;
      return async () => {
        const [row, events] = await Promise.all([
          db.runs.get(id),
          db.runEvents.where('[runId+seq]').between([id, 0], [id, Infinity]).toArray(),
        ]);
        return { row, events };
      };
    },
    () => this.#queryKey(),
  );
  readonly #busApprovals = new PendingApprovalsController(this, () => this.platform?.bus);
  /** This tab's own approval queue (the bus only carries changes made after this view opened). */
  #localApprovals: readonly PendingApproval[] = [];
  #unsubscribe: (() => void)[] = [];
  #key: { db: CometDB | undefined; runId: string } = { db: undefined, runId: '' };
  #folded: { events: RunEvent[]; state: RunState | undefined } | undefined;
  #timer: number | undefined;
  /** The run whose table was scrolled to its step. */
  #shownAt: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#stopTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.isConnected) this.#follow();
    if (changed.has('runId')) this.selected = undefined;
  }

  protected override updated(): void {
    this.#schedule();
    const run = this.runState;
    if (run && this.table && this.#shownAt !== run.runId) {
      // Once per run: a long table opens scrolled to the step that matters (failed, retrying or running).
      this.#shownAt = run.runId;
      const step = this.#selectedStep(run);
      if (step) void this.table.scrollToStep(step);
    }
  }

  /** The run's state folded from its log; folded again only when the log changed. */
  get runState(): RunState | undefined {
    const events = this.#record.value?.events;
    if (!events) return undefined;
    if (this.#folded?.events !== events) this.#folded = { events, state: foldRun(events) };
    return this.#folded.state;
  }

  /** After a navigation: the run's heading. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    const header = this.renderRoot.querySelector('comet-workflow-run-header');
    if (header) return header.focusHeading();
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  override render() {
    if (this.#record.error)
      return html`<div class="panel message error" role="alert">
        The run could not be read: ${errorMessage(this.#record.error)}
      </div>`;
    const record = this.#record.value;
    if (!record) return html`<div class="loading" aria-busy="true" aria-label="Loading the run"></div>`;
    const run = this.runState;
    if (!record.row || !run) return this.#renderMissing();
    // Read at every render (the ticker's `now` only asks for one): durations and countdowns are never stale.
    const now = this.#clock().now();
    const selected = this.#selectedStep(run);
    const approvals = this.#approvals(run);
    return html`
      <comet-workflow-run-header
        .run=${run}
        .row=${record.row}
        .now=${now}
        .busy=${this.busy}
        .engine=${this.engine}
        @comet-run-command=${this.#onCommand}
        @comet-rerun-step=${(e: RerunStepEvent) => void this.rerun(e.detail.stepId)}
      ></comet-workflow-run-header>
      <div class="columns">
        <div class="main">
          <section class="panel" aria-labelledby="graph-title">
            <div class="panel-header">
              <h2 id="graph-title">Graph</h2>
              <span class="meta">Choose a step to see its details</span>
            </div>
            <div class="panel-body">
              <comet-workflow-dag
                .definition=${run.workflow}
                .run=${run}
                .selected=${selected}
                @comet-step-select=${this.#onSelect}
              ></comet-workflow-dag>
            </div>
          </section>
          <section class="panel steps" aria-labelledby="steps-title">
            <div class="panel-header">
              <h2 id="steps-title">Steps</h2>
              <span class="meta">${this.#progressText(run)}</span>
            </div>
            <comet-workflow-run-steps
              .run=${run}
              .now=${now}
              .selected=${selected}
              .waiting=${new Set(approvals.keys())}
              @comet-step-select=${this.#onSelect}
            ></comet-workflow-run-steps>
          </section>
          ${this.#renderData(run)}
        </div>
        <aside class="panel details" aria-label="Step details">
          <comet-workflow-run-step
            .run=${run}
            .stepId=${selected}
            .now=${now}
            .approval=${selected ? approvals.get(selected) : undefined}
            .clock=${this.#clock()}
            ?canRerun=${FINISHED_RUN.has(run.status) && this.busy !== 'rerun'}
            @comet-rerun-step=${(e: RerunStepEvent) => void this.rerun(e.detail.stepId)}
            @comet-approval-answer=${this.#answer}
          ></comet-workflow-run-step>
        </aside>
      </div>
    `;
  }

  #renderData(run: RunState) {
    const hasInputs = Object.keys(run.inputs).length > 0;
    if (!hasInputs && run.output === undefined) return nothing;
    return html`<section class="panel" aria-labelledby="data-title">
      <div class="panel-header"><h2 id="data-title">Inputs and output</h2></div>
      <div class="panel-body data">
        ${hasInputs ? html`<comet-workflow-run-json label="Inputs" .value=${run.inputs}></comet-workflow-run-json>` : nothing}
        ${run.output === undefined ? nothing : html`<comet-workflow-run-json label="Output of the run" .value=${run.output}></comet-workflow-run-json>`}
      </div>
    </section>`;
  }

  #renderMissing() {
    return html`<section class="panel missing">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href=${href('workflows')}>Workflows</a><span aria-hidden="true">›</span>
        <a href=${href('workflows/runs')}>Runs</a><span aria-hidden="true">›</span>
      </nav>
      <h1 tabindex="-1">No run “${shortId(this.runId)}”</h1>
      <p class="quiet">
        It may have been deleted, or it was saved in another browser: load its file from the run history.
      </p>
      <wa-button size="s" variant="brand" href=${href('workflows/runs')}>Show all runs</wa-button>
    </section>`;
  }

  #progressText(run: RunState): string {
    const { done, total } = progressOf(run);
    return `${done} of ${total} finished`;
  }

  /** The chosen step, else the one that needs attention: failed, waiting to retry, running, or the first. */
  #selectedStep(run: RunState): string | undefined {
    if (this.selected && run.steps[this.selected]) return this.selected;
    const steps = run.workflow.steps.map((s) => run.steps[s.id]).filter(Boolean);
    const pick = (status: string) => steps.find((s) => s.status === status)?.stepId;
    return pick('failed') ?? pick('retrying') ?? pick('running') ?? steps[0]?.stepId;
  }

  /** The approval prompts steps of this run wait on, by step (the prompt names its step; older ones only the run). */
  #approvals(run: RunState): Map<string, PendingApproval> {
    const byStep = new Map<string, PendingApproval>();
    const pending = new Map([...this.#busApprovals.pending, ...this.#localApprovals].map((p) => [p.id, p]));
    for (const approval of pending.values()) {
      if (approval.runId !== run.runId) continue;
      if (approval.stepId !== undefined && run.steps[approval.stepId]) {
        byStep.set(approval.stepId, approval);
        continue;
      }
      const step = run.workflow.steps.find(
        (s) =>
          !byStep.has(s.id) &&
          s.capability === approval.capability &&
          [run.steps[s.id], ...(run.steps[s.id]?.items ?? [])].some((x) => x?.status === 'running'),
      );
      if (step) byStep.set(step.id, approval);
    }
    return byStep;
  }

  /** Re-runs from a failed step and opens the new run. */
  async rerun(stepId: string): Promise<void> {
    const runs = this.services?.runs;
    if (!runs) return;
    this.busy = 'rerun';
    try {
      const id = await runs.rerun(this.runId, stepId);
      location.hash = href(`workflows/run/${encodeURIComponent(id)}`);
    } catch (error) {
      this.platform?.toasts.error(error, 'The run was not started again');
    } finally {
      this.busy = undefined;
    }
  }

  /** Saves the run (definition, inputs and log) as a file that "Load run from file" takes back. */
  async save(): Promise<void> {
    const runs = this.services?.runs;
    if (!runs) return;
    this.busy = 'save';
    try {
      const text = await runs.exportRun(this.runId);
      const run = this.runState;
      downloadText(text, `${run?.workflow.id ?? 'run'}-${shortId(this.runId)}.run.json`);
    } catch (error) {
      this.platform?.toasts.error(error, 'The run was not saved');
    } finally {
      this.busy = undefined;
    }
  }

  async #command(command: 'pause' | 'resume' | 'cancel'): Promise<void> {
    const runs = this.services?.runs;
    if (!runs) return;
    this.busy = command;
    try {
      await runs[command](this.runId);
    } catch (error) {
      this.platform?.toasts.error(
        error,
        `The run could not be ${{ pause: 'paused', resume: 'resumed', cancel: 'cancelled' }[command]}`,
      );
    } finally {
      this.busy = undefined;
    }
  }

  #onCommand = (event: RunCommandEvent) => {
    const { command } = event.detail;
    void (command === 'save' ? this.save() : this.#command(command));
  };

  #onSelect = (event: StepSelectEvent) => {
    const from = event.target;
    this.selected = event.detail.stepId;
    // Chosen in the graph: bring its row into view too (the details panel shows it either way).
    if (from !== this.table) void this.table?.reveal(event.detail.stepId);
  };

  #answer = (event: ApprovalAnswerEvent) => {
    const { id, answer } = event.detail;
    try {
      this.platform?.bus.publish('supervisor.approval.answer', { id, answer });
    } catch (error) {
      this.platform?.toasts.error(error, 'The answer could not be sent');
    }
  };

  /** The same object while the database and the run stay the same: the live query restarts when it changes. */
  #queryKey(): object {
    const db = this.services?.db;
    if (db !== this.#key.db || this.runId !== this.#key.runId) this.#key = { db, runId: this.runId };
    return this.#key;
  }

  #clock(): Clock {
    return this.clock ?? this.services?.supervisor?.clock ?? systemClock;
  }

  /** Follows this tab's approval queue and the engine's whereabouts. */
  #follow(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    const services = this.services;
    const queue = services?.supervisor?.supervisor.approvals;
    if (queue)
      this.#unsubscribe.push(
        queue.subscribe((pending) => {
          this.#localApprovals = pending;
          this.requestUpdate();
        }),
      );
    if (services?.status) {
      this.engine = services.status.get();
      this.#unsubscribe.push(services.status.subscribe((s) => (this.engine = s)));
    }
  }

  /** Ticks once a second while something runs, so durations and retry countdowns move. */
  #schedule(): void {
    const run = this.runState;
    const live = run !== undefined && !FINISHED_RUN.has(run.status);
    if (!live || this.#timer !== undefined) {
      if (!live) this.#stopTimer();
      return;
    }
    const clock = this.#clock();
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined;
      this.now = clock.now();
    }, 1000);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) this.#clock().clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-run': CometWorkflowRun;
  }
}
