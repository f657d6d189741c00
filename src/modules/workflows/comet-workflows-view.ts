import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { sectionedViewStyles } from '../../ui/section-styles.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { viewFailed, viewLoading } from '../../ui/view-states.js';
import type { CometWorkflowEditor } from './comet-workflow-editor.js';
import type { CometWorkflowRun } from './comet-workflow-run.js';
import type { WorkflowServices } from './services/workflow-services.js';

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

type SubPage = Exclude<Page['kind'], 'missing'>;

/**
 * Each sub-page's element and the chunk that defines it, fetched on its first visit: the list does not wait for the
 * editor's code (schema form, JSON view, the graph with dagre), nor the editor for the history's.
 */
const SUB_PAGES: Record<SubPage, { tag: keyof HTMLElementTagNameMap; load: () => Promise<unknown> }> = {
  list: { tag: 'comet-workflow-list', load: () => import('./comet-workflow-list.js') },
  new: { tag: 'comet-workflow-templates', load: () => import('./comet-workflow-templates.js') },
  edit: { tag: 'comet-workflow-editor', load: () => import('./comet-workflow-editor.js') },
  runs: { tag: 'comet-workflow-history', load: () => import('./comet-workflow-history.js') },
  run: { tag: 'comet-workflow-run', load: () => import('./comet-workflow-run.js') },
};

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
    sectionedViewStyles,
    css`
      .page {
        max-width: 1240px;
      }
      .page.wide {
        max-width: 1480px;
      }
      .failed p,
      .missing p {
        margin: var(--comet-space-xs) 0 var(--comet-space-m);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The path below '#/workflows'. */
  @property({ attribute: false })
  accessor rest: string[] = [];

  /** The services and the current sub-page's code, loaded together; a new sub-page loads its own chunk. */
  readonly #page = new Task(this, {
    task: async ([platform, kind]: readonly [Platform | undefined, Page['kind']]) => {
      if (!platform) return undefined;
      // The services' chunk and the sub-page's are fetched side by side.
      const [services] = await Promise.all([
        import('./services/workflow-services.js').then(({ workflowServices }) => workflowServices(platform)),
        kind === 'missing' ? undefined : SUB_PAGES[kind].load(),
      ]);
      return { platform, services };
    },
    args: () => [this.platform, pageOf(this.rest).kind] as const,
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

  /** Resolves once the services have started and the current sub-page's element is defined and rendered. */
  async pageReady(): Promise<void> {
    await this.updateComplete;
    // A failed start is not lost: render() shows it (viewFailed); this only waits for it to settle.
    await this.#page.taskComplete.catch(() => undefined);
    await this.updateComplete;
  }

  /** After a navigation: the heading of what the link names (the editor's workflow name, or the view's). */
  async focusHeading(): Promise<void> {
    await this.pageReady();
    const editor = this.renderRoot.querySelector<CometWorkflowEditor>('comet-workflow-editor');
    if (editor) return editor.focusHeading();
    const run = this.renderRoot.querySelector<CometWorkflowRun>('comet-workflow-run');
    if (run) return run.focusHeading();
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  #withServices(page: Page) {
    const loading = () => viewLoading(page.kind === 'list' ? 'Loading workflows' : 'Loading the page');
    // A sub-page visited before is defined already: show it at once rather than the bars while the task settles.
    const defined = page.kind === 'missing' || customElements.get(SUB_PAGES[page.kind].tag) !== undefined;
    const loaded = this.#page.value;
    if (defined && loaded && loaded.platform === this.platform) return this.#renderPage(page, loaded.services);
    return this.#page.render({
      initial: loading,
      pending: loading,
      complete: (loaded) => (loaded ? this.#renderPage(page, loaded.services) : loading()),
      error: (error) => viewFailed('Workflows could not start', error),
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
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflows-view': CometWorkflowsView;
  }
}
