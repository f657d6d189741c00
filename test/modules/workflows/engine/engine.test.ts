import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../../src/core/clock.js';
import { CometError } from '../../../../src/core/errors.js';
import type { WorkflowDefinition, WorkflowStep } from '../../../../src/modules/workflows/model/types.js';
import { engineFixture, ScriptedExecutor, until, type EngineFixture } from './engine-fixture.js';

const workflow = (steps: WorkflowStep[], extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition => ({
  id: 'test-flow',
  name: 'Test flow',
  steps,
  ...extra,
});

/** A promise with its resolve function outside, for steps that finish when the test says. */
function gate<T = unknown>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('workflow engine', () => {
  let f: EngineFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('runs a sequential chain, passing outputs through references, and records every step in the log', async () => {
    const executor = new ScriptedExecutor({
      'test.add': (input) => ({ n: (input as { a: number; b: number }).a + (input as { a: number; b: number }).b }),
    });
    f = await engineFixture(executor);
    const runId = await f.start(
      workflow([
        { id: 'one', capability: 'test.add', input: { a: '{{inputs.start}}', b: 1 } },
        { id: 'two', capability: 'test.add', input: { a: '{{steps.one.output.n}}', b: 10 } },
        { id: 'three', capability: 'test.add', input: { a: '{{steps.two.output.n}}', b: 100 } },
      ]),
      { start: 5 },
    );
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
    expect(row.stepsDone).to.equal(3);
    const state = await f.state(runId);
    expect(state.steps.three.output).to.deep.equal({ n: 116 });
    expect(state.output).to.deep.equal({ one: { n: 6 }, two: { n: 16 }, three: { n: 116 } });
    expect(executor.calls.map((c) => [c.stepId, c.principal, c.idempotencyKey])).to.deep.equal([
      ['one', 'workflow:test-flow', `${runId}:one`],
      ['two', 'workflow:test-flow', `${runId}:two`],
      ['three', 'workflow:test-flow', `${runId}:three`],
    ]);
    const types = (await f.db.runEvents.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray()).map(
      (e) => e.type,
    );
    expect(types).to.deep.equal([
      'run.created',
      'run.started',
      'step.started',
      'step.succeeded',
      'step.started',
      'step.succeeded',
      'step.started',
      'step.succeeded',
      'run.succeeded',
    ]);
  });

  it('commits at most once per step in a chain, and once for a batch of parallel completions', async () => {
    const later = (value: unknown) => new Promise((resolve) => setTimeout(() => resolve(value), 1));
    const executor = new ScriptedExecutor({ 'test.step': (input) => later(input), 'test.now': (input) => input });
    f = await engineFixture(executor);
    const chain = Array.from({ length: 20 }, (_, i) => ({
      id: `s${i}`,
      capability: 'test.step',
      ...(i === 0 ? {} : { needs: [`s${i - 1}`] }),
    }));
    const before = f.engine.log.stats.commits;
    await f.finished(await f.start(workflow(chain)));
    // run.started + step 0 start share the first commit; each completion shares one with the next start.
    expect(f.engine.log.stats.commits - before).to.be.at.most(21);
    const wide = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, capability: 'test.now' }));
    const start = f.engine.log.stats.commits;
    await f.finished(await f.start(workflow(wide, { maxParallel: 50 })));
    expect(f.engine.log.stats.commits - start).to.be.at.most(2);
  });

  it('runs independent steps in parallel up to maxParallel, and waits for every dependency of a join', async () => {
    const gates = Array.from({ length: 6 }, () => gate());
    const executor = new ScriptedExecutor({
      'test.wait': (input) => gates[(input as { i: number }).i].promise,
      'test.join': (input) => input,
    });
    f = await engineFixture(executor);
    const branches = gates.map((_, i) => ({ id: `b${i}`, capability: 'test.wait', input: { i } }));
    const runId = await f.start(
      workflow(
        [
          ...branches,
          {
            id: 'join',
            capability: 'test.join',
            needs: branches.map((b) => b.id),
            input: { n: '{{steps.b5.output}}' },
          },
        ],
        {
          maxParallel: 4,
        },
      ),
    );
    await until(() => executor.inFlight === 4);
    gates.forEach((g, i) => g.open(i));
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
    expect(executor.maxInFlight).to.equal(4);
    expect(executor.calls.at(-1)!.input).to.deep.equal({ n: 5 });
  });

  it('retries with the policy schedule on the driven clock, then succeeds', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
    let calls = 0;
    const executor = new ScriptedExecutor({
      'test.flaky': () => {
        if (++calls < 3) throw new CometError('http-status', { method: 'GET', url: 'x', status: 503 });
        return { ok: true };
      },
    });
    f = await engineFixture(executor, { clock });
    const start = clock.now();
    const runId = await f.start(
      workflow([
        { id: 'flaky', capability: 'test.flaky', retry: { initialInterval: '1s', backoffCoefficient: 2, jitter: 0 } },
      ]),
    );
    await until(async () => (await f!.state(runId)).steps.flaky.status === 'retrying');
    expect((await f.state(runId)).steps.flaky.retryAt).to.equal(start + 1000);
    clock.advance(999);
    expect(calls).to.equal(1);
    clock.advance(1);
    await until(async () => (await f!.state(runId)).steps.flaky.retryAt === start + 1000 + 2000);
    clock.advance(2000);
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
    const state = await f.state(runId);
    expect(state.steps.flaky.attempts.map((a) => [a.attempt, a.startedAt - start, a.error?.code])).to.deep.equal([
      [1, 0, 'http-status'],
      [2, 1000, 'http-status'],
      [3, 3000, undefined],
    ]);
  });

  it('waits at least as long as Retry-After asks, and fails for good once maximumAttempts is spent', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
    const executor = new ScriptedExecutor({
      'test.busy': () => {
        throw new CometError('http-status', { method: 'GET', url: 'x', status: 429, retryAfterMs: 30_000 });
      },
    });
    f = await engineFixture(executor, { clock });
    const runId = await f.start(
      workflow([{ id: 'busy', capability: 'test.busy', retry: { maximumAttempts: 2, jitter: 0 } }]),
    );
    await until(async () => (await f!.state(runId)).steps.busy.status === 'retrying');
    expect((await f.state(runId)).steps.busy.retryAt).to.equal(clock.now() + 30_000);
    clock.advance(30_000);
    const row = await f.finished(runId);
    expect(row.status).to.equal('failed');
    expect(row.error).to.deep.include({ stepId: 'busy', code: 'http-status' });
    expect(executor.calls).to.have.length(2);
  });

  it('after a crash mid-step, a new engine replays the log and runs the interrupted step again with the same key', async () => {
    const first = gate();
    const executor = new ScriptedExecutor({ 'test.step': (input) => input, 'test.slow': () => first.promise });
    f = await engineFixture(executor);
    const flow = workflow([
      { id: 'a', capability: 'test.step', input: { v: 1 } },
      { id: 'b', capability: 'test.slow' },
      { id: 'c', capability: 'test.step', input: { from: '{{steps.b.output}}' } },
    ]);
    const runId = await f.start(flow);
    await until(async () => (await f!.state(runId)).steps.b.status === 'running');
    const second = new ScriptedExecutor({ 'test.step': (input) => input, 'test.slow': () => 'done' });
    await f.restart(second); // the old engine never hears back from b
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
    expect(second.calls.map((c) => c.stepId)).to.deep.equal(['b', 'c']);
    expect(second.calls[0].idempotencyKey).to.equal(executor.calls[1].idempotencyKey);
    const state = await f.state(runId);
    expect(state.steps.b.attempts.map((a) => a.attempt)).to.deep.equal([1]);
    expect(state.steps.c.output).to.deep.equal({ from: 'done' });
    first.open('late');
  });

  it('keeps a retry timer across a reload: a step waiting 10 minutes to retry still retries after restarting', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
    let calls = 0;
    const flaky = () => {
      if (++calls === 1) throw new CometError('http-status', { method: 'GET', url: 'x', status: 503 });
      return 'ok';
    };
    f = await engineFixture(new ScriptedExecutor({ 'test.flaky': flaky }), { clock });
    const runId = await f.start(
      workflow([{ id: 'flaky', capability: 'test.flaky', retry: { initialInterval: '10m', jitter: 0 } }]),
    );
    await until(async () => (await f!.state(runId)).steps.flaky.status === 'retrying');
    await f.restart(new ScriptedExecutor({ 'test.flaky': flaky }));
    clock.advance(10 * 60_000 - 1);
    expect(calls).to.equal(1);
    clock.advance(1);
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
    expect(calls).to.equal(2);
  });

  it('fans out over a list with at most forEachConcurrency items at once, keeping outputs in order', async () => {
    const executor = new ScriptedExecutor({
      'test.list': () => ({ items: [1, 2, 3, 4, 5, 6, 7] }),
      'test.square': async (input) => {
        await new Promise((r) => setTimeout(r, 2));
        return (input as { n: number }).n ** 2;
      },
    });
    f = await engineFixture(executor);
    const runId = await f.start(
      workflow([
        { id: 'list', capability: 'test.list' },
        {
          id: 'square',
          capability: 'test.square',
          forEach: '{{steps.list.output.items}}',
          forEachConcurrency: 3,
          input: { n: '{{item}}', i: '{{index}}' },
        },
      ]),
    );
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
    expect((await f.state(runId)).steps.square.output).to.deep.equal([1, 4, 9, 16, 25, 36, 49]);
    expect(executor.maxInFlight).to.equal(3);
    expect(new Set(executor.calls.map((c) => c.idempotencyKey)).size).to.equal(8);
  });

  it('keeps a keyed step concurrency limit: at most 2 calls per host at once, across items', async () => {
    const perHost = new Map<string, number>();
    let worst = 0;
    const executor = new ScriptedExecutor({
      'test.list': () => ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'].map((host, i) => ({ host, i })),
      'test.fetch': async (input) => {
        const { host } = input as { host: string };
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        worst = Math.max(worst, perHost.get(host)!);
        await new Promise((r) => setTimeout(r, 3));
        perHost.set(host, perHost.get(host)! - 1);
        return host;
      },
    });
    f = await engineFixture(executor);
    const runId = await f.start(
      workflow([
        { id: 'list', capability: 'test.list' },
        {
          id: 'fetch',
          capability: 'test.fetch',
          forEach: '{{steps.list.output}}',
          forEachConcurrency: 8,
          concurrency: { limit: 2, key: '{{item.host}}' },
          input: { host: '{{item.host}}' },
        },
      ]),
    );
    expect((await f.finished(runId)).status).to.equal('succeeded');
    expect(worst).to.equal(2);
    expect(executor.maxInFlight).to.equal(4);
  });

  it('throttles starts of a step to N per period on the driven clock', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
    const starts: number[] = [];
    const executor = new ScriptedExecutor({
      'test.list': () => [1, 2, 3, 4, 5],
      'test.send': () => starts.push(clock.now()),
    });
    f = await engineFixture(executor, { clock });
    const t0 = clock.now();
    const runId = await f.start(
      workflow([
        { id: 'list', capability: 'test.list' },
        {
          id: 'send',
          capability: 'test.send',
          forEach: '{{steps.list.output}}',
          forEachConcurrency: 5,
          throttle: { limit: 2, period: '1s' },
        },
      ]),
    );
    await until(() => starts.length === 2);
    clock.advance(1000);
    await until(() => starts.length === 4);
    clock.advance(1000);
    expect((await f.finished(runId)).status).to.equal('succeeded');
    expect(starts.map((t) => t - t0)).to.deep.equal([0, 0, 1000, 1000, 2000]);
  });

  it('holds a second run of a workflow limited to one run at a time until the first finishes', async () => {
    const first = gate();
    const executor = new ScriptedExecutor({
      'test.hold': (input) => ((input as { n: number }).n === 1 ? first.promise : 'done'),
    });
    f = await engineFixture(executor);
    const flow = (n: number) =>
      workflow([{ id: 'hold', capability: 'test.hold', input: { n } }], { concurrency: { limit: 1 } });
    const one = await f.start(flow(1));
    const two = await f.start(flow(2));
    await until(() => executor.calls.length === 1);
    expect((await f.db.runs.get(two))!.status).to.equal('queued');
    first.open('done');
    expect((await f.finished(one)).status).to.equal('succeeded');
    expect((await f.finished(two)).status).to.equal('succeeded');
  });

  it('skips a step whose condition does not hold, and the steps that need it', async () => {
    const executor = new ScriptedExecutor({ 'test.step': (input) => input });
    f = await engineFixture(executor);
    const runId = await f.start(
      workflow([
        { id: 'check', capability: 'test.step', input: { go: false } },
        { id: 'maybe', capability: 'test.step', if: { left: '{{steps.check.output.go}}', op: 'eq', right: true } },
        { id: 'after', capability: 'test.step', needs: ['maybe'] },
        { id: 'other', capability: 'test.step', needs: ['check'] },
      ]),
    );
    const row = await f.finished(runId);
    expect(row.status).to.equal('succeeded');
    const state = await f.state(runId);
    expect([state.steps.maybe.status, state.steps.after.status, state.steps.other.status]).to.deep.equal([
      'skipped',
      'skipped',
      'succeeded',
    ]);
    expect(state.steps.after.skipReason).to.equal('step maybe was skipped');
  });

  it('continues past a failed step marked continue, and runs a compensation step before failing the run', async () => {
    const executor = new ScriptedExecutor({
      'test.fail': () => {
        throw new Error('boom');
      },
      'test.step': (input) => input,
    });
    f = await engineFixture(executor);
    const once = { maximumAttempts: 1 };
    const runId = await f.start(
      workflow([
        { id: 'soft', capability: 'test.fail', retry: once, onError: 'continue' },
        { id: 'next', capability: 'test.step', needs: ['soft'], input: { why: '{{steps.soft.error.message}}' } },
        {
          id: 'hard',
          capability: 'test.fail',
          needs: ['next'],
          retry: once,
          onError: { compensate: { capability: 'test.step', input: { undo: '{{error.message}}' } } },
        },
      ]),
    );
    const row = await f.finished(runId);
    expect(row.status).to.equal('failed');
    expect(row.error).to.deep.include({ stepId: 'hard', message: 'boom' });
    const state = await f.state(runId);
    expect(state.steps.next.output).to.deep.equal({ why: 'boom' });
    expect(state.steps.hard.compensation).to.deep.equal({ output: { undo: 'boom' } });
  });

  it('stops a step that never returns at its timeout, and names a thrown non-Error value', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
    const executor = new ScriptedExecutor({
      'test.hang': () => new Promise(() => undefined),
      'test.throwString': () => {
        throw 'just a string'; // eslint-disable-line @typescript-eslint/only-throw-error
      },
    });
    f = await engineFixture(executor, { clock });
    const runId = await f.start(
      workflow([
        { id: 'hang', capability: 'test.hang', timeout: '5s', retry: { maximumAttempts: 1 }, onError: 'continue' },
        { id: 'odd', capability: 'test.throwString', needs: ['hang'], retry: { maximumAttempts: 1 } },
      ]),
    );
    await until(() => executor.calls.length === 1);
    clock.advance(5000);
    const row = await f.finished(runId);
    const state = await f.state(runId);
    expect(state.steps.hang.error).to.deep.include({ code: 'step-timeout' });
    expect(state.steps.hang.error!.message).to.contain('5 s');
    expect(row.error).to.deep.include({ code: 'step-threw', stepId: 'odd' });
    expect(row.error!.message).to.contain('just a string');
  });

  it('pauses (no new steps start), resumes, and cancels through the running step’s AbortSignal', async () => {
    const slow = gate();
    let aborted: unknown;
    const executor = new ScriptedExecutor({
      'test.step': () => slow.promise,
      'test.hang': (_input, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject((aborted = signal.reason as Error))),
        ),
    });
    f = await engineFixture(executor);
    const runId = await f.start(
      workflow([
        { id: 'first', capability: 'test.step' },
        { id: 'second', capability: 'test.hang', needs: ['first'] },
      ]),
    );
    await until(() => executor.calls.length === 1);
    await f.db.runs.update(runId, { control: 'pause' });
    await f.engine.wake(runId);
    slow.open('done');
    await until(async () => (await f!.state(runId)).steps.first.status === 'succeeded');
    expect(executor.calls).to.have.length(1);
    expect((await f.db.runs.get(runId))!.status).to.equal('paused');
    await f.db.runs.update(runId, { control: 'resume' });
    await f.engine.wake(runId);
    await until(() => executor.calls.length === 2);
    await f.db.runs.update(runId, { control: 'cancel' });
    await f.engine.wake(runId);
    const row = await f.finished(runId);
    expect(row.status).to.equal('cancelled');
    expect(row.control).to.equal(undefined);
    expect(aborted).to.be.instanceOf(Error);
    expect((await f.state(runId)).steps.second.status).to.equal('cancelled');
  });

  it('fails the step with a located error when a reference names a missing output', async () => {
    const executor = new ScriptedExecutor({ 'test.step': () => ({ items: [] }) });
    f = await engineFixture(executor);
    const runId = await f.start(
      workflow([
        { id: 'fetch', capability: 'test.step' },
        { id: 'use', capability: 'test.step', input: { id: '{{steps.fetch.output.items[0].id}}' } },
      ]),
    );
    const row = await f.finished(runId);
    expect(row.status).to.equal('failed');
    expect(row.error).to.deep.include({ code: 'reference-missing', stepId: 'use' });
    expect(row.error!.message).to.contain('/steps/1/input/id');
    expect(executor.calls).to.have.length(1);
  });
});
