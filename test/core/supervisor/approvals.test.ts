import { expect } from '@open-wc/testing';
import { EventBus } from '../../../src/core/bus.js';
import { ApprovalQueue, type PendingApproval } from '../../../src/core/supervisor/index.js';
import type { Principal, SupervisorDecision } from '../../../src/core/supervisor/types.js';
import { call, capability, HOUR, http, MINUTE, rig, type Rig } from './harness.js';

const POST = { method: 'POST', url: 'https://api.example.com/orders', body: { qty: 1 } };

/** Waits until the queue has `count` pending prompts (prompts appear after a microtask or two). */
function pendingOf(queue: ApprovalQueue, count: number): Promise<readonly PendingApproval[]> {
  return new Promise((resolve) => {
    const stop = queue.subscribe((pending) => {
      if (pending.length !== count) return;
      queueMicrotask(() => stop());
      resolve(pending);
    });
  });
}

describe('approvals', () => {
  let r: Rig;
  let agent: Principal;
  beforeEach(async () => {
    r = await rig();
    agent = r.principals.issue('agent', 'buyer');
    await r.supervisor.grants.add({ principal: agent.id, scope: 'net:https://api.example.com/*' });
    await r.supervisor.policies.put({
      id: 'confirm-posts',
      mode: 'enforce',
      capability: 'http.request',
      when: [{ path: '/method', op: 'equals', value: 'POST' }],
      rule: { kind: 'approval', timeoutMs: 2 * MINUTE },
    });
  });
  afterEach(() => r.close());

  const authorize = (runId?: string): Promise<SupervisorDecision> =>
    r.supervisor.authorize(agent, http, POST, runId ? { runId } : {}, {
      redactedInput: { ...POST, body: '[redacted]' },
    });

  it('asks, shows the prompt with principal, capability, redacted input and rule, and allows once', async () => {
    expect(r.supervisor.decide(agent, http, POST).verdict).to.equal('ask');
    const decision = authorize();
    const [prompt] = await pendingOf(r.supervisor.approvals, 1);
    expect(prompt).to.deep.include({
      principal: 'agent:buyer',
      capability: 'http.request',
      rule: 'policy:confirm-posts',
      input: { ...POST, body: '[redacted]' },
      deadline: r.clock.now() + 2 * MINUTE,
    });
    r.supervisor.approvals.answer(prompt.id, 'allow-once');
    const final = await decision;
    expect(final.verdict).to.equal('allow');
    expect(final.rule).to.equal('approval:confirm-posts');
    // Once means once: the next POST asks again.
    expect(r.supervisor.decide(agent, http, POST).verdict).to.equal('ask');
  });

  it('denies when a person says no', async () => {
    const decision = authorize();
    const [prompt] = await pendingOf(r.supervisor.approvals, 1);
    r.supervisor.approvals.answer(prompt.id, 'deny');
    const final = await decision;
    expect(final.verdict).to.equal('deny');
    expect(final.reason).to.equal('A person denied this call');
  });

  it('denies an unanswered prompt when its timeout passes on the clock', async () => {
    const decision = authorize();
    await pendingOf(r.supervisor.approvals, 1);
    r.clock.advance(2 * MINUTE - 1);
    expect(r.supervisor.approvals.pending()).to.have.length(1);
    r.clock.advance(1);
    const final = await decision;
    expect(final.verdict).to.equal('deny');
    expect(final.reason).to.contain('within 2 minutes');
    expect(r.supervisor.approvals.pending()).to.have.length(0);
  });

  it('turns "allow for a time" into a temporary grant, so the principal is not asked again until it expires', async () => {
    const first = authorize();
    const [prompt] = await pendingOf(r.supervisor.approvals, 1);
    r.supervisor.approvals.answer(prompt.id, { allowFor: HOUR });
    expect((await first).verdict).to.equal('allow');
    const temporary = r.supervisor.grants.list().find((g) => g.scope === 'approval:confirm-posts');
    expect(temporary).to.deep.include({
      principal: 'agent:buyer',
      source: 'approval',
      validUntil: r.clock.now() + HOUR,
    });
    expect(r.supervisor.decide(agent, http, POST).verdict).to.equal('allow');
    r.clock.advance(HOUR);
    expect(r.supervisor.decide(agent, http, POST).verdict).to.equal('ask');
  });

  it('queues several prompts visibly, in the order they were asked, without blocking other calls', async () => {
    const decisions = [authorize('run-a'), authorize('run-b'), authorize('run-c')];
    const pending = await pendingOf(r.supervisor.approvals, 3);
    expect(pending.map((p) => p.runId)).to.deep.equal(['run-a', 'run-b', 'run-c']);
    // A GET needs no approval and is decided while the POSTs wait.
    expect(
      (await call(r.supervisor, agent, http, { method: 'GET', url: 'https://api.example.com/x' })).verdict,
    ).to.equal('allow');
    r.supervisor.approvals.answer(pending[1].id, 'deny');
    r.supervisor.approvals.answer(pending[0].id, 'allow-once');
    r.supervisor.approvals.answer(pending[2].id, 'allow-once');
    expect((await Promise.all(decisions)).map((d) => d.verdict)).to.deep.equal(['allow', 'deny', 'allow']);
  });

  it('satisfies "a POST only after an approval in this run" for the rest of the run', async () => {
    await r.supervisor.policies.remove('confirm-posts');
    await r.supervisor.policies.put({
      id: 'post-after-approval',
      mode: 'enforce',
      capability: 'http.request',
      when: [{ path: '/method', op: 'equals', value: 'POST' }],
      rule: { kind: 'ordering', after: { approval: true } },
    });
    const first = authorize('run-1');
    const [prompt] = await pendingOf(r.supervisor.approvals, 1);
    r.supervisor.approvals.answer(prompt.id, 'allow-once');
    expect((await first).verdict).to.equal('allow');
    expect(r.supervisor.decide(agent, http, POST, { runId: 'run-1' }).verdict).to.equal('allow');
    expect(r.supervisor.decide(agent, http, POST, { runId: 'run-2' }).verdict).to.equal('ask');
  });

  it('drops the prompt when the waiting call is cancelled', async () => {
    const controller = new AbortController();
    const decision = r.supervisor.authorize(agent, http, POST, { signal: controller.signal });
    await pendingOf(r.supervisor.approvals, 1);
    controller.abort(new Error('run cancelled'));
    let error: unknown;
    await decision.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('run cancelled');
    expect(r.supervisor.approvals.pending()).to.have.length(0);
  });

  it('takes answers from another context over the bus', async () => {
    const bus = new EventBus({ clock: r.clock });
    const queue = new ApprovalQueue({ clock: r.clock, bus });
    const seen: number[] = [];
    bus.subscribe('supervisor.approvals.pending', ({ pending }) => seen.push(pending.length));
    const answer = queue.request({
      principal: agent,
      capability: 'x.y',
      input: {},
      rule: 'policy:p',
      timeoutMs: MINUTE,
    });
    const [prompt] = queue.pending();
    bus.publish('supervisor.approval.answer', { id: prompt.id, answer: 'allow-once' });
    expect(await answer).to.equal('allow-once');
    expect(seen).to.deep.equal([1, 0]);
    queue.dispose();
  });

  it('asks only for the calls a policy names', () => {
    expect(r.supervisor.decide(agent, capability('clock.now'), {}).verdict).to.equal('allow');
  });
});
