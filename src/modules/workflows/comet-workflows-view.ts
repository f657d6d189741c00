import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage, isCometError } from '../../core/errors.js';
import '../../ui/comet-database-callout.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import type { StatusError } from '../../ui/platform-status.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import './comet-workflow-editor.js';
import './comet-workflow-history.js';
import './comet-workflow-run.js';
import './comet-workflow-list.js';
import './comet-workflow-templates.js';
import { workflowServices, type WorkflowServices } from './services/workflow-services.js';

/** The sub-pages: '#/workflows' (list), '#/workflows/new' (templates), '#/workflows/new/blank', '#/workflows/edit/<id>'. */
type Page =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'edit'; id?: string }
  | { kind: 'runs' }
  | { kind: 'run'; id: string }
  | { kind: 'missing'; path: string };

function pageOf(rest: string[]): Page {
  if (rest.length === 0) return { kind: 'list' };
  if (rest[0] === 'new' && rest.length === 1) return { kind: 'new' };
  if (rest[0] === 'new' && rest[1] === 'blank' && rest.length === 2) return { kind: 'edit' };
  if (rest[0] === 'edit' && rest.length === 2) return { kind: 'edit', id: rest[1] };
  // Part 2 (runs): '#/workflows/runs[?workflow=<id>]' (the history) and '#/workflows/run/<runId>' (one run).
  if (rest[0] === 'runs' && rest.length === 1) return { kind: 'runs' };
  if (rest[0] === 'run' && rest.length === 2) return { kind: 'run', id: rest[1] };
  return { kind: 'missing', path: rest.join('/') };
}

/**
 * Workflows: the saved workflows, the template gallery and the editor, each at its own link. It starts the services
 * on first open and says why when they cannot start (the database is unavailable).
 * @summary The Workflows view.
 */
@customElement('comet-workflows-view')
export class CometWorkflowsView extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    css`
      .page {
        max-width: 1240px;
      }
      .page.wide {
        max-width: 1480px;
      }
      nav {
        margin-bottom: var(--comet-space-l);
        border-bottom: 1px solid var(--comet-border);
      }
      nav ul {
        display: flex;
        gap: var(--comet-space-3xs);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      nav a {
        position: relative;
        display: flex;
        align-items: center;
        gap: 6px;
        height: 36px;
        padding: 0 var(--comet-space-s);
        border-radius: var(--comet-radius-m) var(--comet-radius-m) 0 0;
        color: var(--comet-text-quiet);
        font-weight: 500;
        text-decoration: none;
      }
      nav a:hover {
        background: var(--comet-surface-hover);
        color: var(--comet-text);
      }
      nav a[aria-current='page'] {
        color: var(--comet-text);
      }
      nav a[aria-current='page']::after {
        content: '';
        position: absolute;
        inset: auto var(--comet-space-xs) -1px;
        height: 2px;
        border-radius: 2px;
        background: var(--comet-accent);
      }
      nav a[aria-current='page'] .icon {
        color: var(--comet-accent-text);
      }
      .loading {
        display: grid;
        gap: var(--comet-space-s);
      }
      .bar {
        height: 14px;
        border-radius: var(--comet-radius-s);
        background: var(--comet-surface-hover);
      }
      .bar.title {
        width: 240px;
        height: 22px;
      }
      .bar.short {
        width: 55%;
      }
      .failed,
      .missing {
        padding: var(--comet-space-l);
      }
      .failed {
        border-inline-start: 3px solid var(--comet-danger);
      }
      .failed h2 {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        margin-bottom: var(--comet-space-xs);
      }
      .failed h2 .icon {
        color: var(--comet-danger);
      }
      .failed p,
      .missing p {
        margin: var(--comet-space-xs) 0 var(--comet-space-m);
        color: var(--comet-text-quiet);
      }
      comet-database-callout {
        margin-bottom: var(--comet-space-m);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The path below '#/workflows'. */
  @property({ attribute: false })
  accessor rest: string[] = [];

  readonly #services = new Task(this, {
    task: async ([platform]: readonly [Platform | undefined]) =>
      platform ? await workflowServices(platform) : undefined,
    args: () => [this.platform] as const,
  });

  override render() {
    const page = pageOf(this.rest);
    if (page.kind === 'edit' || page.kind === 'run')
      return html`<div class="page wide">${this.#withServices(page)}</div>`;
    return html`
      <div class="page">
        <div class="page-header">
          <h1 tabindex="-1">Workflows</h1>
          <p class="lede">
            Pipelines of capabilities that run in the background of this browser: steps in sequence or in parallel,
            retried with backoff, each call checked by the supervisor.
          </p>
        </div>
        <nav aria-label="Workflows">
          <ul>
            <li>
              <a href=${href('workflows')} aria-current=${page.kind === 'list' ? 'page' : 'false'}
                >${icon('workflow')}Your workflows</a
              >
            </li>
            <li>
              <a href=${href('workflows/new')} aria-current=${page.kind === 'new' ? 'page' : 'false'}
                >${icon('plus')}New from a template</a
              >
            </li>
            <li>
              <a href=${href('workflows/runs')} aria-current=${page.kind === 'runs' ? 'page' : 'false'}
                >${icon('activity')}Runs</a
              >
            </li>
          </ul>
        </nav>
        <div class="content">${this.#withServices(page)}</div>
      </div>
    `;
  }

  /** After a navigation: the heading of what the link names (the editor's workflow name, or the view's). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await this.#services.taskComplete.catch(() => undefined);
    await this.updateComplete;
    const editor = this.renderRoot.querySelector('comet-workflow-editor');
    if (editor) return editor.focusHeading();
    const run = this.renderRoot.querySelector('comet-workflow-run');
    if (run) return run.focusHeading();
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  #withServices(page: Page) {
    return this.#services.render({
      initial: () => this.#renderLoading(),
      pending: () => this.#renderLoading(),
      complete: (services) => (services ? this.#renderPage(page, services) : this.#renderLoading()),
      error: (error) => this.#renderError(error),
    });
  }

  #renderPage(page: Page, services: WorkflowServices) {
    switch (page.kind) {
      case 'list':
        return html`<comet-workflow-list .services=${services}></comet-workflow-list>`;
      case 'new':
        return html`<comet-workflow-templates .services=${services}></comet-workflow-templates>`;
      case 'edit':
        return html`<comet-workflow-editor .services=${services} .workflowId=${page.id}></comet-workflow-editor>`;
      case 'runs':
        return html`<comet-workflow-history .services=${services}></comet-workflow-history>`;
      case 'run':
        return html`<comet-workflow-run .services=${services} .runId=${page.id}></comet-workflow-run>`;
      case 'missing':
        return html`<section class="panel missing">
          <h2>No “${page.path}” page</h2>
          <p>Workflows has no page of that name.</p>
          <wa-button size="s" variant="brand" href=${href('workflows')}>Show your workflows</wa-button>
        </section>`;
    }
  }

  #renderLoading() {
    return html`<div class="loading" aria-busy="true" aria-label="Loading workflows">
      <div class="bar title"></div>
      <div class="bar"></div>
      <div class="bar short"></div>
    </div>`;
  }

  #renderError(error: unknown) {
    const database = isCometError(error, 'supervisor-unavailable')
      ? (error.details.database as StatusError | undefined)
      : undefined;
    return html`
      ${database ? html`<comet-database-callout .error=${database}></comet-database-callout>` : nothing}
      <section class="panel failed" role="alert">
        <h2>${icon('warning')}Workflows could not start</h2>
        <p>${errorMessage(error)}</p>
        <wa-button variant="brand" size="s" @click=${() => location.reload()}>Reload</wa-button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflows-view': CometWorkflowsView;
  }
}
