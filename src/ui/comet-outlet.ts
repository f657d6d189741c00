import '@awesome.me/webawesome/dist/components/button/button.js';
import { Task } from '@lit/task';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { errorMessage } from '../core/errors.js';
import './comet-not-found-view.js';
import { icon } from './icons.js';
import type { RouteMatch } from './router.js';
import type { RouteDefinition, RoutedView } from './routes.js';
import { baseStyles } from './shared-styles.js';

/**
 * The content area: loads the matched view's module on first use (each view is its own chunk), renders it
 * with the rest of the path, or the not-found view. After a navigation it moves focus to the new view's
 * heading, so keyboard and screen-reader users land on what changed.
 * @summary Renders the routed view.
 */
@customElement('comet-outlet')
export class CometOutlet extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .loading {
        max-width: 980px;
        margin: 0 auto;
        padding: var(--comet-space-xl);
        opacity: 0;
        animation: appear var(--comet-duration) 200ms forwards;
      }
      .bar {
        height: 14px;
        margin-bottom: var(--comet-space-s);
        border-radius: var(--comet-radius-s);
        background: var(--comet-surface-hover);
      }
      .bar.title {
        width: 220px;
        height: 26px;
        margin-bottom: var(--comet-space-l);
      }
      .bar.short {
        width: 60%;
      }
      .failed {
        max-width: 640px;
        margin: var(--comet-space-2xl) auto;
        padding: var(--comet-space-l);
        border: 1px solid var(--comet-border);
        border-inline-start: 3px solid var(--comet-danger);
        border-radius: var(--comet-radius-l);
        background: var(--comet-surface);
      }
      .failed h1 {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        margin: 0 0 var(--comet-space-xs);
        font-size: var(--comet-font-size-xl);
      }
      .failed h1 .icon {
        color: var(--comet-danger);
      }
      .failed p {
        margin: 0 0 var(--comet-space-m);
        color: var(--comet-text-quiet);
      }
      @keyframes appear {
        to {
          opacity: 1;
        }
      }
    `,
  ];

  /** The route to show. */
  @property({ attribute: false })
  accessor match: RouteMatch | undefined;

  /** Set by the shell on navigation (not on the first route): the next view to render takes focus. */
  focusOnRender = false;

  readonly #view = new Task(this, {
    task: async ([route]: readonly [RouteDefinition | undefined]) => {
      if (route) await route.load();
      return route;
    },
    args: () => [this.match?.route] as const,
  });

  override render() {
    const match = this.match;
    if (!match) return html``;
    if (!match.route) return html`<comet-not-found-view data-view .path=${match.path}></comet-not-found-view>`;
    return this.#view.render({
      pending: () =>
        html`<div class="loading" aria-busy="true" aria-label="Loading ${match.route?.title}">
          <div class="bar title"></div>
          <div class="bar"></div>
          <div class="bar short"></div>
        </div>`,
      complete: (route) => {
        if (!route) return html``;
        const tag = unsafeStatic(route.tag); // from our own route table, never from the URL
        return staticHtml`<${tag} data-view .rest=${match.rest}></${tag}>`;
      },
      error: (error) =>
        html`<section class="failed">
          <h1 tabindex="-1">${icon('warning')}${match.route?.title} could not be loaded</h1>
          <p>
            ${errorMessage(error)}. If you are offline, this part of the app may not have been saved for offline use
            yet; reload once you are back online.
          </p>
          <wa-button variant="brand" size="s" @click=${() => location.reload()}>Reload</wa-button>
        </section>`,
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusOnRender) void this.#focusView();
  }

  async #focusView(): Promise<void> {
    const view = this.renderRoot.querySelector<HTMLElement>('[data-view]') ?? this.renderRoot.querySelector('.failed');
    if (!view) return; // still loading: the next update focuses
    this.focusOnRender = false;
    const routed = view as Partial<RoutedView & LitElement>;
    if (routed.focusHeading) return routed.focusHeading();
    await routed.updateComplete;
    const heading = (view.shadowRoot ?? view).querySelector<HTMLElement>('h1');
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-outlet': CometOutlet;
  }
}
