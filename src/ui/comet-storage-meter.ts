import '@awesome.me/webawesome/dist/components/progress-bar/progress-bar.js';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatBytes, formatShare } from './format.js';
import type { StorageStatus } from './platform-status.js';
import { baseStyles } from './shared-styles.js';

/**
 * How much of this site's storage quota is used, as figures and a bar, and whether the storage is persistent.
 * @summary Storage usage meter.
 */
@customElement('comet-storage-meter')
export class CometStorageMeter extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .figures {
        display: flex;
        align-items: baseline;
        flex-wrap: wrap;
        gap: var(--comet-space-2xs) var(--comet-space-xs);
        margin-bottom: var(--comet-space-xs);
      }
      .used {
        font-size: var(--comet-font-size-xl);
        font-weight: 650;
        letter-spacing: -0.01em;
      }
      .of {
        color: var(--comet-text-quiet);
      }
      wa-progress-bar {
        --track-height: 6px;
        --indicator-color: var(--comet-accent);
        --track-color: var(--comet-surface-hover);
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: 5px;
        margin-inline-start: auto;
        padding: 1px 8px;
        border-radius: 999px;
        font-size: var(--comet-font-size-xs);
        font-weight: 600;
      }
      .badge::before {
        content: '';
        width: 6px;
        height: 6px;
        border-radius: 50%;
        background: currentColor;
      }
      .persistent {
        background: var(--comet-success-soft);
        color: var(--comet-success);
      }
      .best-effort {
        background: var(--comet-warning-soft);
        color: var(--comet-warning);
      }
      .unknown {
        color: var(--comet-text-quiet);
      }
    `,
  ];

  /** The estimate to show; undefined while it is being read (or where the browser gives none). */
  @property({ attribute: false })
  accessor storage: StorageStatus | undefined;

  override render() {
    const s = this.storage;
    if (!s) return html`<p class="unknown">The browser has not reported this site’s storage use.</p>`;
    const share = s.quota > 0 ? (s.usage / s.quota) * 100 : 0;
    // A sliver stays visible: 40 KB of 100 GB is 0.00004 %, and an empty bar reads as "nothing stored".
    const shown = s.usage > 0 ? Math.max(share, 0.8) : 0;
    return html`
      <div class="figures">
        <span class="used">${formatBytes(s.usage)}</span>
        <span class="of">used of ${formatBytes(s.quota)} available (${formatShare(s.usage, s.quota)})</span>
        ${
          s.persisted === 'unsupported'
            ? ''
            : html`<span class="badge ${s.persisted ? 'persistent' : 'best-effort'}"
                >${s.persisted ? 'Persistent' : 'Best-effort'}</span
              >`
        }
      </div>
      <wa-progress-bar
        value=${shown}
        label="Storage used: ${formatShare(s.usage, s.quota)} of the quota"
      ></wa-progress-bar>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-storage-meter': CometStorageMeter;
  }
}
