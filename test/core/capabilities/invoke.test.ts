import { expect } from '@open-wc/testing';
import type { AuditEntry } from '../../../src/core/audit/index.js';
import { isCometError, type CometError } from '../../../src/core/errors.js';
import type { PendingApproval } from '../../../src/core/supervisor/index.js';
import type { SupervisorDecision } from '../../../src/core/supervisor/types.js';
import { hostRig, rejection, testCapability, type HostRig } from './rig.js';

const MINUTE = 60_000;

/** The audit log, oldest first, as principal/capability/verdict/outcome/rule lines. */
async function auditTrail(r: HostRig): Promise<string[]> {
  const entries: AuditEntry[] = await r.audit.query({ order: 'asc', limit: 1000 });
  return entries.map((e) => `${e.capability} ${e.verdict}/${e.outcome} ${e.rule}`);
}

/** Resolves with the first pending approval prompt. */
function nextPrompt(r: HostRig): Promise<PendingApproval> {
  return new Promise((resolve) => {
    const off = r.supervisor.approvals.subscribe((pending) => {
      if (!pending.length) return;
      queueMicrotask(() => off());
      resolve(pending[0]);
    });
  });
}

describe('CapabilityHost.invoke', () => {
  let r: HostRig;
  let ran: unknown[];

  beforeEach(async () => {
    r = await hostRig();
    ran = [];
    r.registry.register(
      testCapability('act', (input) => {
        ran.push(input.value);
        return Promise.resolve({ done: true });
      }),
    );
  });
  afterEach(() => r.close());

  it('rejects invalid input with an error naming the bad field, and runs nothing', async () => {
    await r.grant('kv:write');
    const error = await rejection(r.host.invoke(r.agent, 'kv.set', { key: 42, value: 'x' }));
    expect(isCometError(error, 'invalid-input')).to.be.true;
    expect((error as CometError).details.field).to.equal('key');
    expect((error as Error).message).to.contain('key must be string (got number)');
    expect(await r.host.invoke(r.agent, 'kv.get', { key: 'anything' }).catch((e: CometError) => e.code)).to.equal(
      'capability-denied',
    );
    expect(await auditTrail(r)).to.deep.equal(['kv.set deny/denied invalid-input', 'kv.get deny/denied default-deny']);
  });

  it('names an unknown capability, and audits the attempt', async () => {
    const error = await rejection(r.host.invoke(r.agent, 'nope.missing', {}));
    expect(isCometError(error, 'capability-unknown')).to.be.true;
    expect((error as Error).message).to.contain('nope.missing');
    expect(await auditTrail(r)).to.deep.equal(['nope.missing deny/denied capability-unknown']);
  });

  it('denies by default what no grant allows, says which grant would, audits it, and runs nothing', async () => {
    const error = await rejection(r.host.invoke(r.agent, 'test.act', { value: 1 }));
    expect(isCometError(error, 'capability-denied')).to.be.true;
    const decision = (error as CometError).details.decision as SupervisorDecision;
    expect(decision.verdict).to.equal('deny');
    expect(decision.rule).to.equal('default-deny');
    expect(decision.wouldAllowWith).to.deep.equal(['kv:write']);
    expect((error as Error).message).to.contain('A grant of kv:write would allow it');
    expect(ran).to.deep.equal([]);
    expect(await auditTrail(r)).to.deep.equal(['test.act deny/denied default-deny']);
  });

  it('audits an allowed call before it runs and its outcome after, with the duration on the injected clock', async () => {
    await r.grant('kv:write');
    let entriesWhileRunning: string[] = [];
    r.registry.register(
      testCapability('slow', async () => {
        entriesWhileRunning = await auditTrail(r);
        r.clock.advance(250);
        return { done: true };
      }),
    );
    expect(await r.host.invoke(r.agent, 'test.slow', {}, { runId: 'run-1' })).to.deep.equal({ done: true });
    expect(entriesWhileRunning).to.deep.equal(['test.slow allow/pending grant:' + r.supervisor.grants.list()[0].id]);
    const [before, after] = await r.audit.query({ order: 'asc' });
    expect(after.outcome).to.equal('ok');
    expect(after.durationMs).to.equal(250);
    expect(after.runId).to.equal('run-1');
    expect(after.output).to.deep.equal({ done: true });
    expect(before.seq).to.be.below(after.seq);
  });

  it('denies the action and never runs it when the audit entry cannot be written', async () => {
    await r.grant('kv:write');
    r.auditDb.close();
    const error = await rejection(r.host.invoke(r.agent, 'test.act', { value: 'must not run' }));
    expect(isCometError(error, 'audit-failed')).to.be.true;
    expect(ran).to.deep.equal([]);
  });

  it('asks a person when a policy requires approval, shows the input with secrets redacted, and runs once allowed', async () => {
    await r.grant('kv:write');
    await r.supervisor.policies.put({
      id: 'confirm',
      mode: 'enforce',
      capability: 'test.act',
      rule: { kind: 'approval', timeoutMs: 5 * MINUTE },
    });
    const prompt = nextPrompt(r);
    const call = r.host.invoke(r.agent, 'test.act', {
      value: { note: 'hello', apiKey: 'sk-live-0123456789abcdefghij' },
    });
    const shown = await prompt;
    expect(shown.capability).to.equal('test.act');
    expect(shown.rule).to.equal('policy:confirm');
    expect(JSON.stringify(shown.input)).to.not.contain('sk-live');
    expect(shown.input).to.deep.equal({ value: { note: 'hello', apiKey: '[redacted]' } });
    expect(ran).to.deep.equal([]);
    r.supervisor.approvals.answer(shown.id, 'allow-once');
    expect(await call).to.deep.equal({ done: true });
    expect(ran).to.have.length(1);
    expect(await auditTrail(r)).to.deep.equal([
      'test.act ask/pending policy:confirm',
      'test.act allow/pending approval:confirm',
      'test.act allow/ok approval:confirm',
    ]);
  });

  it('denies when no one answers the approval prompt before it times out', async () => {
    await r.grant('kv:write');
    await r.supervisor.policies.put({
      id: 'confirm',
      mode: 'enforce',
      capability: 'test.act',
      rule: { kind: 'approval', timeoutMs: 5 * MINUTE },
    });
    const prompt = nextPrompt(r);
    const call = r.host.invoke(r.agent, 'test.act', { value: 1 });
    await prompt;
    r.clock.advance(5 * MINUTE);
    const error = await rejection(call);
    expect(isCometError(error, 'capability-denied')).to.be.true;
    expect((error as Error).message).to.contain('No one answered');
    expect(ran).to.deep.equal([]);
    expect(r.supervisor.approvals.pending()).to.deep.equal([]);
    expect(await auditTrail(r)).to.deep.equal([
      'test.act ask/pending policy:confirm',
      'test.act deny/denied approval-timeout:confirm',
    ]);
  });

  it('rejects output that does not match the output schema, naming the field', async () => {
    await r.grant('kv:write');
    r.registry.register(testCapability('liar', () => Promise.resolve({ done: 'yes' })));
    const error = await rejection(r.host.invoke(r.agent, 'test.liar', {}));
    expect(isCometError(error, 'invalid-output')).to.be.true;
    expect((error as Error).message).to.contain('done must be boolean (got string)');
    const [, after] = await r.audit.query({ order: 'asc' });
    expect(after.outcome).to.equal('error');
  });

  it('abandons a call that outlives its timeout, on the injected clock', async () => {
    await r.grant('kv:write');
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let aborted = false;
    r.registry.register(
      testCapability(
        'hang',
        (_input, ctx) => {
          ctx.signal.addEventListener('abort', () => (aborted = true));
          started();
          return new Promise(() => {});
        },
        { timeoutMs: 2000 },
      ),
    );
    const call = r.host.invoke(r.agent, 'test.hang', {});
    await running;
    r.clock.advance(2000);
    const error = await rejection(call);
    expect(isCometError(error, 'capability-timeout')).to.be.true;
    expect(aborted, 'the capability saw its signal abort').to.be.true;
    const [, after] = await r.audit.query({ order: 'asc' });
    expect(after.outcome).to.equal('timeout');
    expect(after.durationMs).to.equal(2000);
  });

  it('reaches a running capability with the caller’s cancellation', async () => {
    await r.grant('kv:write');
    const controller = new AbortController();
    r.registry.register(
      testCapability('wait', (_input, ctx) => {
        queueMicrotask(() => controller.abort());
        return new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error)),
        );
      }),
    );
    const error = await rejection(r.host.invoke(r.agent, 'test.wait', {}, { signal: controller.signal }));
    expect((error as Error).name).to.equal('AbortError');
    const [, after] = await r.audit.query({ order: 'asc' });
    expect(after.outcome).to.equal('error');
  });

  it('turns thrown non-Error values into a clear error', async () => {
    await r.grant('kv:write');
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point: a plugin may reject with a string
    r.registry.register(testCapability('strings', () => Promise.reject('plain text failure')));
    r.registry.register(
      testCapability('objects', () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point: a plugin may throw a plain object
        throw { status: 'bad', n: 3 };
      }),
    );
    const a = await rejection(r.host.invoke(r.agent, 'test.strings', {}));
    expect(isCometError(a, 'capability-failed')).to.be.true;
    expect((a as Error).message).to.equal('test.strings failed: plain text failure');
    const b = await rejection(r.host.invoke(r.agent, 'test.objects', {}));
    expect((b as Error).message).to.equal('test.objects failed: {"status":"bad","n":3}');
    expect((b as CometError).details.errorName).to.equal('object');
  });

  it('audits what a log-only policy would have denied, and still runs the call', async () => {
    await r.grant('kv:write');
    await r.supervisor.policies.put({
      id: 'at-most-one',
      mode: 'log-only',
      capability: 'test.act',
      rule: { kind: 'count', max: 1, windowMs: 60 * MINUTE },
    });
    await r.host.invoke(r.agent, 'test.act', { value: 1 });
    await r.host.invoke(r.agent, 'test.act', { value: 2 });
    expect(ran).to.deep.equal([1, 2]);
    const entries = await r.audit.query({ order: 'asc' });
    expect(entries[1].wouldHave).to.deep.equal([]);
    expect(entries[3].wouldHave.map((w) => [w.policyId, w.verdict])).to.deep.equal([['at-most-one', 'deny']]);
  });

  it('refuses a principal the host did not issue, even with a real principal’s id', async () => {
    await r.grant('kv:write');
    const spoof = { ...r.agent };
    const error = await rejection(r.host.invoke(spoof, 'test.act', { value: 1 }));
    expect(isCometError(error, 'principal-not-issued')).to.be.true;
    expect(ran).to.deep.equal([]);
  });

  it('runs the input the supervisor decided on, even if the caller changes its object afterwards', async () => {
    await r.grant('kv:write');
    await r.supervisor.policies.put({
      id: 'confirm',
      mode: 'enforce',
      capability: 'test.act',
      rule: { kind: 'approval', timeoutMs: MINUTE },
    });
    const input = { value: 'approved text' };
    const prompt = nextPrompt(r);
    const call = r.host.invoke(r.agent, 'test.act', input);
    const shown = await prompt;
    input.value = 'swapped text';
    r.supervisor.approvals.answer(shown.id, 'allow-once');
    await call;
    expect(ran).to.deep.equal(['approved text']);
  });

  it('sends a capability’s own calls through the supervisor as the same principal', async () => {
    await r.grant('kv:write');
    r.registry.register(
      testCapability('nested', async (_input, ctx) => {
        await ctx.invoke('clock.now', {});
        return { done: true };
      }),
    );
    const error = await rejection(r.host.invoke(r.agent, 'test.nested', {}));
    expect(isCometError(error, 'capability-denied')).to.be.true;
    expect((error as Error).message).to.contain('clock:read');
    await r.grant('clock:read');
    expect(await r.host.invoke(r.agent, 'test.nested', {})).to.deep.equal({ done: true });
  });
});
