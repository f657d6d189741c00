import '@awesome.me/webawesome/dist/components/radio-group/radio-group.js';
import '@awesome.me/webawesome/dist/components/radio/radio.js';
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { icon, type IconName } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { SelectController } from '../../ui/store-controller.js';
import type { ThemePreference } from '../../ui/theme.js';
import { settingsStyles } from './settings-styles.js';

const THEMES: { value: ThemePreference; label: string; icon: IconName }[] = [
  { value: 'system', label: 'System', icon: 'monitor' },
  { value: 'light', label: 'Light', icon: 'sun' },
  { value: 'dark', label: 'Dark', icon: 'moon' },
];

/**
 * Settings › Appearance: the colour theme (follow the system, or always light or dark).
 * @summary Appearance settings.
 */
@customElement('comet-settings-appearance')
export class CometSettingsAppearance extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    settingsStyles,
    css`
      /* The row's heading already says "Theme"; the group keeps it as its accessible name. */
      wa-radio-group::part(form-control-label) {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      wa-radio::part(label) {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  readonly #theme = new SelectController(
    this,
    () => this.platform?.store,
    (s) => s.settings.theme,
  );

  override render() {
    return html`
      <div class="section-header">
        <h2>Appearance</h2>
        <p>How CometPlatform looks on this device.</p>
      </div>
      <section class="panel">
        <div class="row">
          <div class="label">
            <h3>Theme</h3>
            <p>System follows your operating system’s light or dark setting, and switches with it.</p>
          </div>
          <div class="control">
            <wa-radio-group
              label="Theme"
              orientation="horizontal"
              size="s"
              .value=${this.#theme.value ?? 'system'}
              @change=${this.#onChange}
            >
              ${THEMES.map(
                (t) => html`<wa-radio appearance="button" value=${t.value}>${icon(t.icon)}${t.label}</wa-radio>`,
              )}
            </wa-radio-group>
          </div>
        </div>
      </section>
    `;
  }

  #onChange = (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value as ThemePreference;
    if (THEMES.some((t) => t.value === value)) this.platform?.updateSettings({ theme: value });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-settings-appearance': CometSettingsAppearance;
  }
}
