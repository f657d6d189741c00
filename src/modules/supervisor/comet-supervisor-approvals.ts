import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AuditEntry } from '../../core/audit/types.js';
import { errorMessage } from '../../core/errors.js';
import type { PendingApproval } from '../../core/supervisor/events.js';
import { formatDateTime } from '../../ui/format.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { recordedAnswer, type RecordedAnswer } from './approval-answers.js';
import './comet-approval-card.js';
import type { ApprovalAnswerEvent } from './comet-approval-card.js';
import type { SupervisorServices } from './supervisor-services.js';
import { supervisorStyles } from './supervisor-styles.js';

/** How many recent answers the page lists. */
const RECENT = 50;
/** How many matching audit entries are read to find them (prompts opened are matched too, and skipped). */
const SCAN = 400;

const ANSWER_WORDS: Record<RecordedAnswer, string> = {
  allowed: 'Allowed',
  denied: 'Denied',
  'timed-out': 'Timed out',
};

/**
 * Supervisor › Approvals: the prompts waiting for a person in this tab (answered here or in the corner prompt), and
 * the recent answers as the audit log recorded them.
 * @summary Supervisor › Approvals.
 */
@customElement('comet-supervisor-approvals')
export class CometSupervisorApprovals extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    supervisorStyles,
    css`
      .prompt {
        padding: var(--comet-space-m) var(--comet-space-l);
      }
      .prompt + .prompt {
        border-top: 1px solid var(--comet-border);
      }
      .prompt h3 {
        margin-bottom: var(--comet-space-xs);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
        font-weight: 500;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: var(--comet-font-size-s);
      }
      th,
      td {
        padding: var(--comet-space-xs) var(--comet-space-s);
        border-bottom: 1px solid var(--comet-border);
        text-align: start;
        vertical-align: top;
      }
      th {
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.03em;
      }
      th:first-child,
      td:first-child {
        padding-inline-start: var(--comet-space-l);
      }
      tr:last-child td {
        border-bottom: 0;
      }
      td.when {
        color: var(--comet-text-quiet);
        white-space: nowrap;
      }
      td.reason {
        color: var(--comet-text-quiet);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The supervisor's services (set by <comet-supervisor-view>). */
  @property({ attribute: false })
  accessor services: SupervisorServices | undefined;

  /** The path below '#/supervisor/approvals' (unused). */
  @property({ attribute: false })
  accessor rest: string[] = [];

  @state() accessor pending: readonly PendingApproval[] = [];
  /** Bumped when the audit log grows, to read the recent answers again. */
  @state() accessor revision = 0;

  #stop: (() => void)[] = [];
  #refresh = 0;

  readonly #recent = new Task(this, {
    task: async ([services]: readonly [SupervisorServices | undefined, number]) => {
      if (!services) return [] as AuditEntry[];
      const entries = await services.audit.query({ text: 'approv', limit: SCAN });
      return entries.filter((e) => recordedAnswer(e) !== undefined).slice(0, RECENT);
    },
    args: () => [this.services, this.revision] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.services) this.#follow(this.services);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services')) this.#follow(this.services);
  }

  override render() {
    return html`
      <div class="section-header">
        <div>
          <h2>Approvals</h2>
          <p>
            A policy can ask a person before a call runs. The call waits, nothing else does; a prompt nobody answers is
            denied when its time runs out. Approval policies are set in
            <a href=${href('supervisor/policies')}>Policies</a>.
          </p>
        </div>
      </div>
      <section class="panel" aria-labelledby="waiting">
        <div class="panel-header">
          <h3 id="waiting">Waiting for you</h3>
          ${this.pending.length ? html`<span class="chip pending">${this.pending.length} waiting</span>` : nothing}
        </div>
        ${
          this.pending.length
            ? this.pending.map(
                (p, i) =>
                  html`<div class="prompt">
                    <h3>Request ${i + 1} of ${this.pending.length} · asked ${formatDateTime(p.requestedAt)}</h3>
                    <comet-approval-card
                      .approval=${p}
                      .clock=${this.services!.clock}
                      @comet-approval-answer=${this.#answer}
                    ></comet-approval-card>
                  </div>`,
              )
            : html`<p class="empty">
                <strong>Nothing is waiting</strong>New requests also appear in the corner of every page.
              </p>`
        }
      </section>
      <section class="panel" aria-labelledby="recent">
        <div class="panel-header">
          <h3 id="recent">Recent answers</h3>
          <a class="meta" href=${href('supervisor/audit')}>Everything in the audit log</a>
        </div>
        ${this.#recent.render({
          pending: () => html`<p class="empty" aria-busy="true">Reading the audit log…</p>`,
          complete: (entries) => this.#renderRecent(entries),
          error: (error) => html`<p class="empty error-text" role="alert">${errorMessage(error)}</p>`,
        })}
      </section>
    `;
  }

  #renderRecent(entries: AuditEntry[]) {
    if (!entries.length)
      return html`<p class="empty"><strong>No answers yet</strong>Answers and timeouts are recorded here.</p>`;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Principal</th>
          <th scope="col">Capability</th>
          <th scope="col">Answer</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map((e) => {
          const answer = recordedAnswer(e)!;
          return html`<tr>
            <td class="when">${formatDateTime(e.time)}</td>
            <td><code>${e.principal}</code></td>
            <td><code>${e.capability}</code></td>
            <td><span class="chip ${answer === 'allowed' ? 'allow' : 'deny'}">${ANSWER_WORDS[answer]}</span></td>
            <td class="reason">${e.reason}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  #answer = (event: ApprovalAnswerEvent) => {
    event.stopPropagation();
    try {
      this.services?.supervisor.approvals.answer(event.detail.id, event.detail.answer);
    } catch (error) {
      // It timed out or was answered elsewhere a moment ago: the list has already moved on; say so.
      this.platform?.toasts.error(error, 'The answer was not taken');
    }
  };

  #follow(services: SupervisorServices | undefined): void {
    this.#unfollow();
    if (!services || !this.isConnected) return;
    this.#stop = [
      services.supervisor.approvals.subscribe((pending) => (this.pending = pending)),
      // Appends come in bursts (a call writes two or three entries): read once per frame.
      services.audit.onAppend(() => {
        this.#refresh ||= requestAnimationFrame(() => {
          this.#refresh = 0;
          this.revision++;
        });
      }),
    ];
  }

  #unfollow(): void {
    for (const stop of this.#stop.splice(0)) stop();
    cancelAnimationFrame(this.#refresh);
    this.#refresh = 0;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-approvals': CometSupervisorApprovals;
  }
}
