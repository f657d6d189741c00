import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { icon, type IconName } from './icons.js';
import type { Platform } from './platform.js';
import { platformContext } from './platform-context.js';
import { baseStyles } from './shared-styles.js';
import { SubscriptionController } from './subscription-controller.js';
import type { Toast, ToastVariant } from './toasts.js';

const ICONS: Record<ToastVariant, IconName> = {
  info: 'info',
  success: 'success',
  warning: 'warning',
  danger: 'danger',
};

/**
 * The platform's notifications, stacked in a corner. Errors and warnings are announced at once (role=alert),
 * others politely (role=status); errors stay until dismissed.
 * @summary Toast notifications of the shell.
 */
@customElement('comet-toaster')
export class CometToaster extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        position: fixed;
        inset-inline-end: var(--comet-space-m);
        inset-block-end: calc(var(--comet-statusbar-height) + var(--comet-space-m));
        z-index: 50;
        display: flex;
        flex-direction: column;
        gap: var(--comet-space-xs);
        width: min(400px, calc(100vw - 2 * var(--comet-space-m)));
        pointer-events: none;
      }
      .region {
        display: contents;
      }
      .toast {
        pointer-events: auto;
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: var(--comet-space-xs) var(--comet-space-s);
        align-items: start;
        padding: var(--comet-space-s) var(--comet-space-xs) var(--comet-space-s) var(--comet-space-m);
        background: var(--comet-surface);
        border: 1px solid var(--comet-border);
        border-inline-start: 3px solid var(--accent);
        border-radius: var(--comet-radius-m);
        box-shadow: var(--comet-shadow-m);
        animation: enter var(--comet-duration) var(--comet-easing);
      }
      .toast.info {
        --accent: var(--comet-accent);
      }
      .toast.success {
        --accent: var(--comet-success);
      }
      .toast.warning {
        --accent: var(--comet-warning);
      }
      .toast.danger {
        --accent: var(--comet-danger);
      }
      .glyph {
        color: var(--accent);
        font-size: 18px;
        margin-top: 1px;
      }
      .title {
        margin: 0;
        font-weight: 600;
      }
      .count {
        margin-inline-start: var(--comet-space-2xs);
        color: var(--comet-text-quiet);
        font-weight: 500;
      }
      .message {
        margin: var(--comet-space-3xs) 0 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
        overflow-wrap: anywhere;
      }
      .actions {
        margin-top: var(--comet-space-xs);
      }
      wa-button.close::part(base) {
        padding: 0 var(--comet-space-xs);
      }
      @keyframes enter {
        from {
          opacity: 0;
          transform: translateY(8px);
        }
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  readonly #toasts = new SubscriptionController(this, () => this.platform?.toasts);

  override render() {
    const items = this.#toasts.source?.items ?? [];
    const urgent = (t: Toast) => t.variant === 'danger' || t.variant === 'warning';
    return html`
      <div class="region" role="alert">${items.filter(urgent).map((t) => this.#renderToast(t))}</div>
      <div class="region" role="status">${items.filter((t) => !urgent(t)).map((t) => this.#renderToast(t))}</div>
    `;
  }

  #renderToast(toast: Toast) {
    const dismiss = () => this.platform?.toasts.dismiss(toast.id);
    return html`
      <div class="toast ${toast.variant}" data-toast-id=${toast.id}>
        <span class="glyph">${icon(ICONS[toast.variant])}</span>
        <div>
          <p class="title">${toast.title}${toast.count > 1 ? html`<span class="count">×${toast.count}</span>` : ''}</p>
          ${toast.message ? html`<p class="message">${toast.message}</p>` : ''}
          ${
            toast.action
              ? html`<div class="actions">
                  <wa-button
                    size="s"
                    variant="neutral"
                    appearance="outlined"
                    @click=${() => {
                      toast.action?.run();
                      dismiss();
                    }}
                    >${toast.action.label}</wa-button
                  >
                </div>`
              : ''
          }
        </div>
        <wa-button class="close" size="s" variant="neutral" appearance="plain" @click=${dismiss}>
          ${icon('close', 'Dismiss')}
        </wa-button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-toaster': CometToaster;
  }
}
