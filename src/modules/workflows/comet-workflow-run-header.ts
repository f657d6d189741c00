import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import '@awesome.me/webawesome/dist/components/progress-bar/progress-bar.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon } from '../../ui/icons.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { headerStyles } from './comet-workflow-run-header.styles.js';
import { progressOf } from './engine/run-state.js';
import type { RunRow, RunState } from './engine/run-types.js';
import {
  FINISHED_RUN,
  RUN_STATUS,
  describeOrigin,
  elapsed,
  formatDuration,
  formatFullTime,
  shortId,
} from './run-format.js';
import type { OrchestratorStatus } from './services/types.js';
import { workflowStyles } from './workflow-styles.js';

/** A command of the run header: the run view carries it out. */
export type RunCommand = 'pause' | 'resume' | 'cancel' | 'save';

/** The person gave a command (cancel only once confirmed). */
export type RunCommandEvent = CustomEvent<{ command: RunCommand }>;

/** Words of a pending control request. */
const CONTROL_WORDS = { pause: 'Pausing…', resume: 'Resuming…', cancel: 'Cancelling…' } as const;

/**
 * The top of the run view: the workflow's name and the run's status, who started it and when, how long it took, the
 * controls (pause, resume, cancel once confirmed, save as a file), progress, a notice when no tab runs the engine,
 * and for a failed run what failed, with a re-run button per failed step.
 * @summary The header of the run view.
 * @fires comet-run-command - A control was used ({ command }).
 * @fires comet-rerun-step - Re-run from a failed step was chosen ({ stepId }).
 */
@customElement('comet-workflow-run-header')
export class CometWorkflowRunHeader extends LitElement {
  static override styles = [baseStyles, viewStyles, workflowStyles, headerStyles];

  /** The run's state. */
  @property({ attribute: false }) accessor run: RunState | undefined;
  /** Its summary row (the control request waiting for the engine, what it re-runs). */
  @property({ attribute: false }) accessor row: RunRow | undefined;
  /** The time running durations are measured to. */
  @property({ attribute: false }) accessor now = 0;
  /** The command being carried out, shown as loading. */
  @property() accessor busy: RunCommand | 'rerun' | undefined;
  /** Where the engine runs. */
  @property({ attribute: false }) accessor engine: OrchestratorStatus | undefined;

  @state() accessor confirmingCancel = false;

  /** Moves focus to the run's name. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  override render() {
    const { run, row, now } = this;
    if (!run || !row) return nothing;
    const look = RUN_STATUS[run.status];
    const { done, total } = progressOf(run);
    const duration = elapsed(run.startedAt, run.finishedAt, now);
    const finished = FINISHED_RUN.has(run.status);
    const control = row.control;
    return html`<header class="run-header">
        <div class="grow">
          <nav class="crumbs" aria-label="Breadcrumb">
            <a href=${href('workflows')}>Workflows</a><span aria-hidden="true">›</span>
            <a href=${href(`workflows/runs?workflow=${encodeURIComponent(run.workflow.id)}`)}>Runs</a
            ><span aria-hidden="true">›</span>
          </nav>
          <div class="title">
            <h1 tabindex="-1">${run.workflow.name || run.workflow.id}</h1>
            <span class="chip ${look.chip} status" role="status">${icon(look.icon)}${look.label}</span>
            ${control ? html`<span class="chip">${CONTROL_WORDS[control]}</span>` : nothing}
          </div>
          <p class="facts meta">
            <span>Run <code title=${run.runId}>${shortId(run.runId)}</code></span>
            <span>${describeOrigin(run.origin)}</span>
            <span
              >${run.startedAt === undefined ? `Queued ${formatFullTime(run.createdAt)}` : `Started ${formatFullTime(run.startedAt)}`}</span
            >
            ${run.finishedAt === undefined ? nothing : html`<span>Finished ${formatFullTime(run.finishedAt)}</span>`}
            ${duration === undefined ? nothing : html`<span>${finished ? 'Took' : 'Running for'} ${formatDuration(duration)}</span>`}
            ${
              row.rerunOf
                ? html`<span
                    >Re-run of
                    <a href=${href(`workflows/run/${encodeURIComponent(row.rerunOf.runId)}`)}
                      ><code>${shortId(row.rerunOf.runId)}</code></a
                    ></span
                  >`
                : nothing
            }
          </p>
        </div>
        <div class="actions">
          ${
            run.status === 'paused'
              ? html`<wa-button
                  size="s"
                  appearance="outlined"
                  ?loading=${this.busy === 'resume'}
                  ?disabled=${control !== undefined}
                  @click=${() => this.#command('resume')}
                  ><span slot="start">${icon('play')}</span>Resume</wa-button
                >`
              : nothing
          }
          ${
            run.status === 'running' || run.status === 'queued'
              ? html`<wa-button
                  size="s"
                  appearance="outlined"
                  ?loading=${this.busy === 'pause'}
                  ?disabled=${control !== undefined}
                  @click=${() => this.#command('pause')}
                  ><span slot="start">${icon('pause')}</span>Pause</wa-button
                >`
              : nothing
          }
          ${
            finished
              ? nothing
              : html`<wa-button
                  size="s"
                  variant="danger"
                  appearance="outlined"
                  ?disabled=${control === 'cancel'}
                  @click=${() => (this.confirmingCancel = true)}
                  ><span slot="start">${icon('close')}</span>Cancel run</wa-button
                >`
          }
          <wa-button
            size="s"
            appearance="outlined"
            ?loading=${this.busy === 'save'}
            @click=${() => this.#command('save')}
            ><span slot="start">${icon('download')}</span>Save run as file</wa-button
          >
        </div>
      </header>
      ${
        total > 1 || !finished
          ? html`<div class="progress">
              <wa-progress-bar
                class=${run.status}
                value=${total ? (done / total) * 100 : 0}
                label="Steps finished"
                ?indeterminate=${run.status === 'queued'}
              ></wa-progress-bar>
              <span class="meta">${done} of ${total} steps</span>
            </div>`
          : nothing
      }
      ${this.#renderEngineNotice(row)} ${this.#renderFailure(run, row)} ${this.#renderCancelDialog()}`;
  }

  /** Commands are carried out by the tab that runs the engine: say so when there is none. */
  #renderEngineNotice(row: RunRow) {
    const role = this.engine?.role;
    if (FINISHED_RUN.has(row.status) || !role || role === 'leader' || role === 'follower') return nothing;
    return html`<div class="panel message warn" role="status">
      ${icon('warning')}
      ${
        role === 'starting'
          ? 'The workflow engine is starting; the run continues in a moment.'
          : `The workflow engine is not running${this.engine?.reason ? ` (${this.engine.reason})` : ''}. The run continues when it runs again.`
      }
    </div>`;
  }

  /** A failed run: what failed and where, with a re-run button per failed step. */
  #renderFailure(run: RunState, row: RunRow) {
    if (run.status !== 'failed') return nothing;
    const failed = run.workflow.steps.filter((s) => run.steps[s.id]?.status === 'failed');
    return html`<section class="panel failure" aria-labelledby="failure-title">
      <span class="glyph" aria-hidden="true">${icon('danger')}</span>
      <div class="grow">
        <h2 id="failure-title">
          The run failed${row.error?.stepId ? html` at step <code>${row.error.stepId}</code>` : nothing}
        </h2>
        <p>${run.error?.message ?? row.error?.message ?? 'No reason was recorded.'}</p>
        ${
          failed.length
            ? html`<div class="actions">
                ${failed.map(
                  (s) =>
                    html`<wa-button
                      size="s"
                      appearance="outlined"
                      ?loading=${this.busy === 'rerun'}
                      @click=${() => this.#rerun(s.id)}
                      ><span slot="start">${icon('refresh')}</span>Re-run from ${s.name || s.id}</wa-button
                    >`,
                )}
              </div>`
            : nothing
        }
      </div>
    </section>`;
  }

  #renderCancelDialog() {
    return html`<wa-dialog
      label="Cancel this run?"
      ?open=${this.confirmingCancel}
      @wa-after-hide=${(e: Event) => {
        if (e.target === e.currentTarget) this.confirmingCancel = false;
      }}
    >
      <p>
        Steps that are running now are stopped; steps that have not started never will. Steps that already finished keep
        their results. A cancelled run cannot be resumed, but it can be run again.
      </p>
      <div slot="footer">
        <wa-button size="s" appearance="outlined" @click=${() => (this.confirmingCancel = false)}
          >Keep running</wa-button
        >
        <wa-button size="s" variant="danger" ?loading=${this.busy === 'cancel'} @click=${() => this.#confirmCancel()}
          >Cancel run</wa-button
        >
      </div>
    </wa-dialog>`;
  }

  #command(command: RunCommand): void {
    this.dispatchEvent(new CustomEvent('comet-run-command', { detail: { command } }));
  }

  #confirmCancel(): void {
    this.confirmingCancel = false;
    this.#command('cancel');
  }

  #rerun(stepId: string): void {
    this.dispatchEvent(new CustomEvent('comet-rerun-step', { detail: { stepId } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-run-header': CometWorkflowRunHeader;
  }
  interface HTMLElementEventMap {
    'comet-run-command': RunCommandEvent;
  }
}
