import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import type { WorkflowDefinition } from './model/types.js';
import type { WorkflowTemplate } from './services/types.js';
import { triggerSummary } from './trigger-text.js';
import type { WorkflowServices } from './services/workflow-services.js';
import { workflowStyles } from './workflow-styles.js';

/** The built-in templates (or why they could not be read) and the user's own. */
interface Gallery {
  builtin: WorkflowTemplate[];
  builtinError?: unknown;
  user: WorkflowTemplate[];
}

/**
 * The template gallery: a blank workflow, then each template as a card with what it does, the inputs it takes and the
 * grants it needs. "Use template" saves a copy under a free id (with the sub-workflows it runs, when they are not
 * saved yet) and opens it in the editor.
 * @summary Workflows › New from a template.
 */
@customElement('comet-workflow-templates')
export class CometWorkflowTemplates extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    workflowStyles,
    css`
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
        gap: var(--comet-space-m);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .card {
        display: flex;
        flex-direction: column;
        gap: var(--comet-space-xs);
        height: 100%;
        padding: var(--comet-space-m);
      }
      .card.blank {
        border-style: dashed;
        box-shadow: none;
        background: transparent;
      }
      .card h3 {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
      }
      .card h3 .icon {
        color: var(--comet-accent-text);
      }
      .card p {
        margin: 0;
        color: var(--comet-text-quiet);
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      h4 {
        margin-top: var(--comet-space-2xs);
        color: var(--comet-text-faint);
        font-size: var(--comet-font-size-2xs);
        letter-spacing: 0.05em;
        text-transform: uppercase;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px var(--comet-space-s);
        margin: 0;
        font-size: var(--comet-font-size-s);
      }
      dt code {
        color: var(--comet-text);
      }
      dd {
        margin: 0;
        color: var(--comet-text-quiet);
      }
      ul.grants {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ul.grants code {
        display: inline-block;
        padding: 1px 6px;
        border-radius: var(--comet-radius-s);
        background: var(--comet-surface-sunken);
        font-size: var(--comet-font-size-xs);
        overflow-wrap: anywhere;
      }
      .foot {
        display: flex;
        align-items: center;
        gap: var(--comet-space-s);
        margin-top: auto;
        padding-top: var(--comet-space-s);
      }
      .foot .meta {
        flex: 1;
        font-size: var(--comet-font-size-xs);
      }
      .failed {
        margin-bottom: var(--comet-space-m);
        padding: var(--comet-space-s) var(--comet-space-m);
        border-inline-start: 3px solid var(--comet-warning);
      }
      .failed p {
        margin: 0 0 var(--comet-space-xs);
      }
      h2.group {
        margin: var(--comet-space-l) 0 var(--comet-space-s);
        font-size: var(--comet-font-size-m);
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The views' services (set by <comet-workflows-view>). */
  @property({ attribute: false })
  accessor services: WorkflowServices | undefined;

  /** The template being copied, and why the last copy failed (by template id). */
  @state() accessor using: string | undefined;
  @state() accessor failures: Readonly<Record<string, string>> = {};

  readonly #gallery = new Task(this, {
    task: async ([services]: readonly [WorkflowServices | undefined]): Promise<Gallery | undefined> => {
      if (!services) return undefined;
      const [builtin, user] = await Promise.allSettled([
        services.store.builtinTemplates(),
        services.store.userTemplates(),
      ]);
      if (user.status === 'rejected') throw user.reason;
      return builtin.status === 'fulfilled'
        ? { builtin: builtin.value, user: user.value }
        : { builtin: [], builtinError: builtin.reason, user: user.value };
    },
    args: () => [this.services] as const,
  });

  override render() {
    return html`
      <div class="section-header">
        <div>
          <h2>Start a workflow</h2>
          <p>
            Pick a template to copy and adapt, or start blank. Templates list the inputs they take and what to grant.
          </p>
        </div>
      </div>
      ${this.#gallery.render({
        pending: () => html`<p class="meta" aria-busy="true">Loading templates…</p>`,
        complete: (gallery) => (gallery ? this.#renderGallery(gallery) : nothing),
        error: (error) =>
          html`<p class="panel failed error-text" role="alert">
            The templates could not be read: ${errorMessage(error)}
          </p>`,
      })}
    `;
  }

  #renderGallery(gallery: Gallery) {
    const all = [...gallery.builtin, ...gallery.user];
    return html`
      ${
        gallery.builtinError
          ? html`<section class="panel failed" role="alert">
              <p>${errorMessage(gallery.builtinError)}</p>
              <wa-button size="s" appearance="outlined" @click=${() => void this.#gallery.run()}>Try again</wa-button>
            </section>`
          : nothing
      }
      <ul class="cards" aria-label="Templates">
        <li>
          <article class="panel card blank" aria-labelledby="blank-title">
            <h3 id="blank-title">${icon('plus')}Blank workflow</h3>
            <p>An empty workflow: add steps from the capabilities the supervisor knows, one form at a time.</p>
            <div class="foot">
              <span class="meta"></span>
              <wa-button size="s" appearance="outlined" href=${href('workflows/new/blank')}>Start blank</wa-button>
            </div>
          </article>
        </li>
        ${gallery.builtin.map((t, i) => html`<li>${this.#renderCard(t, `builtin-${i}`, all)}</li>`)}
      </ul>
      ${
        gallery.user.length
          ? html`<h2 class="group">Your templates</h2>
              <ul class="cards" aria-label="Your templates">
                ${gallery.user.map((t, i) => html`<li>${this.#renderCard(t, `user-${i}`, all)}</li>`)}
              </ul>`
          : nothing
      }
    `;
  }

  #renderCard(template: WorkflowTemplate, key: string, all: WorkflowTemplate[]) {
    const { workflow } = template;
    const steps = Array.isArray(workflow.steps) ? workflow.steps.length : 0;
    const inputs = Object.entries(template.inputsDoc ?? {});
    const failure = this.failures[key];
    return html`<article class="panel card" aria-labelledby="title-${key}">
      <h3 id="title-${key}">${icon('workflow')}${workflow.name || workflow.id}</h3>
      ${
        template.tags?.length || template.source === 'user'
          ? html`<div class="tags">
              ${template.source === 'user' ? html`<span class="chip accent">Yours</span>` : nothing}
              ${(template.tags ?? []).map((tag) => html`<span class="chip">${tag}</span>`)}
            </div>`
          : nothing
      }
      ${workflow.description ? html`<p>${workflow.description}</p>` : nothing}
      ${
        inputs.length
          ? html`<h4>Inputs</h4>
              <dl>
                ${inputs.map(
                  ([name, doc]) =>
                    html`<dt><code>${name}</code></dt>
                      <dd>${doc || '—'}</dd>`,
                )}
              </dl>`
          : nothing
      }
      <h4>Grants needed</h4>
      ${
        template.grants?.length
          ? html`<ul class="grants">
              ${template.grants.map((scope) => html`<li><code>${scope}</code></li>`)}
            </ul>`
          : html`<p class="meta">
              ${workflow.steps?.some((s) => s.workflow) ? 'None of its own; the sub-workflows it runs list theirs.' : 'None: every step is local.'}
            </p>`
      }
      ${failure ? html`<p class="error-text" role="alert">${failure}</p>` : nothing}
      <div class="foot">
        <span class="meta">${steps} ${steps === 1 ? 'step' : 'steps'} · ${triggerSummary(workflow.triggers)}</span>
        <wa-button
          size="s"
          variant="brand"
          ?loading=${this.using === key}
          ?disabled=${this.using !== undefined && this.using !== key}
          @click=${() => void this.use(template, key, all)}
          >Use template<span class="visually-hidden"> ${workflow.name || workflow.id}</span></wa-button
        >
      </div>
    </article>`;
  }

  /**
   * Saves a copy of the template under a free id, with copies of the sub-workflows it runs that are not saved yet
   * (found among the templates), all in one import; then opens the copy in the editor.
   */
  async use(template: WorkflowTemplate, key: string, all: WorkflowTemplate[]): Promise<string | undefined> {
    const store = this.services?.store;
    if (!store) return undefined;
    this.using = key;
    this.failures = { ...this.failures, [key]: '' };
    try {
      const id = await store.freeId(template.workflow.id);
      const copy: WorkflowDefinition = { ...structuredClone(template.workflow), id };
      const children = await missingChildren(copy, all, (childId) => store.get(childId));
      await store.importFile(JSON.stringify({ workflows: [...children, copy] }));
      location.hash = href(`workflows/edit/${encodeURIComponent(id)}`);
      return id;
    } catch (error) {
      this.failures = { ...this.failures, [key]: `This template could not be copied: ${errorMessage(error)}` };
      return undefined;
    } finally {
      this.using = undefined;
    }
  }
}

/** The sub-workflows `workflow` runs (transitively) that are not saved, taken from the templates. */
async function missingChildren(
  workflow: WorkflowDefinition,
  templates: WorkflowTemplate[],
  saved: (id: string) => Promise<WorkflowDefinition | undefined>,
): Promise<WorkflowDefinition[]> {
  const found = new Map<string, WorkflowDefinition>();
  const queue = [workflow];
  while (queue.length) {
    for (const step of queue.shift()!.steps ?? []) {
      const id = step.workflow;
      if (!id || found.has(id) || id === workflow.id || (await saved(id))) continue;
      const template = templates.find((t) => t.workflow.id === id);
      if (!template) continue; // validation names it as an unknown sub-workflow
      const child = structuredClone(template.workflow);
      found.set(id, child);
      queue.push(child);
    }
  }
  return [...found.values()];
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-templates': CometWorkflowTemplates;
  }
}
