import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { icon } from './icons.js';
import { href } from './router.js';
import type { RouteDefinition } from './routes.js';
import { baseStyles } from './shared-styles.js';
import { routeShortcut } from './shortcuts.js';

/**
 * The module navigation, built from the route table: one link per routed view, with its shortcut.
 * @summary Side navigation of the shell.
 */
@customElement('comet-nav')
export class CometNav extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: var(--comet-space-s) var(--comet-space-xs);
        background: var(--comet-sidebar);
        border-inline-end: 1px solid var(--comet-border);
        overflow-y: auto;
      }
      ul {
        display: flex;
        flex-direction: column;
        gap: 2px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        height: 32px;
        padding: 0 var(--comet-space-xs);
        border-radius: var(--comet-radius-m);
        color: var(--comet-text-quiet);
        font-weight: 500;
        text-decoration: none;
        transition:
          background-color var(--comet-duration),
          color var(--comet-duration);
      }
      a:hover {
        background: var(--comet-surface-hover);
        color: var(--comet-text);
      }
      a[aria-current='page'] {
        background: var(--comet-surface);
        color: var(--comet-text);
        box-shadow: var(--comet-shadow-s);
      }
      a[aria-current='page'] .icon {
        color: var(--comet-accent);
      }
      .icon {
        font-size: 16px;
      }
      .label {
        flex: 1;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .keys {
        display: flex;
        gap: 2px;
        opacity: 0;
        transition: opacity var(--comet-duration);
      }
      a:hover .keys,
      a:focus-visible .keys {
        opacity: 1;
      }
      .heading {
        margin: 0 0 var(--comet-space-2xs);
        padding: 0 var(--comet-space-xs);
        color: var(--comet-text-faint);
        font-size: var(--comet-font-size-2xs);
        font-weight: 600;
        letter-spacing: 0.06em;
        text-transform: uppercase;
      }
      @media (max-width: 720px) {
        :host {
          padding: var(--comet-space-xs) 6px;
        }
        .keys,
        .heading {
          display: none;
        }
        /* Only the icon shows; the name stays for screen readers. */
        .label {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        a {
          justify-content: center;
          width: 36px;
          height: 36px;
          padding: 0;
        }
      }
    `,
  ];

  /** The routes to list, in order (their position gives their Alt+n shortcut). */
  @property({ attribute: false })
  accessor routes: readonly RouteDefinition[] = [];

  /** The path of the route on screen ('' for the home route), or undefined on a not-found page. */
  @property({ attribute: false })
  accessor current: string | undefined;

  override render() {
    return html`
      <nav aria-label="Main">
        <p class="heading" aria-hidden="true">Workspace</p>
        <ul>
          ${this.routes.map((route, i) => {
            const keys = routeShortcut(i);
            return html`<li>
              <a
                href=${href(route.path)}
                aria-current=${route.path === this.current ? 'page' : 'false'}
                aria-keyshortcuts=${ifDefined(keys?.join('+'))}
                title=${route.description}
              >
                ${icon(route.icon)}<span class="label">${route.title}</span>
                ${keys ? html`<span class="keys" aria-hidden="true">${keys.map((k) => html`<kbd>${k}</kbd>`)}</span>` : ''}
              </a>
            </li>`;
          })}
        </ul>
      </nav>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-nav': CometNav;
  }
}
