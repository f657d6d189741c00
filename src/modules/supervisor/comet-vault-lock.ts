import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import type { Vault, VaultStatus } from '../../core/vault/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { supervisorStyles } from './supervisor-styles.js';

/** The vault's lock state changed (set, unlocked, locked, removed). */
export type VaultChangedEvent = CustomEvent<{ status: VaultStatus }>;

type Form = 'none' | 'set' | 'change';

/**
 * The vault's passphrase lock: protect the keys with a passphrase (PBKDF2-wrapped data key), unlock it for this
 * browser session, lock it again, change or remove the passphrase. Passphrases never leave this form.
 * @summary Key vault lock.
 * @fires comet-vault-changed - The lock state changed ({ status }).
 */
@customElement('comet-vault-lock')
export class CometVaultLock extends LitElement {
  static override styles = [
    baseStyles,
    supervisorStyles,
    css`
      .state {
        display: flex;
        align-items: center;
        gap: var(--comet-space-s);
      }
      .glyph {
        display: grid;
        place-items: center;
        flex: none;
        width: 32px;
        height: 32px;
        border-radius: var(--comet-radius-m);
        background: var(--comet-success-soft);
        color: var(--comet-success);
        font-size: 16px;
      }
      .glyph.locked {
        background: var(--comet-warning-soft);
        color: var(--comet-warning);
      }
      .state p {
        margin: 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--comet-space-xs);
        margin-top: var(--comet-space-s);
      }
      form wa-input {
        flex: 1 1 200px;
        max-width: 280px;
      }
      .error-text {
        margin: var(--comet-space-xs) 0 0;
        font-size: var(--comet-font-size-s);
      }
    `,
  ];

  /** The vault. */
  @property({ attribute: false })
  accessor vault: Vault | undefined;

  /** Its current state (the page reads it). */
  @property({ attribute: false })
  accessor status: VaultStatus | undefined;

  @state() accessor form: Form = 'none';
  @state() accessor busy = false;
  @state() accessor error = '';

  override render() {
    const status = this.status;
    if (!status) return nothing;
    const locked = status.state === 'locked';
    return html`
      <div class="row">
        <div class="state grow">
          <span class="glyph ${locked ? 'locked' : ''}"
            >${icon(locked ? 'lock' : status.passphrase ? 'shield' : 'unlock')}</span
          >
          <div>
            <h3>${locked ? 'Locked' : status.passphrase ? 'Unlocked for this session' : 'No passphrase'}</h3>
            <p>
              ${
                locked
                  ? 'Keys cannot be used or added until you unlock the vault with its passphrase.'
                  : status.passphrase
                    ? 'Keys are usable in this tab until you lock the vault or close the tab.'
                    : 'Keys are encrypted with a browser key that cannot be exported. Add a passphrase so they can only be used after you unlock them.'
              }
            </p>
          </div>
        </div>
        <div class="actions">${this.#renderButtons(status)}</div>
      </div>
      ${locked ? this.#renderUnlock() : this.form !== 'none' ? this.#renderSet() : nothing}
    `;
  }

  #renderButtons(status: VaultStatus) {
    if (status.state === 'locked') return nothing;
    if (!status.passphrase)
      return html`<wa-button size="s" appearance="outlined" @click=${() => this.#open('set')}
        >Set a passphrase…</wa-button
      >`;
    return html`
      <wa-button size="s" appearance="outlined" @click=${this.#lock}
        ><span slot="start">${icon('lock')}</span>Lock now</wa-button
      >
      <wa-button size="s" appearance="plain" @click=${() => this.#open('change')}>Change…</wa-button>
      <wa-button size="s" appearance="plain" variant="danger" ?loading=${this.busy} @click=${this.#remove}
        >Remove passphrase</wa-button
      >
    `;
  }

  #renderUnlock() {
    return html`<div class="panel-body">
      <form @submit=${this.#unlock}>
        <wa-input
          size="s"
          type="password"
          name="passphrase"
          label="Passphrase"
          autocomplete="current-password"
          password-toggle
          required
        ></wa-input>
        <wa-button size="s" variant="brand" type="submit" ?loading=${this.busy}
          ><span slot="start">${icon('unlock')}</span>Unlock</wa-button
        >
      </form>
      ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }

  #renderSet() {
    return html`<div class="panel-body">
      <form @submit=${this.#set}>
        <wa-input
          size="s"
          type="password"
          name="passphrase"
          label=${this.form === 'change' ? 'New passphrase' : 'Passphrase'}
          autocomplete="new-password"
          password-toggle
          required
          hint="At least 8 characters"
        ></wa-input>
        <wa-input
          size="s"
          type="password"
          name="repeat"
          label="Repeat it"
          autocomplete="new-password"
          password-toggle
          required
        ></wa-input>
        <wa-button size="s" variant="brand" type="submit" ?loading=${this.busy}>Save passphrase</wa-button>
        <wa-button size="s" appearance="plain" @click=${() => this.#open('none')}>Cancel</wa-button>
      </form>
      ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }

  #open(form: Form): void {
    this.form = form;
    this.error = '';
  }

  #unlock = (event: SubmitEvent) => {
    event.preventDefault();
    const passphrase = fieldValue(event, 'passphrase');
    void this.#run(() => this.vault!.unlock(passphrase));
  };

  #set = (event: SubmitEvent) => {
    event.preventDefault();
    const passphrase = fieldValue(event, 'passphrase');
    if (passphrase !== fieldValue(event, 'repeat')) {
      this.error = 'The two passphrases differ. Type the same one twice.';
      return;
    }
    void this.#run(() => this.vault!.setPassphrase(passphrase));
  };

  #remove = () => void this.#run(() => this.vault!.setPassphrase(null));

  #lock = () =>
    void this.#run(() => {
      this.vault!.lock();
      return Promise.resolve();
    });

  async #run(change: () => Promise<void>): Promise<void> {
    if (!this.vault || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await change();
      this.form = 'none';
      const status = await this.vault.status();
      this.dispatchEvent(new CustomEvent('comet-vault-changed', { detail: { status } }));
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }
}

/** The value of a named field of the submitted form. */
function fieldValue(event: SubmitEvent, name: string): string {
  const form = event.currentTarget as HTMLFormElement;
  const field = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
  return field?.value ?? '';
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-vault-lock': CometVaultLock;
  }
  interface HTMLElementEventMap {
    'comet-vault-changed': VaultChangedEvent;
  }
}
