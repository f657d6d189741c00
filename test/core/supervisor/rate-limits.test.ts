import { expect } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import type { Principal } from '../../../src/core/supervisor/types.js';
import { call, http, rig, type Rig } from './harness.js';

const SECOND = 1000;
const withKey = (key: string) => ({ method: 'GET', url: 'https://api.example.com/v1/x', key });

describe('rate limits', () => {
  let r: Rig;
  let agent: Principal;
  beforeEach(async () => {
    r = await rig();
    agent = r.principals.issue('agent', 'summariser');
    await r.supervisor.grants.add({ principal: agent.id, scope: 'net:https://api.example.com/*' });
    await r.supervisor.grants.add({ principal: agent.id, scope: 'keys:use:*' });
    await r.supervisor.policies.put({
      id: 'per-key',
      mode: 'enforce',
      capability: 'http.request',
      rule: { kind: 'rate', capacity: 3, refillEveryMs: 10 * SECOND, groupBy: ['key'] },
    });
  });
  afterEach(() => r.close());

  it('trips when a bucket is empty, says when to retry, and recovers as it refills', async () => {
    for (let i = 0; i < 3; i++)
      expect((await call(r.supervisor, agent, http, withKey('openai'))).verdict).to.equal('allow');
    const denied = r.supervisor.decide(agent, http, withKey('openai'));
    expect(denied.verdict).to.equal('deny');
    expect(denied.rule).to.equal('rate:per-key');
    expect(denied.retryAfterMs).to.equal(10 * SECOND);
    expect(denied.reason).to.contain('with key openai');
    // Another key has its own bucket.
    expect(r.supervisor.decide(agent, http, withKey('anthropic')).verdict).to.equal('allow');
    r.clock.advance(4 * SECOND);
    expect(r.supervisor.decide(agent, http, withKey('openai')).retryAfterMs).to.equal(6 * SECOND);
    r.clock.advance(6 * SECOND);
    expect((await call(r.supervisor, agent, http, withKey('openai'))).verdict).to.equal('allow');
    expect(r.supervisor.decide(agent, http, withKey('openai')).verdict).to.equal('deny');
  });

  it('keeps an empty bucket empty across a reload', async () => {
    for (let i = 0; i < 3; i++) await call(r.supervisor, agent, http, withKey('openai'));
    const reloaded = await r.reopen();
    const denied = reloaded.decide(agent, http, withKey('openai'));
    expect(denied.verdict).to.equal('deny');
    expect(denied.retryAfterMs).to.equal(10 * SECOND);
    r.clock.advance(10 * SECOND);
    expect(reloaded.decide(agent, http, withKey('openai')).verdict).to.equal('allow');
  });

  it('takes tokens only for calls that are committed, and refuses a commit when another call took the last one', async () => {
    for (let i = 0; i < 5; i++) r.supervisor.decide(agent, http, withKey('openai')); // decided, never run
    const decisions = [0, 1, 2, 3].map(() => r.supervisor.decide(agent, http, withKey('openai')));
    expect(decisions.every((d) => d.verdict === 'allow')).to.be.true;
    const results = await Promise.allSettled(decisions.map((d) => r.supervisor.commit(d)));
    expect(results.map((x) => x.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    const error = (results[3] as PromiseRejectedResult).reason as { details: { retryAfterMs: number } };
    expect(isCometError(error, 'rate-limited')).to.be.true;
    expect(error.details.retryAfterMs).to.equal(10 * SECOND);
  });

  it('never refills from time that went backwards', async () => {
    for (let i = 0; i < 3; i++) await call(r.supervisor, agent, http, withKey('openai'));
    const back = r.clock.now() - 60 * SECOND;
    expect(r.supervisor.decide(agent, http, withKey('openai'), {}, back).verdict).to.equal('deny');
  });

  it('forgets a deleted policy’s buckets', async () => {
    for (let i = 0; i < 3; i++) await call(r.supervisor, agent, http, withKey('openai'));
    await r.supervisor.removePolicy('per-key');
    expect(await r.db.rateBuckets.count()).to.equal(0);
    expect(r.supervisor.decide(agent, http, withKey('openai')).verdict).to.equal('allow');
  });
});
