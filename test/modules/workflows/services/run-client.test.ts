// The run client against a real engine on a scratch database: commands are database writes plus a wake-up on the
// bus, re-runs keep what does not depend on the failed step, and a run saved as a file resumes where it stopped.
import { expect } from '@open-wc/testing';
import { EventBus } from '../../../../src/core/bus.js';
import { CometError } from '../../../../src/core/errors.js';
import { DexieRunClient } from '../../../../src/modules/workflows/services/run-client.js';
import type { WorkflowDefinition } from '../../../../src/modules/workflows/model/types.js';
import { engineFixture, ScriptedExecutor, until, type EngineFixture } from '../engine/engine-fixture.js';

describe('run client', () => {
  let f: EngineFixture;
  let client: DexieRunClient;
  let failing = true;
  let release: () => void = () => undefined;
  const saved = new Map<string, WorkflowDefinition>();

  beforeEach(async () => {
    failing = true;
    const executor = new ScriptedExecutor({
      'test.step': (input) => input,
      'test.hold': () => new Promise<string>((resolve) => (release = () => resolve('held'))),
      'test.gate': () => {
        if (failing) throw new CometError('http-status', { method: 'GET', url: 'x', status: 500 });
        return 'open';
      },
    });
    f = await engineFixture(executor);
    const bus = new EventBus();
    bus.subscribe('workflow.engine.wake', ({ runId }) => void f.engine.wake(runId));
    client = new DexieRunClient({
      db: f.db,
      bus,
      clock: f.clock,
      store: { get: (id) => Promise.resolve(saved.get(id)) },
      checks: () => ({ capabilities: (name) => name.startsWith('test.') }),
      principal: 'module:console',
    });
  });
  afterEach(() => f.close());

  const flow: WorkflowDefinition = {
    id: 'three',
    name: 'Three steps',
    inputs: {
      type: 'object',
      required: ['word'],
      properties: { word: { type: 'string' }, times: { type: 'number', default: 2 } },
    },
    steps: [
      { id: 'a', capability: 'test.step', input: { word: '{{inputs.word}}', times: '{{inputs.times}}' } },
      { id: 'b', capability: 'test.gate', needs: ['a'], retry: { maximumAttempts: 1 } },
      { id: 'c', capability: 'test.step', input: { after: '{{steps.b.output}}' } },
      { id: 'side', capability: 'test.step', input: { independent: true } },
    ],
  };

  it('starts a run with the inputs checked and their defaults filled in, and refuses bad inputs naming the field', async () => {
    saved.set(flow.id, flow);
    const runId = await client.start('three', { word: 'hi' });
    await f.finished(runId);
    expect((await f.state(runId)).inputs).to.deep.equal({ word: 'hi', times: 2 });
    const refused = await client.start('three', { word: 7 }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(CometError);
    expect((refused as CometError).message).to.contain('word');
    expect(await client.start('nope').catch((e: CometError) => e.code)).to.equal('workflow-unknown');
  });

  it('re-runs from a failed step: keeps the outputs that do not depend on it and runs the rest again', async () => {
    const first = await client.start(flow, { word: 'hi' });
    const failed = await f.finished(first);
    expect(failed.status).to.equal('failed');
    failing = false;
    const second = await client.rerun(first, 'b');
    const row = await f.finished(second);
    expect(row).to.deep.include({ status: 'succeeded', rerunOf: { runId: first, stepId: 'b' } });
    const state = await f.state(second);
    expect(state.steps.a.copiedFrom).to.equal(first);
    expect(state.steps.side.copiedFrom).to.equal(first);
    expect(state.steps.b.attempts).to.have.length(1);
    expect(state.steps.c.output).to.deep.equal({ after: 'open' });
  });

  it('refuses commands that make no sense for the run’s status, saying why', async () => {
    failing = false;
    const runId = await client.start(flow, { word: 'hi' });
    await f.finished(runId);
    const error = (await client.pause(runId).catch((e: unknown) => e)) as CometError;
    expect(error.code).to.equal('run-not-allowed');
    expect(error.message).to.contain('it is succeeded');
    expect(((await client.rerun(runId, 'zzz').catch((e: unknown) => e)) as CometError).message).to.contain(
      'no step zzz',
    );
  });

  it('saves a paused run as a file and resumes it from that file after it was deleted', async () => {
    failing = false;
    const paused = {
      ...flow,
      id: 'paused',
      steps: [
        { id: 'hold', capability: 'test.hold' },
        { id: 'later', capability: 'test.step', needs: ['hold'] },
      ],
    };
    const runId = await client.start(paused, { word: 'hi' });
    await until(async () => (await f.state(runId)).steps.hold?.status === 'running');
    await client.pause(runId);
    await until(async () => (await f.db.runs.get(runId))?.status === 'paused');
    release(); // the step in flight finishes and is recorded; the next one waits for resume
    await until(async () => (await f.state(runId)).steps.hold.status === 'succeeded');
    const text = await client.exportRun(runId);
    await client.cancel(runId);
    await f.finished(runId);
    await client.deleteRuns([runId]);
    expect(await f.db.runs.get(runId)).to.equal(undefined);
    expect(await f.db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).count()).to.equal(0);

    expect(await client.importRun(text)).to.equal(runId);
    const resumed = await f.state(runId);
    expect([resumed.status, resumed.steps.hold.status, resumed.steps.later.status]).to.deep.equal([
      'paused',
      'succeeded',
      'pending',
    ]);
    await client.resume(runId);
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
  });

  it('loads no part of a bad run file, and says what is wrong with it', async () => {
    const reasons: string[] = [];
    for (const text of [
      'not json',
      '{"format":"other"}',
      JSON.stringify({
        format: 'comet-run/1',
        run: { id: 'r' },
        events: [{ runId: 'r', seq: 2, type: 'run.created', time: 1 }],
      }),
    ]) {
      const error = (await client.importRun(text).catch((e: unknown) => e)) as CometError;
      expect(error.code).to.equal('run-file-invalid');
      reasons.push(error.message);
    }
    expect(reasons[0]).to.contain('not JSON');
    expect(reasons[1]).to.contain('comet-run/1');
    expect(reasons[2]).to.contain('sequence number 2');
    expect(await f.db.runs.count()).to.equal(0);
  });
});
