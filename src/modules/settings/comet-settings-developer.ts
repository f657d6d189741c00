import '@awesome.me/webawesome/dist/components/switch/switch.js';
import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { SelectController } from '../../ui/store-controller.js';
import { settingsStyles } from './settings-styles.js';

/**
 * Settings › Developer: debug mode (verbose logging and the inspector panel).
 * @summary Developer settings.
 */
@customElement('comet-settings-developer')
export class CometSettingsDeveloper extends LitElement {
  static override styles = [baseStyles, viewStyles, settingsStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  readonly #debug = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.settings.debug,
  );

  override render() {
    const debug = this.#debug.value ?? false;
    return html`
      <div class="section-header">
        <h2>Developer</h2>
        <p>Tools for looking inside the platform while it runs.</p>
      </div>
      <section class="panel">
        <div class="row">
          <div class="label">
            <h3>Debug mode</h3>
            <p>
              Logs everything to the browser console and opens the inspector: live bus events, the store’s state,
              running workers and the log. Also <kbd>Alt</kbd> <kbd>Shift</kbd> <kbd>D</kbd>, or
              <code>?debug=1</code> in the address.
            </p>
          </div>
          <div class="control">
            <wa-switch
              .checked=${debug}
              @change=${(e: Event) => this.platform?.updateSettings({ debug: (e.target as HTMLInputElement).checked })}
              >${debug ? 'On' : 'Off'}<span class="visually-hidden">: debug mode</span></wa-switch
            >
          </div>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-settings-developer': CometSettingsDeveloper;
  }
}
