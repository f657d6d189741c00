import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatBytes } from './format.js';
import { icon } from './icons.js';
import { OnlineController } from './online-controller.js';
import type { Platform } from './platform.js';
import { platformContext } from './platform-context.js';
import type { PlatformStatus } from './platform-status.js';
import { href } from './router.js';
import { baseStyles } from './shared-styles.js';
import { shellEvent } from './shell-events.js';
import { SelectController } from './store-controller.js';

const OFFLINE_SUPPORT: Record<PlatformStatus['serviceWorker'], string> = {
  unsupported: 'No offline support',
  installing: 'Preparing offline use…',
  ready: 'Offline ready',
  'update-available': 'Update available',
  failed: 'Offline support failed',
};

/**
 * The bottom line: connection, offline readiness, database state, storage used/quota and whether it is
 * persistent, debug mode, version. Each item links to where it can be acted on.
 * @summary Status bar of the shell.
 * @fires comet-toggle-inspector - The debug indicator was pressed.
 */
@customElement('comet-status-bar')
export class CometStatusBar extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: var(--comet-space-2xs);
        height: var(--comet-statusbar-height);
        padding: 0 var(--comet-space-xs);
        background: var(--comet-sidebar);
        border-top: 1px solid var(--comet-border);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
        white-space: nowrap;
        overflow: hidden;
      }
      .item {
        display: inline-flex;
        align-items: center;
        gap: 5px;
        height: 20px;
        padding: 0 6px;
        border: 0;
        border-radius: var(--comet-radius-s);
        background: none;
        color: inherit;
        font: inherit;
        text-decoration: none;
      }
      a.item:hover,
      button.item:hover {
        background: var(--comet-surface-hover);
        color: var(--comet-text);
      }
      button.item {
        cursor: pointer;
      }
      .spacer {
        flex: 1;
      }
      .ok .icon {
        color: var(--comet-success);
      }
      .warn {
        color: var(--comet-warning);
      }
      .bad {
        color: var(--comet-danger);
      }
      .debug {
        background: var(--comet-accent-soft);
        color: var(--comet-accent-text);
        font-weight: 600;
      }
      .dot {
        width: 7px;
        height: 7px;
        border-radius: 50%;
        background: currentColor;
      }
      @media (max-width: 720px) {
        .optional {
          display: none;
        }
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  readonly #online = new OnlineController(this);
  readonly #status = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.platform,
  );
  readonly #debug = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.settings.debug,
  );

  override render() {
    const status = this.#status.value;
    const online = this.#online.online;
    return html`
      <span class="item ${online ? 'ok' : 'warn'}" role="status">
        ${icon(online ? 'online' : 'offline')}${online ? 'Online' : 'Offline'}
      </span>
      ${status ? this.#renderOfflineSupport(status) : nothing} ${status ? this.#renderDatabase(status) : nothing}
      <span class="spacer"></span>
      ${status?.storage ? this.#renderStorage(status) : nothing}
      ${
        this.#debug.value
          ? html`<button
              class="item debug"
              title="Debug mode is on: show or hide the inspector"
              @click=${() => this.dispatchEvent(shellEvent('comet-toggle-inspector', {}))}
            >
              ${icon('bug')}Debug
            </button>`
          : nothing
      }
      <a class="item optional" href=${href('settings/about')} title="About this version">v${__APP_VERSION__}</a>
    `;
  }

  #renderOfflineSupport(status: PlatformStatus) {
    const sw = status.serviceWorker;
    const tone = sw === 'ready' ? 'ok' : sw === 'failed' ? 'bad' : sw === 'update-available' ? 'warn' : '';
    const glyph = sw === 'ready' ? icon('cloud-check') : sw === 'failed' ? icon('warning') : icon('download');
    return html`<a class="item optional ${tone}" href=${href('settings/about')}>${glyph}${OFFLINE_SUPPORT[sw]}</a>`;
  }

  #renderDatabase(status: PlatformStatus) {
    if (status.database.state !== 'unavailable') return nothing;
    return html`<a class="item bad" href=${href('settings/storage')} title=${status.database.error.message}
      >${icon('warning')}Not saving</a
    >`;
  }

  #renderStorage(status: PlatformStatus) {
    const { usage, quota, persisted } = status.storage!;
    const label = persisted === true ? 'Persistent' : persisted === false ? 'Best-effort' : '';
    return html`<a
      class="item"
      href=${href('settings/storage')}
      title=${
        persisted === true
          ? 'Storage is persistent: the browser will not clear it to free space'
          : 'Storage is best-effort: the browser may clear it when the disk is nearly full'
      }
    >
      ${icon('drive')}${formatBytes(usage)} of ${formatBytes(quota)}
      ${label ? html`<span class="optional">· ${label}</span>` : nothing}
    </a>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-status-bar': CometStatusBar;
  }
}
