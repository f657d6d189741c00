import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/textarea/textarea.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import { DEFAULT_HEADER, type Vault, type VaultKeyInfo } from '../../core/vault/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';

/** A key was added (what may be shown of it: never the secret). */
export type KeyAddedEvent = CustomEvent<{ key: VaultKeyInfo }>;

/** Items of a list typed one per line or separated by commas. */
export function listItems(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Adds a key to the vault: its name (what http.request names), the secret (a password field, cleared once stored
 * and never shown again), the hosts it may be sent to, optionally the principals that may use it, and the header
 * that carries it.
 * @summary Add-a-key form.
 * @fires comet-key-added - The key was stored ({ key }).
 */
@customElement('comet-key-form')
export class CometKeyForm extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: var(--comet-space-s) var(--comet-space-m);
      }
      .wide {
        grid-column: 1 / -1;
      }
      .buttons {
        display: flex;
        align-items: center;
        gap: var(--comet-space-s);
      }
      .error {
        margin: 0;
        color: var(--comet-danger);
        font-size: var(--comet-font-size-s);
      }
      @media (max-width: 720px) {
        form {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  /** Where the key goes. */
  @property({ attribute: false })
  accessor vault: Vault | undefined;

  /** True while the vault is locked: nothing can be added. */
  @property({ type: Boolean })
  accessor locked = false;

  @state() accessor busy = false;
  @state() accessor error = '';

  @query('form') accessor form: HTMLFormElement | null = null;

  override render() {
    return html`
      <form @submit=${this.#submit} autocomplete="off">
        <wa-input
          size="s"
          name="name"
          label="Name"
          required
          hint="What workflows and agents name, e.g. openai"
          pattern="[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}"
        ></wa-input>
        <wa-input
          size="s"
          name="secret"
          type="password"
          label="Secret"
          required
          password-toggle
          autocomplete="off"
          hint="Stored encrypted; it is never shown again"
        ></wa-input>
        <wa-textarea
          size="s"
          name="hosts"
          label="Hosts"
          required
          rows="2"
          resize="auto"
          placeholder="https://api.openai.com/*"
          hint="URL patterns the key may be sent to, one per line"
        ></wa-textarea>
        <wa-textarea
          size="s"
          name="principals"
          label="Principals (optional)"
          rows="2"
          resize="auto"
          placeholder="agent:*"
          hint="Who may use it, one per line; empty: whoever the supervisor allows"
        ></wa-textarea>
        <wa-input
          size="s"
          class="wide"
          name="header"
          label="Header"
          value=${DEFAULT_HEADER}
          hint="{key} is replaced by the secret when the host sends the request"
        ></wa-input>
        <div class="buttons wide">
          <wa-button size="s" variant="brand" type="submit" ?loading=${this.busy} ?disabled=${this.locked}
            ><span slot="start">${icon('plus')}</span>Add key</wa-button
          >
          ${this.locked ? html`<span class="quiet">Unlock the vault to add keys.</span>` : nothing}
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        </div>
      </form>
    `;
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = this.form;
    if (!this.vault || !form || this.busy) return;
    const field = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    const principals = listItems(field('principals').value);
    this.busy = true;
    this.error = '';
    try {
      const key = await this.vault.add({
        name: field('name').value.trim(),
        secret: field('secret').value,
        hosts: listItems(field('hosts').value),
        principals: principals.length ? principals : null,
        header: field('header').value.trim() || DEFAULT_HEADER,
      });
      form.reset();
      for (const name of ['name', 'secret', 'hosts', 'principals']) field(name).value = '';
      field('header').value = DEFAULT_HEADER;
      this.dispatchEvent(new CustomEvent('comet-key-added', { detail: { key } }));
    } catch (error) {
      // Vault errors name the field and never echo the secret.
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-key-form': CometKeyForm;
  }
  interface HTMLElementEventMap {
    'comet-key-added': KeyAddedEvent;
  }
}
