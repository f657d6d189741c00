import '@awesome.me/webawesome/dist/components/callout/callout.js';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon } from './icons.js';
import type { StatusError } from './platform-status.js';
import { href } from './router.js';
import { baseStyles } from './shared-styles.js';

interface Advice {
  title: string;
  steps: ReturnType<typeof html>[];
}

const reset = html`If the data does not matter, <a href=${href('settings/storage')}>delete all local data</a> to start
  afresh.`;

/** What to try, per error code; the error's own message says what happened. */
function advice(code: string): Advice {
  switch (code) {
    case 'storage-unavailable':
      return {
        title: 'This window cannot save data',
        steps: [
          html`Open CometPlatform in a normal (not private) window.`,
          html`Check that the browser’s site settings allow this site to store data.`,
        ],
      };
    case 'storage-future-version':
      return {
        title: 'Your data was saved by a newer version',
        steps: [html`Reload the page to get the newest version; your data is untouched.`],
      };
    case 'storage-corrupt':
      return {
        title: 'Your saved data could not be read',
        steps: [html`Reload the page once: a browser hiccup can cause this.`, reset],
      };
    case 'storage-quota':
      return {
        title: 'Storage is full',
        steps: [html`Free disk space, or delete data you no longer need.`, reset],
      };
    default:
      return { title: 'Local storage is not working', steps: [html`Reload the page.`, reset] };
  }
}

/**
 * Explains why the database is unavailable and what to try; the app meanwhile runs on memory.
 * @summary Database error callout.
 */
@customElement('comet-database-callout')
export class CometDatabaseCallout extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      wa-callout {
        font-size: var(--comet-font-size-m);
        line-height: var(--comet-line-height);
      }
      wa-callout::part(icon) {
        align-self: start;
        margin-top: 2px;
      }
      .glyph {
        font-size: 20px;
        color: var(--comet-danger);
      }
      strong {
        display: block;
        margin-bottom: var(--comet-space-3xs);
      }
      p {
        margin: 0 0 var(--comet-space-xs);
      }
      ul {
        margin: 0;
        padding-inline-start: 1.2em;
      }
    `,
  ];

  /** The error the database failed with. */
  @property({ attribute: false })
  accessor error: StatusError | undefined;

  override render() {
    if (!this.error) return html``;
    const { title, steps } = advice(this.error.code);
    return html`
      <wa-callout variant="danger" role="alert">
        <span slot="icon" class="glyph">${icon('warning')}</span>
        <strong>${title}</strong>
        <p>${this.error.message}</p>
        <p>What you can do:</p>
        <ul>
          ${steps.map((step) => html`<li>${step}</li>`)}
        </ul>
      </wa-callout>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-database-callout': CometDatabaseCallout;
  }
}
