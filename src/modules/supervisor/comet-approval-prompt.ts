import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { errorMessage } from '../../core/errors.js';
import type { PendingApproval } from '../../core/supervisor/events.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { describeAnswer } from './approval-answers.js';
import './comet-approval-card.js';
import type { ApprovalAnswerEvent, CometApprovalCard } from './comet-approval-card.js';
import { approvalPromptStyles } from './comet-approval-prompt.styles.js';
import { iconButtonStyles } from './supervisor-styles.js';

/** How long past its deadline a prompt stays shown, for its own queue to deny it (a closed tab's never does). */
const GRACE_MS = 2000;

/**
 * The approval prompts, over any page: a dock in the corner, not a modal, so the rest of the app stays usable while
 * calls wait. It shows one prompt at a time with "1 of 3" and previous/next, announces new prompts politely,
 * and takes keyboard focus only when asked (Alt+Shift+A). Answers go over the bus to whichever tab's queue asked.
 * @summary The global approval prompt.
 */
@customElement('comet-approval-prompt')
export class CometApprovalPrompt extends LitElement {
  static override styles = [baseStyles, iconButtonStyles, approvalPromptStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The pending prompts, oldest first (from PendingApprovalsController). */
  @property({ attribute: false })
  accessor pending: readonly PendingApproval[] = [];

  /** Drives the countdowns (tests pass a ManualClock). */
  @property({ attribute: false })
  accessor clock: Clock = systemClock;

  /** The id of the prompt on show. */
  @state() accessor currentId: string | undefined;
  @state() accessor collapsed = false;
  /** What was last answered, for the live region. */
  @state() accessor announcement = '';
  @state() accessor now = 0;
  /** The Approvals page lists the same prompts in full: the dock steps aside there. */
  @state() accessor onApprovalsPage = isApprovalsPage();

  @query('comet-approval-card') accessor card: CometApprovalCard | null = null;

  #timer: number | undefined;
  /** Where focus was before Alt+Shift+A brought it here. */
  #returnFocus: HTMLElement | undefined;
  /** Whether focus was in the dock when an answer was sent. */
  #hadFocus = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKeyDown);
    window.addEventListener('hashchange', this.#onHashChange);
    this.#onHashChange();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKeyDown);
    window.removeEventListener('hashchange', this.#onHashChange);
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
  }

  /** The prompts still open (a prompt past its deadline and grace is gone, even if its tab closed). */
  get open(): PendingApproval[] {
    return this.pending.filter((p) => p.deadline + GRACE_MS > this.now);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pending') || changed.has('clock')) this.#schedule();
    const open = this.open;
    if (!open.some((p) => p.id === this.currentId)) this.currentId = open[0]?.id;
    if (changed.has('pending')) {
      const before = changed.get('pending') ?? [];
      const added = this.pending.filter((p) => !before.some((b) => b.id === p.id));
      if (added.length) {
        this.collapsed = false;
        const first = added[0];
        this.announcement = `Approval needed: ${first.principalLabel || first.principal} wants to run ${first.capability}. Press Alt+Shift+A to answer.`;
      }
    }
  }

  override render() {
    const open = this.open;
    const index = Math.max(
      0,
      open.findIndex((p) => p.id === this.currentId),
    );
    const current = this.onApprovalsPage ? undefined : open[index];
    return html`
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${current ? (this.collapsed ? this.#renderPill(open.length) : this.#renderDock(current, index, open.length)) : nothing}
    `;
  }

  #renderDock(current: PendingApproval, index: number, count: number) {
    return html`<section class="dock" aria-labelledby="prompt-title">
      <header>
        <span class="badge">${icon('hand')}</span>
        <h2 id="prompt-title">Approval needed</h2>
        ${
          count > 1
            ? html`<div class="pager">
                <button
                  class="icon-button"
                  aria-label="Previous request"
                  ?disabled=${index === 0}
                  @click=${() => (this.currentId = this.open[index - 1]?.id)}
                >
                  ${icon('chevron-left')}
                </button>
                <span class="position">${index + 1} of ${count}</span>
                <button
                  class="icon-button"
                  aria-label="Next request"
                  ?disabled=${index === count - 1}
                  @click=${() => (this.currentId = this.open[index + 1]?.id)}
                >
                  ${icon('chevron-right')}
                </button>
              </div>`
            : nothing
        }
        <button
          class="icon-button"
          aria-label="Minimise"
          title="Minimise (calls keep waiting)"
          @click=${this.#collapse}
        >
          ${icon('minus')}
        </button>
      </header>
      <comet-approval-card
        .approval=${current}
        .clock=${this.clock}
        @comet-approval-answer=${this.#send}
      ></comet-approval-card>
      <p class="hint">
        The call waits for your answer; the rest of the app keeps working. <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>A</kbd>
        comes back here.
      </p>
    </section>`;
  }

  #renderPill(count: number) {
    return html`<button class="pill" @click=${this.#expand}>
      ${icon('hand')} ${count === 1 ? '1 approval waiting' : `${count} approvals waiting`}
    </button>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('pending') || !this.#hadFocus) return;
    // The answered prompt's buttons are gone: focus the next prompt, or go back to where the person was.
    this.#hadFocus = false;
    if (this.open.length && !this.collapsed) void this.focusPrompt();
    else if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
  }

  /** Shows the dock and puts focus on its first answer. */
  async focusPrompt(): Promise<void> {
    if (!this.#holdsFocus()) this.#returnFocus = deepActiveElement();
    this.collapsed = false;
    await this.updateComplete;
    const card = this.card;
    if (!card) return;
    await card.updateComplete;
    card.focus();
  }

  /** True when the focused element is inside this element (through shadow roots). */
  #holdsFocus(): boolean {
    let node: Node | undefined = deepActiveElement();
    while (node) {
      if (node === this) return true;
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : undefined);
    }
    return false;
  }

  #collapse = async () => {
    this.collapsed = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.pill')?.focus();
  };

  #expand = () => void this.focusPrompt();

  #onHashChange = () => (this.onApprovalsPage = isApprovalsPage());

  #onKeyDown = (event: KeyboardEvent) => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyA') return;
    if (!this.open.length || this.onApprovalsPage) return;
    event.preventDefault();
    void this.focusPrompt();
  };

  #send = (event: ApprovalAnswerEvent) => {
    const { id, answer } = event.detail;
    this.#hadFocus = this.#holdsFocus();
    const prompt = this.pending.find((p) => p.id === id);
    try {
      this.platform?.bus.publish('supervisor.approval.answer', { id, answer });
      if (prompt) this.announcement = `${describeAnswer(answer)}: ${prompt.capability} for ${prompt.principal}.`;
    } catch (error) {
      this.platform?.toasts.error(error, 'The answer could not be sent');
      this.platform?.log.error('supervisor', `An approval answer could not be sent: ${errorMessage(error)}`);
    }
  };

  /** Re-renders when the earliest prompt's grace runs out, so a prompt of a closed tab goes away. */
  #schedule(): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.now = this.clock.now();
    const next = Math.min(...this.pending.map((p) => p.deadline + GRACE_MS).filter((t) => t > this.now));
    if (!Number.isFinite(next)) return;
    this.#timer = this.clock.setTimeout(() => {
      this.#timer = undefined;
      this.now = this.clock.now();
      this.#schedule();
    }, next - this.now);
  }
}

/** True when the page shows Supervisor › Approvals. */
function isApprovalsPage(): boolean {
  return /^#\/supervisor\/approvals(?:[/?]|$)/.test(location.hash);
}

/** The focused element, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-approval-prompt': CometApprovalPrompt;
  }
}
