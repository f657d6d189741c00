// The whole orchestrator in the browser: the engine in its worker, elected by a Web Lock, every step a capability
// call through the page's supervisor (decided, audited) as the workflow's principal.
import { expect, waitUntil } from '@open-wc/testing';
import { Orchestrator } from '../../../../src/modules/workflows/services/orchestrator.js';
import { hostExecutor } from '../../../../src/modules/workflows/services/host-executor.js';
import {
  workflowServices,
  type WorkflowServices,
} from '../../../../src/modules/workflows/services/workflow-services.js';
import type { WorkflowDefinition } from '../../../../src/modules/workflows/model/types.js';
import type { Platform } from '../../../../src/ui/platform.js';
import { deleteDatabase, testPlatform } from '../../../ui/helpers.js';

const origin = location.origin;

describe('orchestrator (engine worker + supervisor)', function () {
  this.timeout(30_000);
  let platform: Platform;
  let services: WorkflowServices;

  beforeEach(async () => {
    platform = testPlatform();
    await platform.ready;
    services = await workflowServices(platform);
    await waitUntil(() => services.status.get().role === 'leader', 'the engine never started', { timeout: 10_000 });
  });

  afterEach(async () => {
    await services.dispose();
    services.supervisor.dispose();
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  const grant = (workflowId: string, scope: string) =>
    services.supervisor.supervisor.grants.add({ principal: `workflow:${workflowId}`, scope });

  it('runs a saved workflow in the worker, each step an audited capability call as the workflow', async () => {
    const flow: WorkflowDefinition = {
      id: 'fetch-store',
      name: 'Fetch and store',
      inputs: { type: 'object', properties: { word: { type: 'string', default: 'comet' } } },
      steps: [
        { id: 'fetch', capability: 'http.request', input: { url: `${origin}/__test__/echo?word={{inputs.word}}` } },
        { id: 'word', capability: 'data.query', input: { data: '{{steps.fetch.output.body}}', path: '$.query.word' } },
        { id: 'store', capability: 'kv.set', input: { key: 'last-word', value: '{{steps.word.output}}' } },
      ],
    };
    await services.store.save(flow);
    await grant('fetch-store', `net:${origin}/__test__/*`);
    await grant('fetch-store', 'kv:write');
    const runId = await services.runs.start('fetch-store');
    const row = await services.runs.waitFor(runId);
    expect(row.status, row.error?.message).to.equal('succeeded');
    const stored = await services.db.kv.get(['workflow:fetch-store', 'last-word']);
    expect(stored?.value).to.deep.include({ matches: ['comet'] });
    const audited = await services.db.audit.where('runId').equals(runId).toArray();
    expect(new Set(audited.map((e) => e.principal))).to.deep.equal(new Set(['workflow:fetch-store']));
    expect(audited.filter((e) => e.outcome === 'ok').map((e) => e.capability)).to.deep.equal([
      'http.request',
      'data.query',
      'kv.set',
    ]);
  });

  it('fails a step the supervisor denies, with the reason and the grant that would allow it, without retrying', async () => {
    await services.store.save({
      id: 'no-grant',
      name: 'No grant',
      steps: [{ id: 'fetch', capability: 'http.request', input: { url: `${origin}/__test__/echo` } }],
    });
    const runId = await services.runs.start('no-grant');
    const row = await services.runs.waitFor(runId);
    expect(row.status).to.equal('failed');
    expect(row.error).to.deep.include({ code: 'capability-denied', stepId: 'fetch' });
    expect(row.error!.message).to.contain('net:');
    const events = await services.db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray();
    expect(events.filter((e) => e.type === 'step.started')).to.have.length(1);
  });

  it('runs a sub-workflow as its own run and principal, returning its output to the parent', async () => {
    await services.store.save({
      id: 'child',
      name: 'Child',
      inputs: { type: 'object', properties: { n: { type: 'number' } } },
      steps: [
        { id: 'double', capability: 'data.template', input: { template: 'n=\\{{n}}', data: { n: '{{inputs.n}}' } } },
      ],
      output: '{{steps.double.output}}',
    });
    await services.store.save({
      id: 'parent',
      name: 'Parent',
      steps: [{ id: 'call', workflow: 'child', input: { n: 21 } }],
      output: '{{steps.call.output}}',
    });
    await grant('parent', 'workflow:run:child');
    const runId = await services.runs.start('parent');
    const row = await services.runs.waitFor(runId);
    expect(row.status, JSON.stringify(row.error)).to.equal('succeeded');
    const child = await services.db.runs.where('parentRunId').equals(runId).first();
    expect(child).to.deep.include({ workflowId: 'child', principal: 'workflow:child', status: 'succeeded' });
    const last = await services.db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).last();
    expect(last).to.deep.include({ type: 'run.succeeded' });
  });

  it('hands the engine to the next tab in line when the leader goes, and that tab finishes the run', async () => {
    const follower = new Orchestrator({
      dbName: platform.dbName,
      bus: platform.bus,
      executor: hostExecutor(services.supervisor),
    });
    await follower.start();
    expect(follower.get().role).to.equal('follower');
    await services.store.save({
      id: 'slow',
      name: 'Slow',
      steps: [
        { id: 'first', capability: 'wait', input: { duration: '300ms' } },
        { id: 'second', capability: 'wait', input: { duration: '10ms' }, needs: ['first'] },
      ],
    });
    const runId = await services.runs.start('slow');
    await waitUntil(async () => (await services.db.runs.get(runId))?.status === 'running', 'the run never started', {
      timeout: 5000,
    });
    await services.status.stop(); // the leader tab closes mid-run
    await waitUntil(() => follower.get().role === 'leader', 'the follower never took over', { timeout: 5000 });
    const row = await services.runs.waitFor(runId);
    expect(row.status).to.equal('succeeded');
    await follower.stop();
  });
});
