import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/callout/callout.js';
import '@awesome.me/webawesome/dist/components/switch/switch.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { SelectController } from '../../ui/store-controller.js';
import { settingsStyles } from './settings-styles.js';
import { checkWorkers } from './worker-check.js';

/**
 * Settings › Developer: debug mode (verbose logging and the inspector panel) and a check that workers run.
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

  /** Runs only when asked (autoRun off): it starts a real worker. */
  readonly #workerCheck = new Task(this, { task: () => checkWorkers(), autoRun: false });

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
        <div class="row">
          <div class="label">
            <h3>Workers</h3>
            <p>
              Heavy work runs in background threads so the page stays responsive. Check that this browser starts them,
              and how fast they answer.
            </p>
            ${this.#renderWorkerCheck()}
          </div>
          <div class="control">
            <wa-button
              size="s"
              appearance="outlined"
              ?loading=${this.#workerCheck.status === TaskStatus.PENDING}
              @click=${() => void this.#workerCheck.run()}
              >Check workers</wa-button
            >
          </div>
        </div>
      </section>
    `;
  }

  #renderWorkerCheck() {
    return this.#workerCheck.render({
      complete: (r) =>
        html`<p class="result" role="status">
          Workers run: one started in ${r.startMs.toFixed(0)} ms, and a call takes ${r.callMedianMs.toFixed(2)} ms
          (median of ${r.calls}).
        </p>`,
      error: (error) =>
        html`<wa-callout variant="danger" role="alert"
          ><strong>Workers do not run here.</strong>
          ${error instanceof Error ? error.message : String(error)}</wa-callout
        >`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-settings-developer': CometSettingsDeveloper;
  }
}
