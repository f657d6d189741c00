import { consume } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatClock } from '../format.js';
import type { Platform } from '../platform.js';
import { platformContext } from '../platform-context.js';
import { baseStyles } from '../shared-styles.js';
import { SubscriptionController } from '../subscription-controller.js';
import { inspectorStyles } from './inspector-styles.js';

/**
 * The inspector's Workers tab: the workers this page has spawned (src/core/rpc.ts), with their state and
 * how many calls wait on each.
 * @summary Open workers.
 */
@customElement('comet-inspector-workers')
export class CometInspectorWorkers extends LitElement {
  static override styles = [
    baseStyles,
    inspectorStyles,
    css`
      .body {
        flex: 1;
        min-height: 0;
        overflow: auto;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-family: var(--comet-font-mono);
      }
      th {
        position: sticky;
        top: 0;
        padding: 4px var(--comet-space-s);
        background: var(--comet-surface-sunken);
        color: var(--comet-text-quiet);
        font-family: var(--comet-font-sans);
        font-weight: 600;
        text-align: start;
      }
      td {
        padding: 4px var(--comet-space-s);
        border-top: 1px solid var(--comet-border);
      }
      .ready {
        color: var(--comet-success);
      }
      .failed {
        color: var(--comet-danger);
      }
      .starting {
        color: var(--comet-warning);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  readonly #registry = new SubscriptionController(this, () => this.platform?.workers, { perFrame: true });

  override render() {
    const workers = this.#registry.source?.list() ?? [];
    return html`
      <div class="toolbar"><span class="count">${workers.length} running in this tab</span></div>
      <div class="body" role="region" aria-label="Workers" tabindex="0">
        ${
          workers.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">State</th>
                    <th scope="col">Started</th>
                    <th scope="col">Pending calls</th>
                    <th scope="col">Script / error</th>
                  </tr>
                </thead>
                <tbody>
                  ${workers.map(
                    (w) =>
                      html`<tr>
                        <td>${w.name}</td>
                        <td class=${w.state}>${w.state}</td>
                        <td>${formatClock(w.startedAt)}</td>
                        <td>${w.pendingCalls}</td>
                        <td class=${w.error ? 'failed' : ''}>${w.error ?? w.url}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="empty">No workers are running in this tab. Features start theirs when they need them.</p>`
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-inspector-workers': CometInspectorWorkers;
  }
}
