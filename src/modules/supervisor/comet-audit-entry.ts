import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AuditEntry } from '../../core/audit/types.js';
import { icon } from '../../ui/icons.js';
import { toJson } from '../../ui/inspector/json.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { iconButtonStyles, supervisorStyles } from './supervisor-styles.js';

/**
 * One audit entry in full: who, what, the decision and its rule and reason, the redacted input and output, what
 * log-only policies would have done, and its place in the hash chain.
 * @summary An audit entry's details.
 * @fires comet-close - The close button was pressed.
 */
@customElement('comet-audit-entry')
export class CometAuditEntry extends LitElement {
  static override styles = [
    baseStyles,
    supervisorStyles,
    iconButtonStyles,
    css`
      :host {
        display: block;
        font-size: var(--comet-font-size-s);
      }
      header {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        padding: var(--comet-space-s) var(--comet-space-m);
        border-bottom: 1px solid var(--comet-border);
      }
      header h3 {
        flex: 1;
      }
      .body {
        padding: var(--comet-space-m);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--comet-space-2xs) var(--comet-space-s);
        margin: 0 0 var(--comet-space-m);
      }
      dt {
        color: var(--comet-text-quiet);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      h4 {
        margin: var(--comet-space-m) 0 var(--comet-space-2xs);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
        font-weight: 600;
        letter-spacing: 0.03em;
        text-transform: uppercase;
      }
      .hash {
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-2xs);
        word-break: break-all;
      }
    `,
  ];

  /** The entry to show. */
  @property({ attribute: false })
  accessor entry: AuditEntry | undefined;

  override render() {
    const e = this.entry;
    if (!e) return nothing;
    return html`
      <header>
        <h3>Entry #${e.seq}</h3>
        <button
          class="icon-button"
          aria-label="Close the entry"
          @click=${() => this.dispatchEvent(new CustomEvent('comet-close'))}
        >
          ${icon('close')}
        </button>
      </header>
      <div class="body">
        <dl>
          <dt>Time</dt>
          <dd>${new Date(e.time).toISOString()}</dd>
          <dt>Principal</dt>
          <dd><code>${e.principal}</code></dd>
          <dt>Capability</dt>
          <dd><code>${e.capability}</code></dd>
          <dt>Decision</dt>
          <dd>
            <span class="chip ${e.verdict}">${e.verdict}</span>
            <span class="chip ${e.outcome}">${e.outcome}</span>
            ${e.mode === 'log-only' ? html`<span class="chip log-only">log-only</span>` : nothing}
          </dd>
          <dt>Rule</dt>
          <dd><code>${e.rule}</code></dd>
          <dt>Reason</dt>
          <dd>${e.reason || '—'}</dd>
          ${
            e.error
              ? html`<dt>Error</dt>
                  <dd class="error-text">${e.error}</dd>`
              : nothing
          }
          ${
            e.scopes.length
              ? html`<dt>Scopes</dt>
                  <dd><code>${e.scopes.join(', ')}</code></dd>`
              : nothing
          }
          ${
            e.runId
              ? html`<dt>Run</dt>
                  <dd><code>${e.runId}</code></dd>`
              : nothing
          }
          ${
            e.callId
              ? html`<dt>Call</dt>
                  <dd><code>${e.callId}</code></dd>`
              : nothing
          }
          <dt>Duration</dt>
          <dd>${Math.round(e.durationMs)} ms</dd>
        </dl>
        ${
          e.wouldHave.length
            ? html`<h4>Log-only policies would have</h4>
                <ul>
                  ${e.wouldHave.map((w) => html`<li><code>${w.policyId}</code>: ${w.verdict} — ${w.reason}</li>`)}
                </ul>`
            : nothing
        }
        <h4>Input (redacted)</h4>
        <pre class="code" tabindex="0" aria-label="Input">${toJson(e.input)}</pre>
        ${
          e.output !== null
            ? html`<h4>Output (redacted)</h4>
                <pre class="code" tabindex="0" aria-label="Output">${toJson(e.output)}</pre>`
            : nothing
        }
        <h4>Chain</h4>
        <dl>
          <dt>Previous</dt>
          <dd class="hash">${e.prevHash}</dd>
          <dt>Hash</dt>
          <dd class="hash">${e.hash}</dd>
        </dl>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-audit-entry': CometAuditEntry;
  }
}
