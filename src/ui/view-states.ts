// The states a view with services shows before its page: loading, and could not start. Supervisor and Workflows
// share them so that both look and read alike (styles: sectionedViewStyles in section-styles.ts).
import '@awesome.me/webawesome/dist/components/button/button.js';
import { html, nothing } from 'lit';
import { errorMessage, isCometError } from '../core/errors.js';
import './comet-database-callout.js';
import { icon } from './icons.js';
import type { StatusError } from './platform-status.js';

/** Placeholder bars while a view's services or a sub-page's code load; `label` says what is loading. */
export function viewLoading(label: string) {
  return html`<div class="loading" role="status" aria-busy="true" aria-label=${label}>
    <div class="bar title"></div>
    <div class="bar"></div>
    <div class="bar short"></div>
  </div>`;
}

/** Why a view could not start (with the database's own callout when it is the cause), and a Reload button. */
export function viewFailed(title: string, error: unknown) {
  const database = isCometError(error, 'supervisor-unavailable')
    ? (error.details.database as StatusError | undefined)
    : undefined;
  return html`
    ${database ? html`<comet-database-callout .error=${database}></comet-database-callout>` : nothing}
    <section class="panel failed" role="alert">
      <h2>${icon('warning')}${title}</h2>
      <p>${errorMessage(error)}</p>
      <wa-button variant="brand" size="s" @click=${() => location.reload()}>Reload</wa-button>
    </section>
  `;
}
