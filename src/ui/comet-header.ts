import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/switch/switch.js';
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon } from './icons.js';
import type { Platform } from './platform.js';
import { platformContext } from './platform-context.js';
import { baseStyles } from './shared-styles.js';
import { shellEvent } from './shell-events.js';
import { SelectController } from './store-controller.js';

/**
 * The top bar: product name, the debug mode switch, the inspector toggle (in debug mode) and the shortcuts button.
 * @summary Header of the shell.
 * @fires comet-show-shortcuts - The shortcuts button was pressed.
 * @fires comet-toggle-inspector - The inspector button was pressed.
 */
@customElement('comet-header')
export class CometHeader extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        align-items: center;
        gap: var(--comet-space-s);
        height: var(--comet-header-height);
        padding: 0 var(--comet-space-s) 0 var(--comet-space-m);
        background: var(--comet-sidebar);
        border-bottom: 1px solid var(--comet-border);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        margin: 0;
        font-size: var(--comet-font-size-m);
        font-weight: 650;
        letter-spacing: -0.01em;
      }
      .logo {
        display: grid;
        place-items: center;
        width: 26px;
        height: 26px;
        border-radius: 7px;
        background: linear-gradient(135deg, var(--comet-accent), color-mix(in oklab, var(--comet-accent), #ff7ac6 45%));
        color: white;
        font-size: 16px;
      }
      .spacer {
        flex: 1;
      }
      wa-switch {
        font-size: var(--comet-font-size-s);
        color: var(--comet-text-quiet);
      }
      .divider {
        width: 1px;
        height: 20px;
        background: var(--comet-border);
      }
      wa-button::part(base) {
        gap: var(--comet-space-2xs);
        height: 30px;
        padding: 0 10px;
        font-size: var(--comet-font-size-s);
      }
      wa-button.pressed::part(base) {
        background: var(--comet-accent-soft);
        color: var(--comet-accent-text);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** Whether the inspector panel is showing (it exists only in debug mode). */
  @property({ type: Boolean, attribute: 'inspector-open' })
  accessor inspectorOpen = false;

  readonly #debug = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.settings.debug,
  );

  override render() {
    const debug = this.#debug.value ?? false;
    return html`<header>
      <p class="brand"><span class="logo">${icon('comet')}</span>CometPlatform</p>
      <span class="spacer"></span>
      ${
        debug
          ? html`<wa-button
              class=${this.inspectorOpen ? 'pressed' : ''}
              size="s"
              appearance="plain"
              variant="neutral"
              @click=${() => this.dispatchEvent(shellEvent('comet-toggle-inspector', {}))}
              >${icon('panel')} Inspector<span class="visually-hidden"
                >${this.inspectorOpen ? ' (open)' : ''}</span
              ></wa-button
            >`
          : ''
      }
      <wa-switch
        size="s"
        .checked=${debug}
        @change=${(e: Event) => this.platform?.updateSettings({ debug: (e.target as HTMLInputElement).checked })}
        >Debug</wa-switch
      >
      <span class="divider"></span>
      <wa-button
        size="s"
        appearance="plain"
        variant="neutral"
        title="Keyboard shortcuts (?)"
        @click=${() => this.dispatchEvent(shellEvent('comet-show-shortcuts', undefined))}
        >${icon('keyboard', 'Keyboard shortcuts')}</wa-button
      >
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-header': CometHeader;
  }
}
