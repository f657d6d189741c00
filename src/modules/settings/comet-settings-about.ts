import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ServiceWorkerState } from '../../ui/service-worker.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { SelectController } from '../../ui/store-controller.js';
import { settingsStyles } from './settings-styles.js';

const OFFLINE: Record<ServiceWorkerState, string> = {
  ready: 'Offline ready: the app opens and works without a network.',
  installing: 'Saving the app for offline use…',
  'update-available': 'A new version is ready; reload to use it.',
  failed: 'Offline support failed to install; the app works while online.',
  unsupported: 'Not available here: service workers need https or localhost.',
};

/**
 * Settings › About: version, schema version, offline support, and checking for a new version.
 * @summary About this installation.
 */
@customElement('comet-settings-about')
export class CometSettingsAbout extends LitElement {
  static override styles = [baseStyles, viewStyles, settingsStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  @state() accessor checking = false;
  @state() accessor checked = '';

  readonly #status = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.platform,
  );

  override render() {
    const status = this.#status.value;
    if (!status) return nothing;
    const sw = this.platform?.serviceWorker;
    return html`
      <div class="section-header">
        <h2>About</h2>
        <p>CometPlatform: a browser-only automation platform for AI agents.</p>
      </div>
      <section class="panel">
        <div class="row">
          <div class="label">
            <dl class="facts">
              <dt>Version</dt>
              <dd><code>${__APP_VERSION__}</code></dd>
              <dt>Data schema</dt>
              <dd>
                ${
                  status.database.state === 'open'
                    ? html`version ${status.database.version}`
                    : status.database.state === 'opening'
                      ? 'opening…'
                      : 'unavailable'
                }
              </dd>
              <dt>Offline support</dt>
              <dd>${OFFLINE[status.serviceWorker]}</dd>
              ${
                status.serviceWorker === 'failed' && sw?.error
                  ? html`<dt>Reason</dt>
                      <dd>${sw.error.message}</dd>`
                  : nothing
              }
            </dl>
          </div>
        </div>
        ${
          sw && status.serviceWorker !== 'unsupported'
            ? html`<div class="row">
                <div class="label">
                  <h3>Updates</h3>
                  <p role="status">
                    ${this.checked || 'New versions install in the background; you choose when to reload into them.'}
                  </p>
                </div>
                <div class="control">
                  ${
                    status.serviceWorker === 'update-available'
                      ? html`<wa-button variant="brand" appearance="accent" size="s" @click=${() => sw.applyUpdate()}
                          >Reload to update</wa-button
                        >`
                      : html`<wa-button appearance="outlined" size="s" ?loading=${this.checking} @click=${this.#check}
                          >Check for updates</wa-button
                        >`
                  }
                </div>
              </div>`
            : nothing
        }
      </section>
    `;
  }

  #check = async () => {
    const sw = this.platform?.serviceWorker;
    if (!sw) return;
    this.checking = true;
    await sw.checkForUpdate(); // logs its own failure; never throws
    this.checking = false;
    this.checked =
      sw.state === 'update-available'
        ? 'A new version is ready.'
        : `Checked just now: no newer version was found (or it is still downloading).`;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-settings-about': CometSettingsAbout;
  }
}
