import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../ui/comet-database-callout.js';
import '../../ui/comet-storage-meter.js';
import { formatDateTime } from '../../ui/format.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import type { PlatformStatus } from '../../ui/platform-status.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { SelectController } from '../../ui/store-controller.js';
import './comet-delete-data-dialog.js';
import { settingsStyles } from './settings-styles.js';

const ANSWERS = {
  granted: 'Granted: the browser will not clear CometPlatform’s data to free space.',
  denied:
    'The browser said no. Chromium grants it to sites you use often, bookmark or install (installing the app is the surest way); Firefox asks you. The data stays, but may be cleared when the disk is nearly full.',
  unsupported: 'This browser cannot make storage persistent.',
};

/**
 * Settings › Storage: usage and quota, persistence (with the "Keep data on this device" request), the
 * database's state, and deleting all local data.
 * @summary Storage settings.
 */
@customElement('comet-settings-storage')
export class CometSettingsStorage extends LitElement {
  static override styles = [baseStyles, viewStyles, settingsStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  @state() accessor asking = false;

  readonly #status = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.platform,
  );

  override render() {
    const status = this.#status.value;
    if (!status) return nothing;
    const db = status.database;
    return html`
      <div class="section-header">
        <h2>Storage</h2>
        <p>Everything CometPlatform keeps is stored in this browser, on this device.</p>
      </div>
      ${
        db.state === 'unavailable'
          ? html`<comet-database-callout .error=${db.error}></comet-database-callout>`
          : nothing
      }
      <section class="panel" aria-label="Storage use">
        <div class="row stacked">
          <div class="label">
            <h3>Used by this site</h3>
            <p>The browser’s own estimate, including cached app files.</p>
          </div>
          <comet-storage-meter .storage=${status.storage}></comet-storage-meter>
        </div>
        ${this.#renderPersistence(status)}
        <div class="row">
          <div class="label">
            <h3>Database</h3>
            <dl class="facts">
              <dt>Name</dt>
              <dd><code>${db.name}</code></dd>
              <dt>State</dt>
              <dd>
                ${
                  db.state === 'open'
                    ? `Open, schema version ${db.version}`
                    : db.state === 'opening'
                      ? 'Opening…'
                      : 'Unavailable — running on memory, nothing is saved'
                }
              </dd>
            </dl>
          </div>
        </div>
      </section>
      <section class="panel danger-zone" aria-label="Danger zone">
        <div class="row">
          <div class="label">
            <h3>Delete all local data</h3>
            <p>Removes settings and every stored record from this browser, then reloads as a fresh start.</p>
          </div>
          <div class="control">
            <wa-button variant="danger" appearance="outlined" size="s" @click=${this.#confirmDelete}
              ><span slot="start">${icon('trash')}</span>Delete all local data…</wa-button
            >
          </div>
        </div>
      </section>
      <comet-delete-data-dialog></comet-delete-data-dialog>
    `;
  }

  #renderPersistence(status: PlatformStatus) {
    const persisted = status.storage?.persisted;
    const { asked, result, at } = status.persistence;
    const text =
      persisted === true
        ? ANSWERS.granted
        : persisted === 'unsupported'
          ? ANSWERS.unsupported
          : asked && result === 'denied'
            ? ANSWERS.denied
            : 'Best-effort: the browser may clear this site’s data when the disk is nearly full. Ask it to keep the data.';
    return html`<div class="row">
      <div class="label">
        <h3>Keep data on this device</h3>
        <p role="status">${text}</p>
        ${asked && at ? html`<p>Last asked ${formatDateTime(at)}: ${result}.</p>` : nothing}
      </div>
      <div class="control">
        ${
          persisted === true
            ? html`<span class="quiet">${icon('shield')} Persistent</span>`
            : html`<wa-button
                variant="brand"
                appearance="accent"
                size="s"
                ?disabled=${persisted === 'unsupported'}
                ?loading=${this.asking}
                @click=${this.#requestPersistence}
                >Keep data on this device</wa-button
              >`
        }
      </div>
    </div>`;
  }

  #requestPersistence = async () => {
    if (!this.platform) return;
    this.asking = true;
    try {
      await this.platform.requestPersistence();
    } catch (error) {
      this.platform.toasts.error(error, 'Could not ask for persistent storage');
    } finally {
      this.asking = false;
    }
  };

  #confirmDelete = () => this.renderRoot.querySelector('comet-delete-data-dialog')?.show();
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-settings-storage': CometSettingsStorage;
  }
}
