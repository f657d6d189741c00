import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/dropdown/dropdown.js';
import '@awesome.me/webawesome/dist/components/dropdown-item/dropdown-item.js';
import '@awesome.me/webawesome/dist/components/progress-bar/progress-bar.js';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { systemClock, type Clock } from '../../core/clock.js';
import type { PendingApproval } from '../../core/supervisor/events.js';
import type { ApprovalAnswer } from '../../core/supervisor/types.js';
import { toJson } from '../../ui/inspector/json.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { ALLOW_FOR, formatCountdown } from './approval-answers.js';

/** A person answered a prompt (the card itself does not send the answer: its container does). */
export type ApprovalAnswerEvent = CustomEvent<{ id: string; answer: ApprovalAnswer }>;

/** What the queue shows as input when the caller gave none to show. */
const NO_INPUT = '(input not shown)';

/**
 * One approval prompt: who wants to call what, with which input (secrets already redacted), the rule that asks and
 * why, a countdown to the automatic denial, and the answers Allow once / Allow for… / Deny.
 * @summary An approval prompt.
 * @fires comet-approval-answer - The person chose an answer ({ id, answer }).
 */
@customElement('comet-approval-card')
export class CometApprovalCard extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .who {
        margin: 0 0 var(--comet-space-xs);
        line-height: 1.4;
      }
      .who strong {
        font-weight: 600;
      }
      code.cap {
        padding: 1px 6px;
        border-radius: var(--comet-radius-s);
        background: var(--comet-accent-soft);
        color: var(--comet-accent-text);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--comet-space-2xs) var(--comet-space-s);
        margin: 0 0 var(--comet-space-s);
        font-size: var(--comet-font-size-s);
      }
      dt {
        color: var(--comet-text-quiet);
      }
      dd {
        margin: 0;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      pre {
        margin: 0;
        max-height: 140px;
        padding: var(--comet-space-xs);
        overflow: auto;
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
        background: var(--comet-surface-sunken);
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-xs);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .timer {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        margin-bottom: var(--comet-space-s);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
        font-variant-numeric: tabular-nums;
      }
      .timer.urgent {
        color: var(--comet-danger);
      }
      wa-progress-bar {
        flex: 1;
        --track-height: 4px;
        --indicator-color: var(--comet-warning);
      }
      .timer.urgent wa-progress-bar {
        --indicator-color: var(--comet-danger);
      }
      .answers {
        display: flex;
        flex-wrap: wrap;
        gap: var(--comet-space-xs);
      }
      .answers .deny {
        margin-inline-start: auto;
      }
    `,
  ];

  /** The prompt to show. */
  @property({ attribute: false })
  accessor approval: PendingApproval | undefined;

  /** Drives the countdown (tests pass a ManualClock). */
  @property({ attribute: false })
  accessor clock: Clock = systemClock;

  /** Disables the buttons once an answer was sent, until the prompt goes away. */
  @state() accessor answered = false;

  @state() accessor now = 0;
  #timer: number | undefined;
  #timerClock: Clock | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('approval')) this.answered = false;
    if ((changed.has('clock') || changed.has('approval')) && this.isConnected) this.#tick();
  }

  override render() {
    const a = this.approval;
    if (!a) return nothing;
    const total = Math.max(1, a.deadline - a.requestedAt);
    const left = Math.max(0, a.deadline - this.now);
    const urgent = left <= 10_000;
    const label = a.principalLabel && a.principalLabel !== a.principal ? a.principalLabel : '';
    return html`
      <p class="who">
        <strong>${label || a.principal}</strong
        >${label ? html` <span class="quiet mono">${a.principal}</span>` : nothing} wants to run
        <code class="cap">${a.capability}</code>
      </p>
      <dl>
        <dt>Rule</dt>
        <dd><code>${a.rule}</code></dd>
        <dt>Why</dt>
        <dd>${a.reason}</dd>
        ${
          a.runId
            ? html`<dt>Run</dt>
                <dd><code>${a.runId}</code></dd>`
            : nothing
        }
        <dt>Input</dt>
        <dd>
          ${
            a.input === NO_INPUT
              ? html`<span class="quiet">Not shown by the caller</span>`
              : short(a.input)
                ? html`<code>${toJson(a.input, 0)}</code>`
                : html`<pre tabindex="0" aria-label="Input, secrets redacted">${toJson(a.input)}</pre>`
          }
        </dd>
      </dl>
      <div class="timer ${urgent ? 'urgent' : ''}">
        ${icon('clock')}
        <span>Denied automatically in <strong>${formatCountdown(left)}</strong></span>
        <wa-progress-bar value=${(left / total) * 100} label="Time left to answer"></wa-progress-bar>
      </div>
      <div class="answers">
        <wa-button size="s" variant="success" ?disabled=${this.answered} @click=${() => this.#answer('allow-once')}
          ><span slot="start">${icon('check')}</span>Allow once</wa-button
        >
        ${
          a.grantScope
            ? html`<wa-dropdown placement="top-start" @wa-select=${this.#allowFor}>
                <wa-button
                  slot="trigger"
                  size="s"
                  variant="neutral"
                  appearance="outlined"
                  with-caret
                  ?disabled=${this.answered}
                  >Allow for…</wa-button
                >
                ${ALLOW_FOR.map((c) => html`<wa-dropdown-item value=${c.id}>${c.label}</wa-dropdown-item>`)}
              </wa-dropdown>`
            : nothing
        }
        <wa-button
          class="deny"
          size="s"
          variant="danger"
          appearance="outlined"
          ?disabled=${this.answered}
          @click=${() => this.#answer('deny')}
          >Deny</wa-button
        >
      </div>
    `;
  }

  /** Moves keyboard focus to "Allow once". */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('wa-button')?.focus();
  }

  #allowFor = (event: CustomEvent<{ item: Element }>) => {
    const choice = ALLOW_FOR.find((c) => c.id === (event.detail.item as HTMLElement & { value: string }).value);
    if (choice) this.#answer({ allowFor: choice.ms(this.clock.now()) });
  };

  #answer(answer: ApprovalAnswer): void {
    const a = this.approval;
    if (!a || this.answered) return;
    this.answered = true;
    this.dispatchEvent(
      new CustomEvent('comet-approval-answer', { detail: { id: a.id, answer }, bubbles: true, composed: true }),
    );
  }

  /** Re-renders on each whole second of the countdown, on the element's clock. */
  #tick = () => {
    this.#stopTimer();
    const clock = this.clock;
    this.now = clock.now();
    const left = (this.approval?.deadline ?? this.now) - this.now;
    if (left <= 0) return; // the queue denies it and takes it away
    this.#timerClock = clock;
    this.#timer = clock.setTimeout(this.#tick, left % 1000 || 1000);
  };

  #stopTimer(): void {
    if (this.#timer !== undefined) this.#timerClock?.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** True for an input that reads well on one line ({}, a flag or two). */
function short(input: unknown): boolean {
  return toJson(input, 0).length <= 48;
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-approval-card': CometApprovalCard;
  }
  interface HTMLElementEventMap {
    'comet-approval-answer': ApprovalAnswerEvent;
  }
}
