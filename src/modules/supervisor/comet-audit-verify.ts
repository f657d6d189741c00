import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/progress-bar/progress-bar.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AuditLog } from '../../core/audit/index.js';
import type { VerifyProgress, VerifyResult } from '../../core/audit/types.js';
import { errorMessage, isCometError } from '../../core/errors.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { supervisorStyles } from './supervisor-styles.js';

/** Someone asked to see the entry verify() found bad. */
export type AuditRevealEvent = CustomEvent<{ seq: number }>;

const PROBLEM_WORDS = {
  altered: 'was altered',
  removed: 'is missing',
  reordered: 'is out of order',
  inserted: 'was inserted',
} as const;

/**
 * Integrity of the audit log: "Verify chain" walks every entry's hash with a progress bar and names the first bad
 * one; "Export JSON Lines" downloads the log, which scripts/verify-audit.mjs checks without the app.
 * @summary Audit log verification and export.
 * @fires comet-audit-reveal - "Show entry" after a failed verification ({ seq }).
 */
@customElement('comet-audit-verify')
export class CometAuditVerify extends LitElement {
  static override styles = [
    baseStyles,
    supervisorStyles,
    css`
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--comet-space-s) var(--comet-space-l);
        padding: var(--comet-space-m) var(--comet-space-l);
      }
      .tools p {
        flex: 1;
        min-width: 260px;
        margin: 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
      }
      .progress {
        display: flex;
        align-items: center;
        gap: var(--comet-space-s);
        padding: 0 var(--comet-space-l) var(--comet-space-m);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
        font-variant-numeric: tabular-nums;
      }
      wa-progress-bar {
        flex: 1;
        --track-height: 6px;
      }
      .result {
        display: flex;
        align-items: flex-start;
        gap: var(--comet-space-s);
        margin: 0 var(--comet-space-l) var(--comet-space-m);
        padding: var(--comet-space-s) var(--comet-space-m);
        border-radius: var(--comet-radius-m);
      }
      .result .icon {
        flex: none;
        margin-top: 3px;
        font-size: 18px;
      }
      .result.ok {
        background: var(--comet-success-soft);
      }
      .result.ok .icon {
        color: var(--comet-success);
      }
      .result.bad {
        background: var(--comet-danger-soft);
      }
      .result.bad .icon {
        color: var(--comet-danger);
      }
      .result strong {
        display: block;
      }
      .result p {
        margin: var(--comet-space-3xs) 0 0;
        font-size: var(--comet-font-size-s);
        overflow-wrap: anywhere;
      }
      .result wa-button {
        margin-inline-start: auto;
      }
    `,
  ];

  /** The log to verify and export. */
  @property({ attribute: false })
  accessor audit: AuditLog | undefined;

  @state() accessor progress: VerifyProgress | undefined;
  @state() accessor result: VerifyResult | undefined;
  @state() accessor error = '';
  @state() accessor exporting = false;

  #abort: AbortController | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  override render() {
    const verifying = this.#abort !== undefined;
    return html`
      <div class="tools">
        <p>
          Each entry carries a SHA-256 hash over the one before it, so changing, removing or reordering any entry breaks
          the chain from there on. Verify it here, or export it and run
          <code>node scripts/verify-audit.mjs &lt;file&gt;</code> to check it independently of the app.
        </p>
        <div class="actions">
          ${
            verifying
              ? html`<wa-button size="s" appearance="outlined" @click=${this.#cancel}>Cancel</wa-button>`
              : html`<wa-button size="s" variant="brand" @click=${this.#verify}
                  ><span slot="start">${icon('shield')}</span>Verify chain</wa-button
                >`
          }
          <wa-button size="s" appearance="outlined" ?loading=${this.exporting} @click=${this.#export}
            ><span slot="start">${icon('download')}</span>Export JSON Lines</wa-button
          >
        </div>
      </div>
      ${verifying ? this.#renderProgress() : nothing} ${this.#renderResult()}
    `;
  }

  #renderProgress() {
    const { checked, total } = this.progress ?? { checked: 0, total: 0 };
    const percent = total ? (checked / total) * 100 : 0;
    return html`<div class="progress">
      <wa-progress-bar value=${percent} label="Verifying the audit chain"></wa-progress-bar>
      <span>${checked.toLocaleString('en')} of ${total.toLocaleString('en')} entries</span>
    </div>`;
  }

  #renderResult() {
    if (this.error)
      return html`<div class="result bad" role="alert">
        ${icon('warning')}
        <div>
          <strong>Verification did not finish</strong>
          <p>${this.error}</p>
        </div>
      </div>`;
    const result = this.result;
    if (!result) return nothing;
    if (result.ok)
      return html`<div class="result ok" role="status">
        ${icon('success')}
        <div>
          <strong>The chain is intact: ${result.count.toLocaleString('en')} entries verified</strong>
          <p>Head #${result.head.seq}: <code>${result.head.hash}</code></p>
        </div>
      </div>`;
    return html`<div class="result bad" role="alert">
      ${icon('danger')}
      <div>
        <strong>Entry #${result.seq} ${PROBLEM_WORDS[result.problem]}: the log was tampered with</strong>
        <p>${result.detail}</p>
      </div>
      <wa-button size="s" appearance="outlined" @click=${() => this.#reveal(result.seq)}
        >Show entry #${result.seq}</wa-button
      >
    </div>`;
  }

  #verify = async () => {
    if (!this.audit || this.#abort) return;
    const abort = (this.#abort = new AbortController());
    this.result = undefined;
    this.error = '';
    this.progress = undefined;
    try {
      this.result = await this.audit.verify({
        signal: abort.signal,
        onProgress: (progress) => (this.progress = progress),
      });
    } catch (error) {
      if (!abort.signal.aborted || !isAbort(error)) this.error = errorMessage(error);
    } finally {
      this.#abort = undefined;
      this.requestUpdate();
    }
  };

  #cancel = () => this.#abort?.abort();

  #export = async () => {
    if (!this.audit || this.exporting) return;
    this.exporting = true;
    try {
      const response = new Response(this.audit.exportJsonl(), { headers: { 'Content-Type': 'application/jsonl' } });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `comet-audit-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
      link.click();
      // The download has started from the URL; give the browser a moment before revoking it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.error = `The export failed: ${errorMessage(error)}`;
    } finally {
      this.exporting = false;
    }
  };

  #reveal(seq: number): void {
    this.dispatchEvent(new CustomEvent('comet-audit-reveal', { detail: { seq } }));
  }
}

/** True for the error an aborted verify() throws. */
function isAbort(error: unknown): boolean {
  return (error instanceof DOMException && error.name === 'AbortError') || isCometError(error, 'aborted');
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-audit-verify': CometAuditVerify;
  }
  interface HTMLElementEventMap {
    'comet-audit-reveal': AuditRevealEvent;
  }
}
