import { expect } from '@open-wc/testing';
import { EventBus } from '../../../src/core/bus.js';
import { CapabilityRegistry } from '../../../src/core/capabilities/index.js';
import { clockNow } from '../../../src/core/capabilities/builtins/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import { CometError, isCometError } from '../../../src/core/errors.js';
import { Logger } from '../../../src/core/log.js';
import type { CometDB } from '../../../src/db/db.js';
import { openDatabase } from '../../../src/db/open.js';
import type { WorkflowDefinition } from '../../../src/modules/workflows/model/types.js';
import { DexieWorkflowStore, type FileProblem } from '../../../src/modules/workflows/services/workflow-store.js';
import { deleteDatabase, uniqueName } from '../../ui/helpers.js';

const START = Date.UTC(2026, 0, 5, 9);

/** A valid one-step workflow. */
const hello = (id = 'hello', name = 'Hello'): WorkflowDefinition => ({
  id,
  name,
  steps: [{ id: 'now', capability: 'clock.now', input: {} }],
});

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<CometError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CometError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('DexieWorkflowStore', () => {
  let db: CometDB;
  let name: string;
  let bus: EventBus;
  let clock: ManualClock;
  let store: DexieWorkflowStore;
  let templatesFile: Response | Error;

  beforeEach(async () => {
    name = uniqueName('workflow-store');
    db = (await openDatabase({ name, log: new Logger() })).db!;
    bus = new EventBus();
    clock = new ManualClock(START);
    const capabilities = new CapabilityRegistry();
    capabilities.register(clockNow());
    templatesFile = new Response('{}');
    store = new DexieWorkflowStore({
      db,
      bus,
      clock,
      capabilities,
      templatesUrl: 'https://comet.invalid/workflow-templates.json',
      fetch: () => (templatesFile instanceof Error ? Promise.reject(templatesFile) : Promise.resolve(templatesFile)),
    });
    await store.ready;
  });

  afterEach(async () => {
    store.dispose();
    db.close();
    await deleteDatabase(name);
  });

  it('saves a valid workflow, keeps its creation time on a later save and announces each change', async () => {
    const changed: string[] = [];
    bus.subscribe('workflow.definitions.changed', ({ id }) => changed.push(id));
    await store.save(hello());
    clock.advance(60_000);
    await store.save({ ...hello(), description: 'Second version' });

    expect(await store.get('hello')).to.deep.include({ format: 'comet-workflow/1', description: 'Second version' });
    const row = await db.workflows.get('hello');
    expect(row).to.include({ kind: 'workflow', createdAt: START, updatedAt: START + 60_000 });
    expect(changed).to.deep.equal(['hello', 'hello']);
  });

  it('refuses an invalid workflow with every problem located, and writes nothing', async () => {
    const error = await rejection(
      store.save({ id: 'broken', name: 'Broken', steps: [{ id: 'a', capability: 'no.such.thing' }] }),
    );
    expect(error.code).to.equal('workflow-invalid');
    const problems = error.details.problems as { path: string }[];
    expect(problems.map((p) => p.path)).to.include('/steps/0/capability');
    expect(await db.workflows.count()).to.equal(0);
  });

  it('imports a file all or nothing: one bad workflow of three saves none and names where each problem is', async () => {
    const file = JSON.stringify({
      workflows: [
        hello('first', 'First'),
        { id: 'second', name: 'Second', steps: [{ id: 'x', capability: 'clock.now', needs: ['ghost'] }] },
        hello('third', 'Third'),
      ],
    });
    const error = await rejection(store.importFile(file));
    expect(error.code).to.equal('workflow-file-invalid');
    const problems = error.details.problems as FileProblem[];
    expect(problems.map((p) => [p.workflow, p.path])).to.deep.equal([[1, '/workflows/1/steps/0/needs/0']]);
    expect(error.message).to.contain('Second (1): /workflows/1/steps/0/needs/0');
    expect(await db.workflows.count()).to.equal(0);

    const ids = await store.importFile(file.replace('"ghost"', '"x"').replace(',"needs":["x"]', ''));
    expect(ids).to.deep.equal(['first', 'second', 'third']);
    expect(await db.workflows.count()).to.equal(3);
  });

  it('imports a parent and the sub-workflow it runs from one file, and exports a file that imports again', async () => {
    const child = hello('child', 'Child');
    const parent: WorkflowDefinition = { id: 'parent', name: 'Parent', steps: [{ id: 'run', workflow: 'child' }] };
    expect(store.problems(parent).map((p) => p.kind)).to.include('unknown-workflow');
    await store.importFile(JSON.stringify({ workflows: [parent, child] }));
    expect(store.problems(parent)).to.deep.equal([]);

    const text = await store.exportFile('child');
    await store.delete('child');
    expect(await store.importFile(text)).to.deep.equal(['child']);
    expect(await store.get('child')).to.deep.equal({ format: 'comet-workflow/1', ...child });
  });

  it('says where a file stops being JSON', async () => {
    const error = await rejection(store.importFile('{\n  "id": "x",\n  "steps": [}\n'));
    expect(error.code).to.equal('workflow-file-invalid');
    expect(error.message).to.contain('line 3, column 13');
  });

  it('deletes with an undo that puts the same workflow back', async () => {
    await store.save(hello());
    const before = await db.workflows.get('hello');
    const undo = await store.delete('hello');
    expect(await store.get('hello')).to.equal(undefined);
    await undo();
    expect(await db.workflows.get('hello')).to.deep.equal(before);
  });

  it('finds a free id: the wanted one, else the next number', async () => {
    expect(await store.freeId('Daily Digest!')).to.equal('daily-digest');
    await store.save(hello('digest'));
    await store.save(hello('digest-2'));
    expect(await store.freeId('digest')).to.equal('digest-3');
    expect(await store.freeId('digest-2')).to.equal('digest-3');
  });

  it('lists the served templates and the user’s own, with the grants each needs', async () => {
    templatesFile = new Response(
      JSON.stringify({
        format: 'comet-workflow-templates/1',
        templates: [{ workflow: hello('tpl'), inputsDoc: {}, grants: ['clock:read'] }],
      }),
    );
    await store.saveAsTemplate({
      ...hello('mine', 'Mine'),
      inputs: { type: 'object', properties: { who: { type: 'string', description: 'Whom to greet' } } },
    });
    const templates = await store.templates();
    expect(templates.map((t) => [t.source, t.workflow.id])).to.deep.equal([
      ['builtin', 'tpl'],
      ['user', 'mine'],
    ]);
    expect(templates[1]).to.deep.include({ inputsDoc: { who: 'Whom to greet' }, grants: ['clock:read'] });
    expect(await store.get('mine')).to.equal(undefined, 'a template is not a saved workflow');
  });

  it('reports built-in templates it cannot fetch, while the user’s own still list', async () => {
    templatesFile = new Response('not found', { status: 404, statusText: 'Not Found' });
    await store.saveAsTemplate(hello('mine'));
    const error = await rejection(store.builtinTemplates());
    expect(isCometError(error, 'workflow-templates-unavailable')).to.equal(true);
    expect(error.message).to.contain('404');
    expect((await store.userTemplates()).map((t) => t.workflow.id)).to.deep.equal(['mine']);
  });
});
