import { ContextProvider } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { PendingApprovalsController } from '../modules/supervisor/pending-approvals.js';
import './comet-header.js';
import './comet-nav.js';
import './comet-outlet.js';
import type { CometOutlet } from './comet-outlet.js';
import './comet-status-bar.js';
import './comet-toaster.js';
import './comet-update-banner.js';
import { createPlatform, type Platform, type PlatformOptions } from './platform.js';
import { platformContext } from './platform-context.js';
import { RouterController } from './router.js';
import { routes } from './routes.js';
import { baseStyles } from './shared-styles.js';
import { ShortcutsController } from './shortcuts.js';
import { SelectController } from './store-controller.js';
import { ThemeController } from './theme-controller.js';

/**
 * The application shell: header, navigation, routed content, status bar, toasts and, in debug mode, the
 * inspector. It creates the platform and provides it to every element below it.
 * @summary The CometPlatform app shell.
 */
@customElement('comet-app')
export class CometApp extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        grid-template-rows: auto auto 1fr auto;
        height: 100dvh;
        background: var(--comet-bg);
      }
      .skip-link {
        position: fixed;
        top: var(--comet-space-xs);
        left: var(--comet-space-xs);
        z-index: 100;
        padding: var(--comet-space-xs) var(--comet-space-m);
        border-radius: var(--comet-radius-m);
        background: var(--comet-accent);
        color: var(--comet-on-accent);
        font-weight: 600;
        transform: translateY(-200%);
      }
      .skip-link:focus {
        transform: none;
      }
      .body {
        display: grid;
        grid-template-columns: var(--comet-sidebar-width) 1fr;
        min-height: 0;
      }
      .workspace {
        display: flex;
        flex-direction: column;
        min-width: 0;
        min-height: 0;
      }
      main {
        flex: 1;
        min-height: 0;
        overflow: auto;
      }
      main:focus {
        outline: none;
      }
      @media (max-width: 720px) {
        .body {
          grid-template-columns: auto 1fr;
        }
      }
    `,
  ];

  /** How the platform is created; set before the element connects (tests use their own database and channel). */
  platformOptions: PlatformOptions = {};

  #platform: Platform | undefined;
  #wasDebug = false;
  /** Whether the saved settings have been restored (until then the store holds the defaults). */
  #restored = false;
  readonly #provider = new ContextProvider(this, { context: platformContext });
  readonly #router = new RouterController(this, routes, window, () => {
    if (this.outlet) this.outlet.focusOnRender = true;
  });
  readonly #theme = new ThemeController(this);
  /** Approval prompts waiting in this tab or another: the prompt element loads when the first one arrives. */
  readonly #approvals = new PendingApprovalsController(this, () => this.platform.bus);
  readonly #settings = new SelectController(
    this,
    () => this.#platform?.store,
    (s) => s.settings,
  );

  @state() accessor inspectorOpen = false;
  @state() accessor inspectorLoaded = false;
  @state() accessor shortcutsLoaded = false;
  @state() accessor approvalPromptLoaded = false;

  @query('comet-outlet') accessor outlet: CometOutlet | null = null;

  constructor() {
    super();
    new ShortcutsController(this, routes, {
      navigate: (path) => this.#router.navigate(path),
      toggleDebug: () => this.platform.updateSettings({ debug: !this.platform.store.getState().settings.debug }),
      showShortcuts: () => void this.#showShortcuts(),
    });
  }

  /** The platform's services (read-only): the store, bus, toasts… e2e tests and outside agents use it. */
  get platform(): Platform {
    this.#platform ??= createPlatform(this.platformOptions);
    return this.#platform;
  }

  override connectedCallback(): void {
    this.#provider.setValue(this.platform);
    super.connectedCallback();
    void this.platform.ready.then(() => {
      this.#restored = true;
      this.requestUpdate();
    });
  }

  protected override willUpdate(): void {
    const route = this.#router.match.route;
    document.title = route ? `${route.title} · CometPlatform` : 'Not found · CometPlatform';
    if (this.#approvals.pending.length && !this.approvalPromptLoaded) {
      import('../modules/supervisor/comet-approval-prompt.js').then(
        () => (this.approvalPromptLoaded = true),
        (error: unknown) =>
          this.platform.toasts.error(error, 'An approval is waiting, but its prompt could not be loaded'),
      );
    }
    const settings = this.#settings.value;
    if (!settings) return;
    // Before the saved settings are restored the store holds the defaults; the controller's cached theme stands.
    if (this.#restored) this.#theme.set(settings.theme);
    if (settings.debug !== this.#wasDebug) {
      this.#wasDebug = settings.debug;
      this.inspectorOpen = settings.debug; // turning debug on shows the inspector
    }
    if (settings.debug && !this.inspectorLoaded) {
      import('./inspector/comet-inspector.js').then(
        () => (this.inspectorLoaded = true),
        (error: unknown) => this.platform.toasts.error(error, 'The inspector could not be loaded'),
      );
    }
  }

  override render() {
    const debug = this.#settings.value?.debug ?? false;
    const inspector = debug && this.inspectorLoaded && this.inspectorOpen;
    return html`
      <a class="skip-link" href="#main" @click=${this.#skipToMain}>Skip to main content</a>
      <comet-update-banner></comet-update-banner>
      <comet-header
        ?inspector-open=${inspector}
        @comet-toggle-inspector=${this.#toggleInspector}
        @comet-show-shortcuts=${this.#showShortcuts}
      ></comet-header>
      <div class="body">
        <comet-nav .routes=${routes} .current=${this.#router.match.route?.path}></comet-nav>
        <div class="workspace">
          <main id="main" tabindex="-1">
            <comet-outlet .match=${this.#router.match}></comet-outlet>
          </main>
          ${
            inspector
              ? html`<comet-inspector @comet-toggle-inspector=${this.#toggleInspector}></comet-inspector>`
              : nothing
          }
        </div>
      </div>
      <comet-status-bar @comet-toggle-inspector=${this.#toggleInspector}></comet-status-bar>
      <comet-toaster></comet-toaster>
      ${
        this.approvalPromptLoaded
          ? html`<comet-approval-prompt .pending=${this.#approvals.pending}></comet-approval-prompt>`
          : nothing
      }
      ${this.shortcutsLoaded ? html`<comet-shortcuts-dialog .routes=${routes}></comet-shortcuts-dialog>` : nothing}
    `;
  }

  /** The skip link must not touch the hash: here the hash is the route. */
  #skipToMain = (event: Event) => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  };

  #toggleInspector = (event: CustomEvent<{ open?: boolean }>) => {
    this.inspectorOpen = event.detail.open ?? !this.inspectorOpen;
  };

  #showShortcuts = async () => {
    if (!this.shortcutsLoaded) {
      try {
        await import('./comet-shortcuts-dialog.js');
      } catch (error) {
        this.platform.toasts.error(error, 'The shortcuts could not be loaded');
        return;
      }
      this.shortcutsLoaded = true;
      await this.updateComplete;
    }
    this.renderRoot.querySelector('comet-shortcuts-dialog')?.show();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-app': CometApp;
  }
}
