import { expect } from '@open-wc/testing';
import type { Policy, Principal } from '../../../src/core/supervisor/types.js';
import { call, capability, DAY, entry, HOUR, http, MINUTE, rig, type Rig } from './harness.js';

const GET = (url: string) => ({ method: 'GET', url });

describe('temporal policies', () => {
  let r: Rig;
  let wf: Principal;
  const policy = (p: Omit<Policy, 'mode'> & { mode?: Policy['mode'] }) =>
    r.supervisor.policies.put({ mode: 'enforce', ...p });

  beforeEach(async () => {
    r = await rig();
    wf = r.principals.issue('workflow', 'daily-digest');
    await r.supervisor.grants.add({ principal: wf.id, scope: 'net:https://*/*' });
    await r.supervisor.grants.add({ principal: wf.id, scope: 'codegen:*' });
    await r.supervisor.grants.add({ principal: wf.id, scope: 'memory:*' });
  });
  afterEach(() => r.close());

  describe('sliding-window counts', () => {
    beforeEach(() =>
      policy({
        id: 'hosts',
        principal: 'workflow:*',
        capability: 'http.request',
        rule: { kind: 'count', max: 3, windowMs: HOUR, groupBy: ['principal', 'host'] },
      }),
    );

    it('trips at the limit per host, says when to retry, and recovers as calls leave the window', async () => {
      for (let i = 0; i < 3; i++) {
        expect((await call(r.supervisor, wf, http, GET('https://a.example/x'))).verdict).to.equal('allow');
        r.clock.advance(10 * MINUTE);
      }
      const denied = r.supervisor.decide(wf, http, GET('https://a.example/y'));
      expect(denied.verdict).to.equal('deny');
      expect(denied.rule).to.equal('policy:hosts');
      expect(denied.reason).to.contain('3 http.request calls by workflow:daily-digest to a.example in the last 1 hour');
      // The first call was 30 minutes ago: it leaves the window in 30 minutes.
      expect(denied.retryAfterMs).to.equal(30 * MINUTE);
      expect(r.supervisor.decide(wf, http, GET('https://b.example/y')).verdict).to.equal('allow');
      r.clock.advance(30 * MINUTE - 1);
      expect(r.supervisor.decide(wf, http, GET('https://a.example/y')).verdict).to.equal('deny');
      r.clock.advance(1);
      expect(r.supervisor.decide(wf, http, GET('https://a.example/y')).verdict).to.equal('allow');
    });

    it('counts calls still in flight, so parallel calls cannot overshoot', async () => {
      const decisions = [0, 1, 2].map(() => r.supervisor.decide(wf, http, GET('https://a.example/x')));
      for (const d of decisions) await r.supervisor.commit(d); // committed, none finished yet
      expect(r.supervisor.decide(wf, http, GET('https://a.example/x')).verdict).to.equal('deny');
    });

    it('holds after a reload, counting the calls restored from the audit history', async () => {
      const now = r.clock.now();
      const earlier = [1, 2, 3].map((m) =>
        entry({
          time: now - m * MINUTE,
          principal: wf.id,
          capability: 'http.request',
          scopes: ['net:https://a.example/x'],
          input: GET('https://a.example/x'),
        }),
      );
      const reloaded = await r.reopen({ loadHistory: () => earlier });
      expect(reloaded.decide(wf, http, GET('https://a.example/z')).verdict).to.equal('deny');
      expect(reloaded.decide(wf, http, GET('https://b.example/z')).verdict).to.equal('allow');
    });

    it('treats history from the future as recent when the clock goes back', async () => {
      for (let i = 0; i < 3; i++) await call(r.supervisor, wf, http, GET('https://a.example/x'));
      // The system clock is set back two hours: those calls still count, nothing extra is allowed.
      const back = r.clock.now() - 2 * HOUR;
      expect(r.supervisor.decide(wf, http, GET('https://a.example/x'), {}, back).verdict).to.equal('deny');
    });
  });

  it('limits a running total of reported spend per day', async () => {
    await policy({
      id: 'spend',
      capability: 'llm.*',
      rule: { kind: 'total', path: 'output.usage.costUsd', max: 5, windowMs: DAY, unit: 'USD' },
    });
    await r.supervisor.grants.add({ principal: wf.id, scope: 'keys:use:openai' });
    const chat = capability('llm.chat', 'keys:use:openai');
    const spend = (costUsd: number) => call(r.supervisor, wf, chat, {}, {}, { usage: { costUsd } });
    await spend(2);
    r.clock.advance(HOUR);
    await spend(2.5);
    r.clock.advance(HOUR);
    expect((await spend(0.5)).verdict).to.equal('allow'); // 4.5 before it, 5 after
    r.clock.advance(HOUR);
    const denied = r.supervisor.decide(wf, chat, {});
    expect(denied.verdict).to.equal('deny');
    expect(denied.reason).to.contain('5 USD');
    // Below the limit again once the first 2 USD leave the window, 24 hours after they were spent.
    expect(denied.retryAfterMs).to.equal(21 * HOUR);
    r.clock.advance(21 * HOUR);
    expect(r.supervisor.decide(wf, chat, {}).verdict).to.equal('allow');
  });

  describe('ordering', () => {
    const validate = capability('codegen.validate', 'codegen:validate');
    const apply = capability('codegen.apply', 'codegen:apply');
    beforeEach(() =>
      policy({
        id: 'validate-first',
        capability: 'codegen.apply',
        rule: { kind: 'ordering', after: { capability: 'codegen.validate', sameInput: ['/files'] } },
      }),
    );

    it('allows codegen.apply only after a successful codegen.validate of the same files in the same run', async () => {
      const files = ['a.ts', 'b.ts'];
      const run = { runId: 'run-1' };
      const before = r.supervisor.decide(wf, apply, { files }, run);
      expect(before.verdict).to.equal('deny');
      expect(before.reason).to.contain('codegen.validate with the same /files');
      await call(r.supervisor, wf, validate, { files }, run);
      expect(r.supervisor.decide(wf, apply, { files }, run).verdict).to.equal('allow');
      expect(r.supervisor.decide(wf, apply, { files: ['c.ts'] }, run).verdict).to.equal('deny');
      expect(r.supervisor.decide(wf, apply, { files }, { runId: 'run-2' }).verdict).to.equal('deny');
      expect(r.supervisor.decide(wf, apply, { files }).verdict).to.equal('deny');
    });

    it('does not count a validation that failed or is still running', async () => {
      const run = { runId: 'run-1' };
      const files = ['a.ts'];
      const failed = await r.supervisor.commit(r.supervisor.decide(wf, validate, { files }, run));
      r.supervisor.record({ call: failed, ok: false, output: { errors: 3 } });
      await r.supervisor.commit(r.supervisor.decide(wf, validate, { files }, run)); // still running
      expect(r.supervisor.decide(wf, apply, { files }, run).verdict).to.equal('deny');
    });
  });

  it('acts only on a resource an earlier step of the run looked up', async () => {
    await policy({
      id: 'looked-up',
      capability: 'memory.delete',
      rule: { kind: 'lookup', path: '/id', from: { capability: 'memory.search', paths: ['output.items[*].id'] } },
    });
    const search = capability('memory.search', 'memory:read');
    const remove = capability('memory.delete', 'memory:write');
    const run = { runId: 'run-7' };
    await call(r.supervisor, wf, search, { q: 'old notes' }, run, { items: [{ id: 'n1' }, { id: 'n2' }] });
    expect(r.supervisor.decide(wf, remove, { id: 'n2' }, run).verdict).to.equal('allow');
    const other = r.supervisor.decide(wf, remove, { id: 'n9' }, run);
    expect(other.verdict).to.equal('deny');
    expect(other.reason).to.contain('/id = "n9"');
    expect(r.supervisor.decide(wf, remove, { id: 'n2' }, { runId: 'run-8' }).verdict).to.equal('deny');
    expect(r.supervisor.decide(wf, remove, {}, run).verdict).to.equal('deny');
  });

  it('applies a policy only to calls matching its input conditions', async () => {
    await policy({
      id: 'no-posts',
      capability: 'http.request',
      when: [{ path: '/method', op: 'equals', value: 'POST' }],
      rule: { kind: 'count', max: 1, windowMs: HOUR },
    });
    await call(r.supervisor, wf, http, { method: 'POST', url: 'https://a.example/' });
    expect(r.supervisor.decide(wf, http, { method: 'POST', url: 'https://a.example/' }).verdict).to.equal('deny');
    expect(r.supervisor.decide(wf, http, GET('https://a.example/')).verdict).to.equal('allow');
  });

  it('lets a deny win over an ask when two enforced policies object', async () => {
    await policy({ id: 'a-approve', capability: 'memory.*', rule: { kind: 'approval' } });
    await policy({ id: 'b-once', capability: 'memory.*', rule: { kind: 'count', max: 1, windowMs: HOUR } });
    const search = capability('memory.search', 'memory:read');
    const first = r.supervisor.decide(wf, search, {});
    expect(first.verdict).to.equal('ask');
    expect(first.approval).to.deep.include({ policyId: 'a-approve', grantScope: 'approval:a-approve' });
    r.supervisor.history.add(entry({ time: r.clock.now(), principal: wf.id, capability: 'memory.search' }));
    const second = r.supervisor.decide(wf, search, {});
    expect(second.verdict).to.equal('deny');
    expect(second.rule).to.equal('policy:b-once');
  });
});
