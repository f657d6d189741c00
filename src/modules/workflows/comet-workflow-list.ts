import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/callout/callout.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { errorMessage, isCometError } from '../../core/errors.js';
import type { WorkflowRow } from '../../db/schema.js';
import { formatDateTime } from '../../ui/format.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { downloadText, jsonFileInput } from '../../ui/json-files.js';
import { listStyles } from './comet-workflow-list.styles.js';
import './comet-workflow-run-dialog.js';
import type { CometWorkflowRunDialog } from './comet-workflow-run-dialog.js';
import { LiveQueryController } from './live-query-controller.js';
import type { WorkflowDefinition } from './model/types.js';
import type { FileProblem } from './services/workflow-store.js';
import { triggerSummary } from './trigger-text.js';
import type { WorkflowServices } from './services/workflow-services.js';
import { workflowStyles } from './workflow-styles.js';

/** What the last import left to show: the ids saved, or every located problem (and nothing changed). */
type ImportOutcome =
  | { ok: true; file: string; ids: string[] }
  | { ok: false; file: string; message: string; groups: { name: string; problems: FileProblem[] }[] };

/**
 * The saved workflows, newest change first, following the database (also other tabs' changes): name, description,
 * steps, triggers and when it changed; run one (the run dialog asks for its inputs and grants), import a file (all or
 * nothing, problems located per workflow), export, duplicate and delete (with Undo in the toast).
 * @summary Workflows › Your workflows.
 */
@customElement('comet-workflow-list')
export class CometWorkflowList extends LitElement {
  static override styles = [baseStyles, viewStyles, workflowStyles, listStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The views' services (set by <comet-workflows-view>). */
  @property({ attribute: false })
  accessor services: WorkflowServices | undefined;

  @state() accessor imported: ImportOutcome | undefined;
  @state() accessor busy = false;
  /** The workflow the run dialog is for. */
  @state() accessor running: WorkflowDefinition | undefined;

  @query('input[type="file"]') accessor fileInput: HTMLInputElement | null = null;
  @query('comet-workflow-run-dialog') accessor runDialog: CometWorkflowRunDialog | null = null;

  readonly #rows = new LiveQueryController<WorkflowRow[]>(
    this,
    () => {
      const db = this.services?.store && this.platform?.db;
      return db ? () => db.workflows.where('kind').equals('workflow').toArray() : undefined;
    },
    () => this.platform?.db,
  );

  override render() {
    const rows = this.#rows.value ? [...this.#rows.value].sort((a, b) => b.updatedAt - a.updatedAt) : undefined;
    return html`
      <div class="section-header">
        <div>
          <h2>Your workflows</h2>
          <p>Saved on this device. Open one to edit its steps, see its graph and grant what it needs.</p>
        </div>
        <div class="actions">
          <wa-button size="s" appearance="outlined" ?loading=${this.busy} @click=${() => this.fileInput?.click()}
            ><span slot="start">${icon('upload')}</span>Import file…</wa-button
          >
          <wa-button size="s" variant="brand" href=${href('workflows/new')}
            ><span slot="start">${icon('plus')}</span>New workflow</wa-button
          >
          ${jsonFileInput((text, name) => this.importText(text, name))}
        </div>
      </div>
      ${this.#renderImported()}
      ${
        this.#rows.error
          ? html`<p class="panel empty error-text" role="alert">
              The workflows could not be read: ${errorMessage(this.#rows.error)}
            </p>`
          : nothing
      }
      ${rows === undefined ? this.#renderLoading() : rows.length ? this.#renderRows(rows) : this.#renderEmpty()}
      <comet-workflow-run-dialog .services=${this.services} .definition=${this.running}></comet-workflow-run-dialog>
    `;
  }

  #renderRows(rows: WorkflowRow[]) {
    return html`<section class="panel" aria-labelledby="saved-workflows">
      <h3 id="saved-workflows" class="visually-hidden">Saved workflows</h3>
      <ul class="workflows">
        ${rows.map((row) => this.#renderRow(row.definition, row.updatedAt))}
      </ul>
    </section>`;
  }

  #renderRow(workflow: WorkflowDefinition, updatedAt: number) {
    const steps = Array.isArray(workflow.steps) ? workflow.steps.length : 0;
    const name = workflow.name || workflow.id;
    return html`<li class="workflow">
      <span class="glyph" aria-hidden="true">${icon('workflow')}</span>
      <div class="grow">
        <div class="title">
          <a class="name" href=${href(`workflows/edit/${encodeURIComponent(workflow.id)}`)}>${name}</a>
          <code class="id">${workflow.id}</code>
        </div>
        ${workflow.description ? html`<p class="description">${workflow.description}</p>` : nothing}
        <p class="facts meta">
          <span>${steps} ${steps === 1 ? 'step' : 'steps'}</span>
          <span class="trigger">${icon('clock')}${triggerSummary(workflow.triggers)}</span>
          <span>Changed ${formatDateTime(updatedAt)}</span>
        </p>
      </div>
      <div class="row-actions">
        <wa-button size="s" appearance="outlined" class="run" @click=${() => void this.run(workflow)}
          ><span slot="start">${icon('play')}</span>Run<span class="visually-hidden"> ${name}</span></wa-button
        >
        <button type="button" class="icon-button" title="Export" @click=${() => void this.#export(workflow)}>
          ${icon('download')}<span class="visually-hidden">Export ${name}</span>
        </button>
        <button type="button" class="icon-button" title="Duplicate" @click=${() => void this.duplicate(workflow)}>
          ${icon('copy')}<span class="visually-hidden">Duplicate ${name}</span>
        </button>
        <button type="button" class="icon-button danger" title="Delete" @click=${() => void this.delete(workflow)}>
          ${icon('trash')}<span class="visually-hidden">Delete ${name}</span>
        </button>
      </div>
    </li>`;
  }

  #renderEmpty() {
    return html`<section class="panel empty-state" aria-labelledby="no-workflows">
      <span class="big-glyph" aria-hidden="true">${icon('workflow')}</span>
      <h3 id="no-workflows">No workflows yet</h3>
      <p>
        Start from a template — fetch and transform data, poll an API until it is ready, fan out over a list — and
        change it to fit. Or start blank, or import a workflow file.
      </p>
      <div class="actions center">
        <wa-button size="s" variant="brand" href=${href('workflows/new')}>Browse templates</wa-button>
        <wa-button size="s" appearance="outlined" href=${href('workflows/new/blank')}>Start blank</wa-button>
      </div>
    </section>`;
  }

  #renderLoading() {
    return html`<section class="panel" aria-busy="true" aria-label="Loading workflows">
      <div class="skeleton"></div>
      <div class="skeleton short"></div>
    </section>`;
  }

  #renderImported() {
    const outcome = this.imported;
    if (!outcome) return nothing;
    if (outcome.ok)
      return html`<wa-callout variant="success" class="import-result" role="status">
        ${icon('success')} Imported ${outcome.ids.length} workflow${outcome.ids.length === 1 ? '' : 's'} from
        <code>${outcome.file}</code>: ${outcome.ids.join(', ')}.
      </wa-callout>`;
    return html`<wa-callout variant="danger" class="import-result" role="alert">
      <strong><code>${outcome.file}</code> was not imported; nothing changed.</strong>
      ${
        outcome.groups.length
          ? outcome.groups.map(
              (group) =>
                html`<p class="group-name">${group.name}</p>
                  <ul class="problems">
                    ${group.problems.slice(0, 20).map((p) => html`<li><code>${p.path}</code> ${p.message}</li>`)}
                    ${group.problems.length > 20 ? html`<li>… and ${group.problems.length - 20} more</li>` : nothing}
                  </ul>`,
            )
          : html`<p>${outcome.message}</p>`
      }
      <wa-button size="s" appearance="plain" @click=${() => (this.imported = undefined)}>Dismiss</wa-button>
    </wa-callout>`;
  }

  /** Imports a workflow file's text: all of it, or (with every problem listed per workflow) nothing. */
  async importText(text: string, file = 'the file'): Promise<void> {
    const store = this.services?.store;
    if (!store) return;
    this.busy = true;
    try {
      this.imported = { ok: true, file, ids: await store.importFile(text) };
    } catch (error) {
      const problems = isCometError(error, 'workflow-file-invalid')
        ? ((error.details.problems as FileProblem[] | undefined) ?? [])
        : [];
      this.imported = { ok: false, file, message: errorMessage(error), groups: groupByWorkflow(text, problems) };
    } finally {
      this.busy = false;
    }
  }

  /** Opens the run dialog for a saved workflow. */
  async run(workflow: WorkflowDefinition): Promise<void> {
    this.running = workflow;
    await this.updateComplete;
    this.runDialog?.show();
  }

  /** Saves a copy under a free id ('digest-2') and name ('… (copy)'). */
  async duplicate(workflow: WorkflowDefinition): Promise<void> {
    const store = this.services?.store;
    if (!store) return;
    try {
      const id = await store.freeId(workflow.id);
      const copy = await store.save({
        ...structuredClone(workflow),
        id,
        name: `${workflow.name || workflow.id} (copy)`,
      });
      this.platform?.toasts.show({ variant: 'success', title: 'Workflow duplicated', message: `Saved as ${copy.id}.` });
    } catch (error) {
      this.platform?.toasts.error(error, 'The workflow was not duplicated');
    }
  }

  /** Deletes at once; the toast offers Undo, which puts it back as it was. */
  async delete(workflow: WorkflowDefinition): Promise<void> {
    const store = this.services?.store;
    if (!store) return;
    let undo: () => Promise<void>;
    try {
      undo = await store.delete(workflow.id);
    } catch (error) {
      this.platform?.toasts.error(error, 'The workflow was not deleted');
      return;
    }
    this.platform?.toasts.show({
      variant: 'success',
      title: 'Workflow deleted',
      message: workflow.name || workflow.id,
      duration: 10_000,
      action: {
        label: 'Undo',
        run: () =>
          void undo().catch((error: unknown) => this.platform?.toasts.error(error, 'The workflow was not restored')),
      },
    });
  }

  async #export(workflow: WorkflowDefinition): Promise<void> {
    try {
      const text = await this.services!.store.exportFile(workflow.id);
      downloadText(text, `${workflow.id}.workflow.json`);
    } catch (error) {
      this.platform?.toasts.error(error, 'The workflow was not exported');
    }
  }
}

/** The problems of an import grouped by the workflow they belong to, each named as the file names it. */
function groupByWorkflow(text: string, problems: FileProblem[]): { name: string; problems: FileProblem[] }[] {
  let names: string[] = [];
  try {
    const value = JSON.parse(text) as { workflows?: { name?: unknown; id?: unknown }[]; name?: unknown; id?: unknown };
    const list = Array.isArray(value.workflows) ? value.workflows : [value];
    names = list.map((w, i) => {
      const name = [w?.name, w?.id].find((n): n is string => typeof n === 'string');
      return `${name ?? `Workflow ${i + 1}`} (workflows[${i}])`;
    });
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  const groups = new Map<number, FileProblem[]>();
  for (const problem of problems) groups.set(problem.workflow, [...(groups.get(problem.workflow) ?? []), problem]);
  return [...groups].map(([i, list]) => ({ name: names[i] ?? `Workflow ${i + 1}`, problems: list }));
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-list': CometWorkflowList;
  }
}
