import '@awesome.me/webawesome/dist/components/button/button.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { systemClock, type Clock } from '../../core/clock.js';
import type { PendingApproval } from '../../core/supervisor/events.js';
import type { SerializedError } from '../../db/schema.js';
import { icon } from '../../ui/icons.js';
import { href } from '../../ui/router.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { formatCountdown } from '../supervisor/approval-answers.js';
import '../supervisor/comet-approval-card.js';
import './comet-workflow-run-json.js';
import { stepStyles } from './comet-workflow-run-step.styles.js';
import type { AttemptState, RunState, StepState, StepStatus } from './engine/run-types.js';
import type { WorkflowStep } from './model/types.js';
import { STEP_STATUS, elapsed, formatDuration, formatFullTime, shortId } from './run-format.js';
import { workflowStyles } from './workflow-styles.js';

/** The person asked to re-run the run from a failed step. */
export type RerunStepEvent = CustomEvent<{ stepId: string }>;

/** Fan-out items listed with their errors, at most. */
const FAILED_ITEMS_SHOWN = 5;
/** Fan-out items drawn as squares, at most. */
const ITEMS_DRAWN = 400;

/** Where in the workflow file an error points, if it says (reference errors carry a JSON Pointer). */
export function errorLocation(error: SerializedError): string | undefined {
  const details = error.details ?? {};
  const at = details.at ?? details.pointer ?? details.path;
  return typeof at === 'string' && at.startsWith('/') ? at : undefined;
}

/**
 * Everything about one step of a run: its state, why it waits (a retry's countdown, a person's approval), its
 * located error (and for a supervisor denial, the grant that would allow it), every attempt, the fan-out items, the
 * resolved input and the output, and the compensation's result.
 * @summary The details of one step of a run.
 * @fires comet-rerun-step - Re-run from this step was chosen ({ stepId }).
 * @fires comet-approval-answer - From the approval card: a person answered the step's approval prompt.
 */
@customElement('comet-workflow-run-step')
export class CometWorkflowRunStep extends LitElement {
  static override styles = [baseStyles, workflowStyles, stepStyles];

  /** The run. */
  @property({ attribute: false }) accessor run: RunState | undefined;
  /** The step shown. */
  @property() accessor stepId: string | undefined;
  /** The time countdowns and running durations are measured to. */
  @property({ attribute: false }) accessor now = 0;
  /** The approval prompt this step waits on, if any. */
  @property({ attribute: false }) accessor approval: PendingApproval | undefined;
  /** Whether a re-run may start from here (the run has finished). */
  @property({ type: Boolean }) accessor canRerun = false;
  /** Drives the approval card's countdown. */
  @property({ attribute: false }) accessor clock: Clock = systemClock;

  override render() {
    const run = this.run;
    const step = run?.workflow.steps.find((s) => s.id === this.stepId);
    const state = step ? run?.steps[step.id] : undefined;
    if (!run || !step || !state) return nothing;
    const look = STEP_STATUS[state.status];
    const duration = elapsed(state.startedAt, state.finishedAt, this.now);
    return html`
      <header>
        <div class="grow">
          <h3 id="step-title">${step.name || step.id}</h3>
          <p class="meta">
            <code>${step.id}</code> ·
            <code>${step.capability ?? (step.workflow ? `workflow ${step.workflow}` : '—')}</code>
          </p>
        </div>
        <span class="chip ${look.chip}">${icon(look.icon)}${look.label}</span>
      </header>
      ${this.#renderNotices(step, state)}
      ${
        // A supervisor denial is told by its notice above (reason, grant, link); other errors in full here.
        state.error && state.status !== 'succeeded' && state.error.code !== 'capability-denied'
          ? this.#renderError(state.error)
          : nothing
      }
      <dl class="facts">
        <dt>Started</dt>
        <dd>${state.startedAt === undefined ? 'Not yet' : formatFullTime(state.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>${state.finishedAt === undefined ? '—' : formatFullTime(state.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd>${duration === undefined ? '—' : formatDuration(duration)}</dd>
        ${
          state.idempotencyKey
            ? html`<dt>Idempotency key</dt>
                <dd><code>${state.idempotencyKey}</code></dd>`
            : nothing
        }
      </dl>
      ${this.#renderAttempts(state.attempts)} ${state.items ? this.#renderItems(state.items) : nothing}
      <div class="values">
        ${
          state.input === undefined
            ? nothing
            : html`<comet-workflow-run-json label="Resolved input" .value=${state.input}></comet-workflow-run-json>`
        }
        ${
          state.status === 'succeeded' && state.output !== undefined
            ? html`<comet-workflow-run-json label="Output" open .value=${state.output}></comet-workflow-run-json>`
            : nothing
        }
      </div>
      ${state.compensation ? this.#renderCompensation(step, state.compensation) : nothing}
    `;
  }

  #renderNotices(step: WorkflowStep, state: StepState) {
    const notices = [];
    if (this.approval) notices.push(this.#renderApproval(this.approval));
    if (state.error?.code === 'capability-denied' && state.status !== 'succeeded')
      notices.push(this.#renderDenied(state.error));
    if (state.status === 'retrying' && state.retryAt !== undefined) {
      const last = state.attempts.at(-1)?.attempt ?? 0;
      notices.push(
        html`<div class="notice warn" role="status">
          ${icon('refresh')}
          <p>
            Attempt ${last} failed. The next attempt starts in
            <strong class="countdown">${formatCountdown(state.retryAt - this.now)}</strong>
            <span class="meta">(${formatFullTime(state.retryAt)})</span>.
          </p>
        </div>`,
      );
    }
    if (state.status === 'skipped')
      notices.push(
        html`<div class="notice">
          ${icon('arrow-right')}
          <p>Skipped: ${state.skipReason ?? 'its condition did not hold'}.</p>
        </div>`,
      );
    if (state.copiedFrom)
      notices.push(
        html`<div class="notice">
          ${icon('copy')}
          <p>
            Not run again: its output was copied from run
            <a href=${href(`workflows/run/${encodeURIComponent(state.copiedFrom)}`)}
              ><code>${shortId(state.copiedFrom)}</code></a
            >.
          </p>
        </div>`,
      );
    if (state.status === 'failed' && this.canRerun)
      notices.push(
        html`<div class="rerun">
          <wa-button size="s" variant="brand" appearance="outlined" @click=${() => this.#rerun(step.id)}
            ><span slot="start">${icon('refresh')}</span>Re-run from this step</wa-button
          >
          <span class="meta"
            >Steps that do not depend on it keep their outputs; it and the steps after it run again.</span
          >
        </div>`,
      );
    return notices;
  }

  #renderApproval(approval: PendingApproval) {
    return html`<section class="notice approval" aria-labelledby="approval-title">
      ${icon('hand')}
      <div class="grow">
        <h4 id="approval-title">Waiting for your approval</h4>
        <p>${approval.reason}</p>
        <comet-approval-card .approval=${approval} .clock=${this.clock}></comet-approval-card>
      </div>
    </section>`;
  }

  #renderDenied(error: SerializedError) {
    const details = error.details ?? {};
    const reason = typeof details.reason === 'string' ? details.reason : error.message;
    const scopes = Array.isArray(details.wouldAllowWith) ? details.wouldAllowWith.map(String) : [];
    return html`<div class="notice bad" role="note">
      ${icon('shield')}
      <div class="grow">
        <h4>The supervisor denied this call</h4>
        <p>${reason}</p>
        ${
          scopes.length
            ? html`<p>A grant of ${scopes.map((s, i) => html`${i ? ' or ' : ''}<code>${s}</code>`)} would allow it.</p>`
            : nothing
        }
        <a class="link" href=${href('supervisor/grants')}>${icon('shield')}Open Supervisor › Grants</a>
      </div>
    </div>`;
  }

  #renderError(error: SerializedError) {
    const at = errorLocation(error);
    return html`<section class="error" aria-labelledby="error-title">
      <h4 id="error-title">
        Error ${error.code ? html`<code class="chip bad">${error.code}</code>` : html`<code>${error.name}</code>`}
      </h4>
      <p class="message">${error.message}</p>
      ${at ? html`<p class="meta">At <code class="location">${at}</code> in the workflow.</p>` : nothing}
    </section>`;
  }

  #renderAttempts(attempts: AttemptState[]) {
    if (!attempts.length) return nothing;
    return html`<section aria-labelledby="attempts-title">
      <h4 id="attempts-title">Attempts</h4>
      <ol class="attempts">
        ${attempts.map((a) => {
          const took = elapsed(a.startedAt, a.finishedAt, this.now);
          return html`<li class=${a.error ? 'failed' : a.finishedAt ? 'ok' : 'running'}>
            <span class="n">#${a.attempt}</span>
            <span class="meta">${formatFullTime(a.startedAt)}</span>
            <span class="took">${took === undefined ? '' : formatDuration(took)}${a.finishedAt ? '' : ' so far'}</span>
            <span class="outcome"
              >${a.error ? html`<code>${a.error.code ?? a.error.name}</code> ${a.error.message}` : a.finishedAt ? 'Succeeded' : 'Running'}</span
            >
          </li>`;
        })}
      </ol>
    </section>`;
  }

  #renderItems(items: StepState[]) {
    const counts = new Map<StepStatus, number>();
    for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
    const failed = items.map((item, index) => ({ item, index })).filter(({ item }) => item.status === 'failed');
    return html`<section aria-labelledby="items-title">
      <h4 id="items-title">${items.length} ${items.length === 1 ? 'item' : 'items'}</h4>
      <p class="counts">
        ${[...counts].map(([status, n]) => html`<span class="chip ${STEP_STATUS[status].chip}">${n} ${STEP_STATUS[status].label.toLowerCase()}</span>`)}
      </p>
      <div class="items" aria-hidden="true">
        ${items.slice(0, ITEMS_DRAWN).map((item, i) => html`<span class="item ${item.status}" title="Item ${i}: ${item.status}"></span>`)}
      </div>
      ${
        failed.length
          ? html`<ul class="failed-items">
              ${failed
                .slice(0, FAILED_ITEMS_SHOWN)
                .map(
                  ({ item, index }) =>
                    html`<li>
                      <strong>Item ${index}</strong> <code>${item.error?.code ?? ''}</code> ${item.error?.message}
                    </li>`,
                )}
              ${failed.length > FAILED_ITEMS_SHOWN ? html`<li class="meta">… and ${failed.length - FAILED_ITEMS_SHOWN} more</li>` : nothing}
            </ul>`
          : nothing
      }
    </section>`;
  }

  #renderCompensation(step: WorkflowStep, result: NonNullable<StepState['compensation']>) {
    const capability = typeof step.onError === 'object' ? step.onError.compensate.capability : undefined;
    return html`<section aria-labelledby="compensation-title">
      <h4 id="compensation-title">Compensation ${capability ? html`<code>${capability}</code>` : nothing}</h4>
      ${
        result.error
          ? html`<p class="error-text">
              It failed too: <code>${result.error.code ?? result.error.name}</code> ${result.error.message}
            </p>`
          : html`<p class="meta">It ran and succeeded.</p>
              ${result.output === undefined ? nothing : html`<comet-workflow-run-json label="Compensation output" .value=${result.output}></comet-workflow-run-json>`}`
      }
    </section>`;
  }

  #rerun(stepId: string): void {
    this.dispatchEvent(new CustomEvent('comet-rerun-step', { detail: { stepId }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-run-step': CometWorkflowRunStep;
  }
  interface HTMLElementEventMap {
    'comet-rerun-step': RerunStepEvent;
  }
}
