import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { icon, type IconName } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { sectionedViewStyles } from '../../ui/section-styles.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { viewFailed, viewLoading } from '../../ui/view-states.js';
import './comet-supervisor-approvals.js';
import './comet-supervisor-audit.js';
import './comet-supervisor-capabilities.js';
import './comet-supervisor-checklist.js';
import './comet-supervisor-grants.js';
import './comet-supervisor-keys.js';
import './comet-supervisor-policies.js';
import { supervisorViewStyles } from './comet-supervisor-view.styles.js';
import { supervisorServices, type SupervisorServices } from './supervisor-services.js';
import { focusSectionHeading } from '../../ui/focus-heading.js';

interface Page {
  path: string;
  title: string;
  icon: IconName;
  render: (services: SupervisorServices, rest: string[]) => TemplateResult;
}

/** The supervisor's pages, in order; '#/supervisor' shows the first, '#/supervisor/<path>' the others. */
const PAGES: Page[] = [
  {
    path: 'checklist',
    title: 'Checklist',
    icon: 'check',
    render: (s, rest) => html`<comet-supervisor-checklist .services=${s} .rest=${rest}></comet-supervisor-checklist>`,
  },
  {
    path: 'grants',
    title: 'Grants',
    icon: 'unlock',
    render: (s, rest) => html`<comet-supervisor-grants .services=${s} .rest=${rest}></comet-supervisor-grants>`,
  },
  {
    path: 'policies',
    title: 'Policies',
    icon: 'scroll',
    render: (s, rest) => html`<comet-supervisor-policies .services=${s} .rest=${rest}></comet-supervisor-policies>`,
  },
  {
    path: 'approvals',
    title: 'Approvals',
    icon: 'hand',
    render: (s, rest) => html`<comet-supervisor-approvals .services=${s} .rest=${rest}></comet-supervisor-approvals>`,
  },
  {
    path: 'audit',
    title: 'Audit log',
    icon: 'log',
    render: (s, rest) => html`<comet-supervisor-audit .services=${s} .rest=${rest}></comet-supervisor-audit>`,
  },
  {
    path: 'keys',
    title: 'API keys',
    icon: 'key',
    render: (s, rest) => html`<comet-supervisor-keys .services=${s} .rest=${rest}></comet-supervisor-keys>`,
  },
  {
    path: 'capabilities',
    title: 'Capabilities',
    icon: 'blocks',
    render: (s, rest) =>
      html`<comet-supervisor-capabilities .services=${s} .rest=${rest}></comet-supervisor-capabilities>`,
  },
];

/**
 * The Supervisor: a second-level navigation over its pages (checklist, grants, policies, approvals, audit log, API
 * keys, capabilities), each at its own link ('#/supervisor/audit'). It starts the supervisor's services on first
 * open and shows why when they cannot start (e.g. the database is unavailable: then nothing may be allowed).
 * @summary The Supervisor view.
 */
@customElement('comet-supervisor-view')
export class CometSupervisorView extends LitElement {
  static override styles = [baseStyles, viewStyles, sectionedViewStyles, supervisorViewStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The path below '#/supervisor': [] or ['audit'], ['grants', '<id>'], … */
  @property({ attribute: false })
  accessor rest: string[] = [];

  /** Pending approval prompts, for the count beside "Approvals". */
  @state() accessor pendingCount = 0;

  #unsubscribe: (() => void) | undefined;

  readonly #services = new Task(this, {
    task: async ([platform]: readonly [Platform | undefined]) => {
      if (!platform) return undefined;
      const services = await supervisorServices(platform);
      this.#follow(services);
      return services;
    },
    args: () => [this.platform] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reattached (e.g. moved in the DOM): follow the queue again.
    const services = this.#services.value;
    if (services) this.#follow(services);
  }

  override render() {
    const wanted = this.rest[0] ?? PAGES[0].path;
    const page = PAGES.find((p) => p.path === wanted);
    return html`
      <div class="page">
        <div class="page-header">
          <h1 tabindex="-1">Supervisor</h1>
          <p class="lede">
            Every action an agent takes passes here: what no grant allows is denied, policies limit and time it, and
            each decision lands in a tamper-evident audit log.
          </p>
        </div>
        <nav aria-label="Supervisor">
          <ul>
            ${PAGES.map(
              (p) =>
                html`<li>
                  <a href=${href(`supervisor/${p.path}`)} aria-current=${p === page ? 'page' : 'false'}
                    >${icon(p.icon)}${p.title}${
                      p.path === 'approvals' && this.pendingCount
                        ? html`<span class="count" aria-label="${this.pendingCount} pending"
                            >${this.pendingCount}</span
                          >`
                        : nothing
                    }</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <div class="content">${page ? this.#renderPage(page) : this.#renderMissing(wanted)}</div>
      </div>
    `;
  }

  /** After a navigation: the page's heading when the link named one ('#/supervisor/audit'), else the view's. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await this.#services.taskComplete.catch(() => undefined);
    await this.updateComplete;
    await focusSectionHeading(this.renderRoot, this.rest.length > 0);
  }

  #renderPage(page: Page) {
    return this.#services.render({
      initial: () => viewLoading('Starting the supervisor'),
      pending: () => viewLoading('Starting the supervisor'),
      complete: (services) =>
        services ? page.render(services, this.rest.slice(1)) : viewLoading('Starting the supervisor'),
      error: (error) => viewFailed('The supervisor could not start', error),
    });
  }

  #renderMissing(wanted: string) {
    return html`<section class="panel missing">
      <h2>No “${wanted}” page</h2>
      <p class="quiet">The supervisor has no page of that name. Pick one above.</p>
    </section>`;
  }

  #follow(services: SupervisorServices): void {
    this.#unsubscribe?.();
    this.#unsubscribe = services.supervisor.approvals.subscribe((pending) => (this.pendingCount = pending.length));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-view': CometSupervisorView;
  }
}
