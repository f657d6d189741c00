import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles } from '../../ui/shared-styles.js';

/** The word the user types to confirm. */
export const CONFIRM_WORD = 'DELETE';

/**
 * Confirms deleting all local data: the user types DELETE. Then the database is deleted, other tabs are
 * told, and the page reloads as a fresh install.
 * @summary "Delete all local data" confirmation dialog.
 */
@customElement('comet-delete-data-dialog')
export class CometDeleteDataDialog extends LitElement {
  static override styles = [
    baseStyles,
    css`
      wa-dialog {
        --width: 480px;
      }
      p {
        margin: 0 0 var(--comet-space-s);
      }
      ul {
        margin: 0 0 var(--comet-space-m);
        padding-inline-start: 1.2em;
        color: var(--comet-text-quiet);
      }
      .error {
        color: var(--comet-danger);
      }
      [slot='footer'] {
        display: flex;
        justify-content: end;
        gap: var(--comet-space-xs);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  @state() accessor open = false;
  @state() accessor typed = '';
  @state() accessor deleting = false;
  @state() accessor error = '';

  /** Opens the dialog with an empty confirmation field. */
  show(): void {
    this.typed = '';
    this.error = '';
    this.open = true;
  }

  /* eslint-disable lit-a11y/no-autofocus -- a dialog moves focus to its first field (WAI-ARIA dialog pattern);
     wa-dialog does that for the element marked autofocus, once the dialog opens. */
  override render() {
    const confirmed = this.typed.trim() === CONFIRM_WORD;
    return html`
      <wa-dialog
        label="Delete all local data?"
        ?open=${this.open}
        @wa-hide=${(e: Event) => {
          if (this.deleting) e.preventDefault(); // keep it up until the reload
        }}
        @wa-after-hide=${() => (this.open = false)}
      >
        <p>This deletes everything CometPlatform stored in this browser, for every tab:</p>
        <ul>
          <li>your settings (theme, debug mode);</li>
          <li>queued and failed messages;</li>
          <li>the database <code>${this.platform?.dbName}</code> itself.</li>
        </ul>
        <p>It cannot be undone. The page reloads afterwards as a fresh start.</p>
        <wa-input
          label="Type ${CONFIRM_WORD} to confirm"
          autocomplete="off"
          autofocus
          .value=${this.typed}
          @input=${(e: Event) => (this.typed = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && confirmed) void this.#delete();
          }}
        ></wa-input>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <div slot="footer">
          <wa-button
            size="s"
            variant="neutral"
            appearance="outlined"
            ?disabled=${this.deleting}
            @click=${() => (this.open = false)}
            >Cancel</wa-button
          >
          <wa-button size="s" variant="danger" ?disabled=${!confirmed} ?loading=${this.deleting} @click=${this.#delete}
            >Delete and reload</wa-button
          >
        </div>
      </wa-dialog>
    `;
  }

  /* eslint-enable lit-a11y/no-autofocus */

  #delete = async () => {
    if (!this.platform || this.deleting) return;
    this.deleting = true;
    this.error = '';
    try {
      await this.platform.deleteAllData();
      location.reload();
    } catch (error) {
      this.deleting = false;
      this.error = `Deleting failed (${errorMessage(error)}). Close other CometPlatform tabs, reload, and try again.`;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-delete-data-dialog': CometDeleteDataDialog;
  }
}
