import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../ui/comet-database-callout.js';
import '../../ui/comet-storage-meter.js';
import { icon, type IconName } from '../../ui/icons.js';
import { OnlineController } from '../../ui/online-controller.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import type { PlatformStatus } from '../../ui/platform-status.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { SelectController } from '../../ui/store-controller.js';
import { homeStyles } from './comet-home-view.styles.js';

const OFFLINE: Record<PlatformStatus['serviceWorker'], { title: string; text: string; tone: string }> = {
  ready: {
    tone: 'ok',
    title: 'Offline ready',
    text: 'The app is saved on this device: it opens and works without a network.',
  },
  installing: { tone: '', title: 'Preparing offline use…', text: 'The app is being saved on this device.' },
  'update-available': {
    tone: 'warn',
    title: 'Update ready',
    text: 'A new version is saved and waits for a reload (banner at the top).',
  },
  failed: { tone: 'bad', title: 'Offline use failed', text: 'The app works while online; reload later to retry.' },
  unsupported: {
    tone: '',
    title: 'Online only',
    text: 'This page cannot save the app for offline use (that needs https or localhost).',
  },
};

/**
 * The Overview: how the platform stands on this device (database, storage, offline support, version,
 * connection) and where to start.
 * @summary Overview of the platform's status.
 */
@customElement('comet-home-view')
export class CometHomeView extends LitElement {
  static override styles = [baseStyles, viewStyles, homeStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** Path below the route (unused: the Overview has no sub-pages). */
  @property({ attribute: false })
  accessor rest: string[] = [];

  readonly #status = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.platform,
  );
  readonly #online = new OnlineController(this);

  override render() {
    const status = this.#status.value;
    return html`
      <div class="page">
        <div class="page-header">
          <h1 tabindex="-1">Overview</h1>
          <p class="lede">CometPlatform runs entirely in this browser and keeps its data on this device.</p>
        </div>
        ${
          status?.database.state === 'unavailable'
            ? html`<comet-database-callout .error=${status.database.error}></comet-database-callout>`
            : ''
        }
        ${status ? this.#renderCards(status) : ''} ${this.#renderGettingStarted()}
      </div>
    `;
  }

  #card(iconName: IconName, title: string, body: unknown) {
    return html`<section class="panel card">
      <h2>${icon(iconName)}${title}</h2>
      ${body}
    </section>`;
  }

  #renderCards(status: PlatformStatus) {
    const offline = OFFLINE[status.serviceWorker];
    const db = status.database;
    return html`<div class="cards">
      ${this.#card(
        'drive',
        'Storage',
        html`<comet-storage-meter .storage=${status.storage}></comet-storage-meter>
          <a class="more" href=${href('settings/storage')}>Manage storage ${icon('arrow-right')}</a>`,
      )}
      ${this.#card(
        'cloud-check',
        'Offline use',
        html`<p class="state ${offline.tone}"><span class="dot"></span>${offline.title}</p>
          <p class="quiet">${offline.text}</p>`,
      )}
      ${this.#card(
        'database',
        'Database',
        db.state === 'open'
          ? html`<p class="state ok"><span class="dot"></span>Saving on this device</p>
              <p class="quiet">IndexedDB <code>${db.name}</code>, schema version ${db.version}.</p>`
          : db.state === 'opening'
            ? html`<p class="state"><span class="dot"></span>Opening…</p>`
            : html`<p class="state bad"><span class="dot"></span>Not saving</p>
                <p class="quiet">Running on memory; see above for what to try.</p>`,
      )}
      ${this.#card(
        'info',
        'This version',
        html`<p class="state ${this.#online.online ? 'ok' : 'warn'}">
            <span class="dot"></span>${this.#online.online ? 'Online' : 'Offline'}
          </p>
          <p class="quiet">Version <code>${__APP_VERSION__}</code></p>`,
      )}
    </div>`;
  }

  #renderGettingStarted() {
    return html`<section class="panel start" aria-labelledby="start-title">
      <h2 id="start-title">Getting started</h2>
      <ol>
        <li>
          ${icon('shield')}
          <div>
            <h3>Decide what agents may do</h3>
            <p>
              In the <a href=${href('supervisor/grants')}>Supervisor</a>, grant scopes, add policies (try them in
              log-only mode first), store API keys encrypted, and read the audit log of every call. The
              <a href=${href('supervisor/checklist')}>checklist</a> proves the safeguards hold.
            </p>
          </div>
        </li>
        <li>
          ${icon('contrast')}
          <div>
            <h3>Make it yours</h3>
            <p>Pick light, dark or the system’s theme in <a href=${href('settings/appearance')}>Settings</a>.</p>
          </div>
        </li>
        <li>
          ${icon('bug')}
          <div>
            <h3>Look inside</h3>
            <p>
              Turn on <strong>Debug</strong> in the header (or <kbd>Alt</kbd> <kbd>Shift</kbd> <kbd>D</kbd>, or open the
              app with <code>?debug=1</code>): the inspector shows live bus events, the store, workers and the log.
            </p>
          </div>
        </li>
        <li>
          ${icon('download')}
          <div>
            <h3>Use it offline, install it</h3>
            <p>
              Once the status bar says <em>Offline ready</em>, the app opens without a network. Install it from the
              browser’s address bar or menu to give it its own window.
            </p>
          </div>
        </li>
        <li>
          ${icon('keyboard')}
          <div>
            <h3>Keep your hands on the keyboard</h3>
            <p><kbd>Alt</kbd> <kbd>1</kbd>…<kbd>9</kbd> switch pages; <kbd>?</kbd> lists every shortcut.</p>
          </div>
        </li>
      </ol>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-home-view': CometHomeView;
  }
}
