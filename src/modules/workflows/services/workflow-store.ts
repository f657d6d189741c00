/**
 * Saved workflows and the user's templates in IndexedDB (table `workflows`), and the built-in templates served as
 * workflow-templates.json. Every write validates first (the model's workflowProblems, with the registry's
 * capabilities and the saved workflows as the known names) and is one transaction; a file import is all or nothing.
 * No DOM: the engine's worker may use it too, so the templates' URL is passed in rather than read from `document`.
 */
import type { EventBus } from '../../../core/bus.js';
import type { CapabilityRegistry } from '../../../core/capabilities/index.js';
import type { Clock } from '../../../core/clock.js';
import { CometError, errorMessage, isCometError } from '../../../core/errors.js';
import { explainStorageError } from '../../../core/storage.js';
import type { CometDB } from '../../../db/db.js';
import type { WorkflowRow } from '../../../db/schema.js';
import '../engine/bus-events.js';
import type { WorkflowDefinition, WorkflowProblem } from '../model/types.js';
import { workflowProblems } from '../model/validate.js';
import type { WorkflowStore, WorkflowTemplate } from './types.js';
import { readTemplatesFile, readWorkflowFile, templateRowId, userTemplate, WORKFLOW_FORMAT } from './workflow-file.js';

/** What a DexieWorkflowStore needs. */
export interface DexieWorkflowStoreDeps {
  db: CometDB;
  bus: EventBus;
  clock: Clock;
  /** The names a step may call. */
  capabilities: CapabilityRegistry;
  /** Where the built-in templates are served (default: workflow-templates.json beside the page). */
  templatesUrl?: string | URL;
  /** The fetch to read them with (default: the global one). */
  fetch?: typeof fetch;
}

/** A workflow id is lower-case letters, digits and '-', starting with a letter. */
const ID_SHAPE = /^[a-z][a-z0-9-]*$/;

/** The WorkflowStore of the app: rows in the `workflows` table, templates from the server and the table. */
export class DexieWorkflowStore implements WorkflowStore {
  readonly #deps: DexieWorkflowStoreDeps;
  /** Ids of the saved workflows, for the synchronous problems() (refreshed after every change, here or elsewhere). */
  #ids = new Set<string>();
  #builtins: Promise<WorkflowTemplate[]> | undefined;
  readonly #unsubscribe: () => void;
  /** Resolves once the saved ids are known. */
  readonly ready: Promise<void>;

  constructor(deps: DexieWorkflowStoreDeps) {
    this.#deps = deps;
    this.ready = this.#refreshIds();
    this.#unsubscribe = deps.bus.subscribe('workflow.definitions.changed', (_payload, message) => {
      if (message.origin !== deps.bus.id) void this.#refreshIds();
    });
  }

  /** The saved workflow with this id. */
  async get(id: string): Promise<WorkflowDefinition | undefined> {
    const row = await this.#deps.db.workflows.get(id);
    return row?.kind === 'workflow' ? row.definition : undefined;
  }

  /** Problems of a definition, located by JSON Pointer; [] when it can be saved and run. */
  problems(definition: unknown): WorkflowProblem[] {
    const ownId = (definition as { id?: unknown } | null)?.id;
    return this.#problemsWith(definition, (id) => id === ownId || this.#ids.has(id));
  }

  /** Validates and saves (one transaction); throws 'workflow-invalid' with `problems`. Publishes the change. */
  async save(definition: WorkflowDefinition): Promise<WorkflowDefinition> {
    const { db, clock } = this.#deps;
    const saved = withFormat(definition);
    try {
      await db.transaction('rw', db.workflows, async () => {
        const ids = new Set(await db.workflows.where('kind').equals('workflow').primaryKeys());
        const problems = this.#problemsWith(saved, (id) => id === saved.id || ids.has(id));
        if (problems.length) throw invalid(saved, problems);
        const existing = await db.workflows.get(saved.id);
        const now = clock.now();
        await db.workflows.put({
          id: saved.id,
          kind: 'workflow',
          definition: saved,
          createdAt: existing?.kind === 'workflow' ? existing.createdAt : now,
          updatedAt: now,
        });
      });
    } catch (error) {
      throw isCometError(error) ? error : explainStorageError(error, `the workflow "${saved.name}"`);
    }
    this.#ids.add(saved.id);
    this.#changed(saved.id);
    return saved;
  }

  /** Deletes a workflow; the returned function puts the same row back (the toast's Undo). */
  async delete(id: string): Promise<() => Promise<void>> {
    const { db } = this.#deps;
    const row = await db.workflows.get(id);
    if (row?.kind !== 'workflow') throw new CometError('workflow-unknown', { id });
    await db.workflows.delete(id);
    this.#ids.delete(id);
    this.#changed(id);
    return async () => {
      await db.workflows.put(row);
      this.#ids.add(id);
      this.#changed(id);
    };
  }

  /** A free id based on `wanted`: 'digest', then 'digest-2', 'digest-3', … */
  async freeId(wanted: string): Promise<string> {
    const base = slug(wanted);
    const taken = new Set(await this.#deps.db.workflows.toCollection().primaryKeys());
    if (!taken.has(base)) return base;
    const stem = base.replace(/-\d+$/, '');
    for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
  }

  /**
   * Imports a workflow file: one workflow, `{ workflows: [...] }`, or a templates file. All or nothing: any problem
   * in any workflow (located as '/workflows/1/steps/0/capability') saves none. A workflow whose id is saved already
   * is replaced. Returns the ids saved.
   */
  async importFile(text: string): Promise<string[]> {
    const workflows = readWorkflowFile(text).map(withFormat);
    const { db, clock } = this.#deps;
    try {
      await db.transaction('rw', db.workflows, async () => {
        const saved = new Set(await db.workflows.where('kind').equals('workflow').primaryKeys());
        const inFile = new Set(workflows.map((w) => w.id));
        const known = (id: string) => saved.has(id) || inFile.has(id);
        const located = workflows.flatMap((workflow, i) =>
          this.#problemsWith(workflow, known).map((p) => ({ ...p, path: `/workflows/${i}${p.path}`, workflow: i })),
        );
        const twice = workflows.findIndex((w, i) => workflows.findIndex((o) => o.id === w.id) !== i);
        if (twice >= 0)
          located.push({
            path: `/workflows/${twice}/id`,
            message: `the id "${workflows[twice].id}" is used by another workflow of the file`,
            kind: 'duplicate-id',
            workflow: twice,
          });
        if (located.length) throw fileInvalid(workflows, located);
        const now = clock.now();
        const existing = await db.workflows.bulkGet(workflows.map((w) => w.id));
        await db.workflows.bulkPut(
          workflows.map((definition, i) => ({
            id: definition.id,
            kind: 'workflow' as const,
            definition,
            createdAt: existing[i]?.kind === 'workflow' ? existing[i].createdAt : now,
            updatedAt: now,
          })),
        );
      });
    } catch (error) {
      throw isCometError(error) ? error : explainStorageError(error, 'the imported workflows');
    }
    for (const { id } of workflows) {
      this.#ids.add(id);
      this.#changed(id);
    }
    return workflows.map((w) => w.id);
  }

  /** The file text of a saved workflow ('comet-workflow/1'), for download. */
  async exportFile(id: string): Promise<string> {
    const definition = await this.get(id);
    if (!definition) throw new CometError('workflow-unknown', { id });
    return JSON.stringify(withFormat(definition), null, 2) + '\n';
  }

  /** The built-in templates and the user's own; throws 'workflow-templates-unavailable' if the file cannot be read. */
  async templates(): Promise<WorkflowTemplate[]> {
    const [builtin, user] = await Promise.all([this.builtinTemplates(), this.userTemplates()]);
    return [...builtin, ...user];
  }

  /** The served workflow-templates.json (read once; a failed read is tried again next time). */
  builtinTemplates(): Promise<WorkflowTemplate[]> {
    this.#builtins ??= this.#fetchBuiltins().catch((error: unknown) => {
      this.#builtins = undefined;
      throw error;
    });
    return this.#builtins;
  }

  /** The templates the user saved, newest first, with their inputs documented and their grants derived. */
  async userTemplates(): Promise<WorkflowTemplate[]> {
    const rows = await this.#deps.db.workflows.where('kind').equals('template').toArray();
    return rows.sort((a, b) => b.updatedAt - a.updatedAt).map((row) => userTemplate(row, this.#deps.capabilities));
  }

  /** Saves a valid workflow as a user template (replacing an earlier template of the same id). */
  async saveAsTemplate(definition: WorkflowDefinition): Promise<void> {
    const saved = withFormat(definition);
    const problems = this.problems(saved);
    if (problems.length) throw invalid(saved, problems);
    const now = this.#deps.clock.now();
    const row: WorkflowRow = {
      id: templateRowId(saved.id),
      kind: 'template',
      definition: saved,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.#deps.db.workflows.put(row);
    } catch (error) {
      throw explainStorageError(error, `the template "${saved.name}"`);
    }
  }

  /** Stops following other tabs' changes. */
  dispose(): void {
    this.#unsubscribe();
  }

  #problemsWith(definition: unknown, workflows: (id: string) => boolean): WorkflowProblem[] {
    return inWords(
      workflowProblems(definition, { capabilities: (name) => this.#deps.capabilities.has(name), workflows }),
    );
  }

  async #refreshIds(): Promise<void> {
    this.#ids = new Set(await this.#deps.db.workflows.where('kind').equals('workflow').primaryKeys());
  }

  async #fetchBuiltins(): Promise<WorkflowTemplate[]> {
    const url = this.#deps.templatesUrl ?? defaultTemplatesUrl();
    const doFetch = this.#deps.fetch ?? globalThis.fetch.bind(globalThis);
    let text: string;
    try {
      const response = await doFetch(String(url));
      if (!response.ok) throw new Error(`${String(url)} answered ${response.status} ${response.statusText}`.trim());
      text = await response.text();
    } catch (error) {
      throw new CometError('workflow-templates-unavailable', { reason: errorMessage(error) }, { cause: error });
    }
    return readTemplatesFile(text);
  }

  #changed(id: string): void {
    this.#deps.bus.publish('workflow.definitions.changed', { id });
  }
}

/** workflow-templates.json beside the page (only in a page: a worker must be given the URL). */
function defaultTemplatesUrl(): URL {
  if (typeof document === 'undefined')
    throw new CometError('workflow-templates-unavailable', { reason: 'no templatesUrl was given outside a page' });
  return new URL('workflow-templates.json', document.baseURI);
}

/** The definition with its format field first, as files have it. */
function withFormat(definition: WorkflowDefinition): WorkflowDefinition {
  return { format: WORKFLOW_FORMAT, ...definition };
}

/** An id made from any text: 'Daily Digest!' → 'daily-digest'. */
export function slug(text: string): string {
  const base = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return ID_SHAPE.test(base) ? base : 'workflow';
}

/** The validator's words where a person would say it otherwise: no steps yet is "Add at least one step". */
function inWords(problems: WorkflowProblem[]): WorkflowProblem[] {
  return problems.map((p) =>
    p.path === '/steps' && /too few items/i.test(p.message) ? { ...p, message: 'Add at least one step' } : p,
  );
}

function invalid(definition: WorkflowDefinition, problems: WorkflowProblem[]): CometError {
  return new CometError('workflow-invalid', {
    name: definition.name ?? definition.id,
    count: problems.length,
    first: `${problems[0].path || '/'}: ${problems[0].message}`,
    problems,
  });
}

/** A located problem of an imported file, with the index of its workflow. */
export type FileProblem = WorkflowProblem & { workflow: number };

function fileInvalid(workflows: WorkflowDefinition[], problems: FileProblem[]): CometError {
  const byWorkflow = workflows
    .map((w, i) => ({ w, list: problems.filter((p) => p.workflow === i) }))
    .filter(({ list }) => list.length)
    .map(({ w, list }) => `${w.name ?? w.id} (${list.length}): ${list[0].path}: ${list[0].message}`);
  return new CometError('workflow-file-invalid', {
    reason: `${problems.length} problem(s) in ${byWorkflow.length} of ${workflows.length} workflow(s). ${byWorkflow.join('; ')}.`,
    problems,
  });
}
