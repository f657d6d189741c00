import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RouteDefinition } from './routes.js';
import { baseStyles } from './shared-styles.js';
import { shortcutList } from './shortcuts.js';

/**
 * The keyboard shortcuts, listed in a dialog (opened with `?`). Loaded on first use.
 * @summary Keyboard shortcuts dialog.
 */
@customElement('comet-shortcuts-dialog')
export class CometShortcutsDialog extends LitElement {
  static override styles = [
    baseStyles,
    css`
      wa-dialog {
        --width: 440px;
      }
      dl {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: var(--comet-space-xs) var(--comet-space-l);
        align-items: center;
        margin: 0;
      }
      dt {
        color: var(--comet-text);
      }
      dd {
        display: flex;
        gap: 3px;
        justify-content: end;
        margin: 0;
      }
      kbd {
        font-size: var(--comet-font-size-xs);
      }
      .hint {
        margin: var(--comet-space-m) 0 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
      }
    `,
  ];

  /** The routes whose Alt+n shortcuts are listed. */
  @property({ attribute: false })
  accessor routes: readonly RouteDefinition[] = [];

  @state() accessor open = false;

  /** Opens the dialog (focus moves into it and returns to where it was on close). */
  show(): void {
    this.open = true;
  }

  override render() {
    return html`
      <wa-dialog
        label="Keyboard shortcuts"
        .lightDismiss=${true}
        ?open=${this.open}
        @wa-after-hide=${() => (this.open = false)}
      >
        <dl>
          ${shortcutList(this.routes).map(
            (s) =>
              html`<dt>${s.description}</dt>
                <dd>${s.keys.map((k) => html`<kbd>${k}</kbd>`)}</dd>`,
          )}
        </dl>
        <p class="hint">On macOS, Alt is the Option key (⌥).</p>
      </wa-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-shortcuts-dialog': CometShortcutsDialog;
  }
}
