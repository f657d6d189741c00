import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon } from './icons.js';
import { href } from './router.js';
import { routes } from './routes.js';
import { baseStyles, viewStyles } from './shared-styles.js';

/**
 * Shown for a link to a page that does not exist: says so, and offers the pages that do.
 * @summary Not-found view.
 */
@customElement('comet-not-found-view')
export class CometNotFoundView extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    css`
      .page {
        max-width: 560px;
        padding-top: 12vh;
        text-align: center;
      }
      .glyph {
        display: inline-grid;
        place-items: center;
        width: 56px;
        height: 56px;
        margin-bottom: var(--comet-space-m);
        border-radius: 50%;
        background: var(--comet-accent-soft);
        color: var(--comet-accent);
        font-size: 28px;
      }
      code {
        padding: 1px 6px;
        border-radius: var(--comet-radius-s);
        background: var(--comet-surface-sunken);
        border: 1px solid var(--comet-border);
        overflow-wrap: anywhere;
      }
      .home {
        display: inline-flex;
        align-items: center;
        gap: var(--comet-space-2xs);
        margin-top: var(--comet-space-l);
        padding: 8px 16px;
        border-radius: var(--comet-radius-m);
        background: var(--comet-accent);
        color: var(--comet-on-accent);
        font-weight: 600;
        text-decoration: none;
      }
      .home:hover {
        background: color-mix(in oklab, var(--comet-accent), black 10%);
      }
      .others {
        margin: var(--comet-space-xl) 0 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-s);
      }
      ul {
        display: flex;
        justify-content: center;
        flex-wrap: wrap;
        gap: var(--comet-space-s);
        margin: var(--comet-space-2xs) 0 0;
        padding: 0;
        list-style: none;
      }
    `,
  ];

  /** The path that was asked for, e.g. '/workflows/42'. */
  @property()
  accessor path = '';

  override render() {
    return html`
      <div class="page">
        <div class="glyph">${icon('compass')}</div>
        <h1 tabindex="-1">Page not found</h1>
        <p class="lede">
          There is no page at <code>#${this.path}</code>. The link may be mistyped, or it points to a part of
          CometPlatform this version does not have.
        </p>
        <a class="home" href=${href('')}>${icon('arrow-right')}Go to Overview</a>
        <p class="others">Other pages:</p>
        <ul aria-label="Other pages">
          ${routes.filter((r) => r.path !== '').map((r) => html`<li><a href=${href(r.path)}>${r.title}</a></li>`)}
        </ul>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-not-found-view': CometNotFoundView;
  }
}
