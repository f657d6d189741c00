import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import type { VaultKeyInfo, VaultStatus } from '../../core/vault/index.js';
import { formatDateTime } from '../../ui/format.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import './comet-key-form.js';
import type { KeyAddedEvent } from './comet-key-form.js';
import './comet-vault-lock.js';
import type { VaultChangedEvent } from './comet-vault-lock.js';
import type { SupervisorServices } from './supervisor-services.js';
import { supervisorStyles } from './supervisor-styles.js';

interface VaultView {
  status: VaultStatus;
  keys: VaultKeyInfo[];
}

/**
 * Supervisor › API keys: the vault. Keys are encrypted at rest and never handed to plugins, workflows or agents:
 * they name a key in http.request and the host adds the header. Add a key (its secret is never shown again), see
 * where each may be sent and how much it was used, remove one, and lock the vault with a passphrase.
 * @summary Supervisor › API keys.
 */
@customElement('comet-supervisor-keys')
export class CometSupervisorKeys extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    supervisorStyles,
    css`
      .key {
        display: grid;
        grid-template-columns: minmax(140px, 1fr) minmax(180px, 2fr) minmax(120px, 1fr) auto;
        gap: var(--comet-space-m);
        align-items: start;
      }
      .key h4 {
        margin: 0;
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-m);
      }
      .key ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .key li code {
        font-size: var(--comet-font-size-xs);
      }
      .label {
        display: block;
        margin-bottom: 2px;
        color: var(--comet-text-faint);
        font-size: var(--comet-font-size-2xs);
        font-weight: 600;
        letter-spacing: 0.04em;
        text-transform: uppercase;
      }
      .usage strong {
        font-variant-numeric: tabular-nums;
      }
      wa-dialog {
        --width: 440px;
      }
      wa-dialog p {
        margin: 0 0 var(--comet-space-s);
      }
      [slot='footer'] {
        display: flex;
        justify-content: end;
        gap: var(--comet-space-xs);
      }
      @media (max-width: 860px) {
        .key {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The supervisor's services (set by <comet-supervisor-view>). */
  @property({ attribute: false })
  accessor services: SupervisorServices | undefined;

  /** The path below '#/supervisor/keys' (unused). */
  @property({ attribute: false })
  accessor rest: string[] = [];

  /** Bumped to read the vault again after a change. */
  @state() accessor revision = 0;
  /** The key whose removal is being confirmed. */
  @state() accessor removing: VaultKeyInfo | undefined;
  @state() accessor busy = false;

  readonly #vault = new Task(this, {
    task: async ([services]: readonly [SupervisorServices | undefined, number]): Promise<VaultView | undefined> => {
      if (!services) return undefined;
      const [status, keys] = await Promise.all([services.vault.status(), services.vault.list()]);
      return { status, keys };
    },
    args: () => [this.services, this.revision] as const,
  });

  override render() {
    const view = this.#vault.value;
    return html`
      <div class="section-header">
        <div>
          <h2>API keys</h2>
          <p>
            Keys are encrypted in this browser and never given to plugins, workflows or agents: they name a key in an
            <code>http.request</code>, and the host adds the header, only for the hosts the key allows.
          </p>
        </div>
      </div>
      ${this.#vault.render({
        pending: () => (view ? nothing : html`<p class="empty" aria-busy="true">Opening the vault…</p>`),
        error: (error) => html`<p class="panel empty error-text" role="alert">${errorMessage(error)}</p>`,
        complete: () => nothing,
      })}
      ${view ? this.#renderVault(view) : nothing} ${this.#renderDialog()}
    `;
  }

  #renderVault({ status, keys }: VaultView) {
    const locked = status.state === 'locked';
    return html`
      <section class="panel" aria-label="Vault lock">
        <comet-vault-lock
          .vault=${this.services?.vault}
          .status=${status}
          @comet-vault-changed=${this.#changed}
        ></comet-vault-lock>
      </section>
      <section class="panel" aria-labelledby="keys">
        <div class="panel-header">
          <h3 id="keys">Keys</h3>
          <span class="chip">${keys.length}</span>
        </div>
        ${
          keys.length
            ? keys.map((key) => this.#renderKey(key))
            : html`<p class="empty"><strong>No keys yet</strong>Add one below; agents can then use it by name.</p>`
        }
      </section>
      <section class="panel" aria-labelledby="add-key">
        <div class="panel-header"><h3 id="add-key">Add a key</h3></div>
        <div class="panel-body">
          <comet-key-form
            .vault=${this.services?.vault}
            ?locked=${locked}
            @comet-key-added=${this.#added}
          ></comet-key-form>
        </div>
      </section>
    `;
  }

  #renderKey(key: VaultKeyInfo) {
    return html`<div class="row key">
      <div>
        <h4>${key.name}</h4>
        <span class="meta"
          >${key.hint ? html`ends in <code>…${key.hint}</code> · ` : nothing}added
          ${formatDateTime(key.createdAt)}</span
        >
      </div>
      <div>
        <span class="label">May be sent to</span>
        <ul>
          ${key.hosts.map((host) => html`<li><code>${host}</code></li>`)}
        </ul>
        <span class="meta">
          ${key.principals ? html`Only for ${key.principals.map((p) => html`<code>${p}</code> `)}` : 'For any principal the supervisor allows'}
          · header <code>${key.header.split(':')[0]}</code>
        </span>
      </div>
      <div class="usage">
        <span class="label">Usage</span>
        <strong>${key.usage.calls.toLocaleString('en')}</strong> ${key.usage.calls === 1 ? 'call' : 'calls'} ·
        <strong>${key.usage.tokens.toLocaleString('en')}</strong> tokens
        <div class="meta">${key.lastUsedAt ? `Last used ${formatDateTime(key.lastUsedAt)}` : 'Never used'}</div>
      </div>
      <wa-button size="s" variant="danger" appearance="plain" @click=${() => (this.removing = key)}
        ><span slot="start">${icon('trash')}</span>Remove<span class="visually-hidden"> ${key.name}</span></wa-button
      >
    </div>`;
  }

  #renderDialog() {
    const key = this.removing;
    return html`<wa-dialog
      label="Remove the key ${key?.name ?? ''}?"
      ?open=${key !== undefined}
      @wa-after-hide=${(e: Event) => {
        if (e.target === e.currentTarget) this.removing = undefined;
      }}
    >
      <p>
        Workflows and agents that name <code>${key?.name}</code> will fail until a key of that name is added again. The
        secret is deleted from this browser; it cannot be recovered.
      </p>
      <div slot="footer">
        <wa-button size="s" appearance="outlined" ?disabled=${this.busy} @click=${() => (this.removing = undefined)}
          >Cancel</wa-button
        >
        <wa-button size="s" variant="danger" ?loading=${this.busy} @click=${this.#remove}>Remove key</wa-button>
      </div>
    </wa-dialog>`;
  }

  #added = (event: KeyAddedEvent) => {
    this.platform?.toasts.show({
      variant: 'success',
      title: `Key “${event.detail.key.name}” added`,
      message: 'Its secret is stored encrypted and will not be shown again.',
    });
    this.revision++;
  };

  #changed = (_event: VaultChangedEvent) => {
    this.revision++;
  };

  #remove = async () => {
    const key = this.removing;
    if (!key || !this.services || this.busy) return;
    this.busy = true;
    try {
      await this.services.vault.remove(key.name);
      this.removing = undefined;
      this.platform?.toasts.show({ variant: 'success', title: `Key “${key.name}” removed` });
      this.revision++;
    } catch (error) {
      this.platform?.toasts.error(error, `The key “${key.name}” was not removed`);
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-keys': CometSupervisorKeys;
  }
}
