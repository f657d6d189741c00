import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { icon } from './icons.js';
import type { Platform } from './platform.js';
import { platformContext } from './platform-context.js';
import { baseStyles } from './shared-styles.js';
import { SelectController } from './store-controller.js';

/**
 * "Update available — reload": shown when a new version has been installed and waits. The app never switches
 * versions under the user's feet; the reload happens when they choose.
 * @summary Banner offering to switch to a newly deployed version.
 */
@customElement('comet-update-banner')
export class CometUpdateBanner extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .banner {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: var(--comet-space-s);
        padding: 6px var(--comet-space-m);
        background: var(--comet-accent);
        color: var(--comet-on-accent);
        font-size: var(--comet-font-size-s);
        font-weight: 500;
      }
      wa-button::part(base) {
        border: 0;
        background: var(--comet-on-accent);
        color: var(--comet-accent-text);
        font-weight: 600;
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  readonly #state = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.platform.serviceWorker,
  );

  override render() {
    if (this.#state.value !== 'update-available') return nothing;
    return html`
      <div class="banner" role="status">
        ${icon('refresh')}
        <span>A new version of CometPlatform is ready.</span>
        <wa-button
          size="s"
          variant="neutral"
          appearance="filled"
          @click=${() => this.platform?.serviceWorker?.applyUpdate()}
          >Update available — reload</wa-button
        >
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-update-banner': CometUpdateBanner;
  }
}
