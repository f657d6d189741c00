import { expect } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import type { Principal } from '../../../src/core/supervisor/types.js';
import { call, capability, DAY, HOUR, http, MINUTE, rejection, rig, type Rig } from './harness.js';

const GET = (url: string, extra: object = {}) => ({ method: 'GET', url, ...extra });

describe('grants', () => {
  let r: Rig;
  let agent: Principal;
  beforeEach(async () => {
    r = await rig();
    agent = r.principals.issue('agent', 'researcher');
  });
  afterEach(() => r.close());

  it('denies by default and names the scopes a grant would need', () => {
    const decision = r.supervisor.decide(agent, http, GET('https://api.example.com/v1/x', { key: 'openai' }));
    expect(decision.verdict).to.equal('deny');
    expect(decision.rule).to.equal('default-deny');
    expect(decision.wouldAllowWith).to.deep.equal(['net:https://api.example.com/v1/x', 'keys:use:openai']);
    expect(decision.reason).to.contain('agent:researcher');
  });

  it('allows when every needed scope is granted, and names the grants', async () => {
    const net = await r.supervisor.grants.add({ principal: agent.id, scope: 'net:https://api.example.com/*' });
    const key = await r.supervisor.grants.add({ principal: 'agent:*', scope: 'keys:use:openai' });
    const decision = r.supervisor.decide(agent, http, GET('https://api.example.com/v1/x', { key: 'openai' }));
    expect(decision.verdict).to.equal('allow');
    expect(decision.grants).to.deep.equal([net.id, key.id]);
    expect(decision.rule).to.equal(`grant:${net.id}`);
  });

  it("never lets one principal's grant serve another", async () => {
    await r.supervisor.grants.add({ principal: 'agent:other', scope: 'net:https://api.example.com/*' });
    expect(r.supervisor.decide(agent, http, GET('https://api.example.com/')).verdict).to.equal('deny');
  });

  it('applies input conditions, and says which condition kept a near-miss grant from applying', async () => {
    await r.supervisor.grants.add({
      principal: agent.id,
      scope: 'net:https://api.example.com/*',
      conditions: [
        { path: '/method', op: 'equals', value: 'GET' },
        { path: 'url', op: 'urlPath', value: '/v1/*' },
      ],
    });
    expect(r.supervisor.decide(agent, http, GET('https://api.example.com/v1/a')).verdict).to.equal('allow');
    const post = r.supervisor.decide(agent, http, { method: 'POST', url: 'https://api.example.com/v1/a' });
    expect(post.verdict).to.equal('deny');
    expect(post.reason).to.contain('method is GET');
    expect(r.supervisor.decide(agent, http, GET('https://api.example.com/v2/a')).verdict).to.equal('deny');
  });

  it('honours valid-from and valid-until', async () => {
    const now = r.clock.now();
    await r.supervisor.grants.add({
      principal: agent.id,
      scope: 'memory:read',
      validFrom: now + HOUR,
      validUntil: now + 2 * HOUR,
    });
    const memory = capability('memory.search', 'memory:read');
    expect(r.supervisor.decide(agent, memory, {}).reason).to.contain('valid only from');
    r.clock.advance(HOUR);
    expect(r.supervisor.decide(agent, memory, {}).verdict).to.equal('allow');
    r.clock.advance(HOUR);
    expect(r.supervisor.decide(agent, memory, {}).reason).to.contain('expired');
  });

  it('denies the steps after a grant expires in the middle of a run', async () => {
    await r.supervisor.grants.add({
      principal: agent.id,
      scope: 'net:https://api.example.com/*',
      expiresAfterMs: 10 * MINUTE,
    });
    const verdicts: string[] = [];
    for (let step = 0; step < 4; step++) {
      verdicts.push(
        (await call(r.supervisor, agent, http, GET('https://api.example.com/x'), { runId: 'run-1' })).verdict,
      );
      r.clock.advance(4 * MINUTE); // steps at 0, 4, 8, 12 minutes
    }
    expect(verdicts).to.deep.equal(['allow', 'allow', 'allow', 'deny']);
  });

  it('does not revive an expired grant when the clock is set back', async () => {
    const now = r.clock.now();
    await r.supervisor.grants.add({ principal: agent.id, scope: 'memory:read', validUntil: now + HOUR });
    const memory = capability('memory.search', 'memory:read');
    expect(r.supervisor.decide(agent, memory, {}, {}, now + 2 * HOUR).verdict).to.equal('deny');
    // The system clock jumps back a day: the grant stays expired.
    expect(r.supervisor.decide(agent, memory, {}, {}, now - DAY).verdict).to.equal('deny');
    expect(r.log.entries().some((e) => e.level === 'warn' && e.message.includes('clock went back'))).to.be.true;
  });

  it('denies a call once the weekly window closes', async () => {
    // Monday 2026-01-05 17:50 in Berlin (UTC+1 in winter).
    r.clock.set(Date.UTC(2026, 0, 5, 16, 50));
    await r.supervisor.grants.add({
      principal: agent.id,
      scope: 'memory:read',
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }],
      timeZone: 'Europe/Berlin',
    });
    const memory = capability('memory.search', 'memory:read');
    expect(r.supervisor.decide(agent, memory, {}).verdict).to.equal('allow');
    r.clock.advance(10 * MINUTE); // 18:00 local
    const closed = r.supervisor.decide(agent, memory, {});
    expect(closed.verdict).to.equal('deny');
    expect(closed.reason).to.contain('Mon–Fri 09:00–18:00 (Europe/Berlin)');
    r.clock.set(Date.UTC(2026, 0, 10, 10)); // Saturday
    expect(r.supervisor.decide(agent, memory, {}).verdict).to.equal('deny');
    r.clock.set(Date.UTC(2026, 0, 12, 8)); // Monday 09:00 local
    expect(r.supervisor.decide(agent, memory, {}).verdict).to.equal('allow');
  });

  it('keeps a window on local wall-clock time across the New York spring-forward change', async () => {
    await r.supervisor.grants.add({
      principal: agent.id,
      scope: 'memory:read',
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }],
      timeZone: 'America/New_York',
    });
    const memory = capability('memory.search', 'memory:read');
    const at = (iso: string) => r.supervisor.decide(agent, memory, {}, {}, Date.parse(iso)).verdict;
    // The same UTC time of day: 08:30 EST on Friday, 09:30 EDT on the Monday after the change (Sunday 8 March).
    expect(at('2026-03-06T13:30:00Z')).to.equal('deny');
    expect(at('2026-03-06T22:30:00Z')).to.equal('allow'); // 17:30 EST
    expect(at('2026-03-09T13:30:00Z')).to.equal('allow');
    expect(at('2026-03-09T22:30:00Z')).to.equal('deny'); // 18:30 EDT
  });

  it('keeps a window on local time across the Berlin fall-back change, including the repeated hour', async () => {
    await r.supervisor.grants.add({
      principal: agent.id,
      scope: 'memory:read',
      windows: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
        { days: ['sun'], start: '02:00', end: '03:00' },
      ],
      timeZone: 'Europe/Berlin',
    });
    const memory = capability('memory.search', 'memory:read');
    const at = (iso: string) => r.supervisor.decide(agent, memory, {}, {}, Date.parse(iso)).verdict;
    expect(at('2026-10-23T07:30:00Z')).to.equal('allow'); // Fri 09:30 CEST
    // Sunday 25 October: 02:00–03:00 happens twice, and both count; 03:30 does not.
    expect(at('2026-10-25T00:30:00Z')).to.equal('allow');
    expect(at('2026-10-25T01:30:00Z')).to.equal('allow');
    expect(at('2026-10-25T02:30:00Z')).to.equal('deny');
    expect(at('2026-10-26T07:30:00Z')).to.equal('deny'); // Mon 08:30 CET
    expect(at('2026-10-26T08:30:00Z')).to.equal('allow'); // Mon 09:30 CET
  });

  it('uses a one-shot grant once: the allowed call consumes it and a second call is denied', async () => {
    const once = await r.supervisor.grants.add({ principal: agent.id, scope: 'memory:write', oneShot: true });
    const write = capability('memory.write', 'memory:write');
    const first = r.supervisor.decide(agent, write, {});
    expect(first.consumes?.grants).to.deep.equal([once.id]);
    // Deciding alone consumes nothing: a call that never runs keeps the grant.
    expect(r.supervisor.decide(agent, write, {}).verdict).to.equal('allow');
    await r.supervisor.commit(first);
    const second = r.supervisor.decide(agent, write, {});
    expect(second.verdict).to.equal('deny');
    expect(second.reason).to.contain('one-shot');
    // Consumed in the database too: a reload does not give it back.
    const reloaded = await r.reopen();
    expect(reloaded.decide(agent, write, {}).verdict).to.equal('deny');
  });

  it('lets only one of two concurrently allowed calls commit a one-shot grant', async () => {
    await r.supervisor.grants.add({ principal: agent.id, scope: 'memory:write', oneShot: true });
    const write = capability('memory.write', 'memory:write');
    const a = r.supervisor.decide(agent, write, {});
    const b = r.supervisor.decide(agent, write, {});
    const results = await Promise.allSettled([r.supervisor.commit(a), r.supervisor.commit(b)]);
    expect(results.map((x) => x.status)).to.deep.equal(['fulfilled', 'rejected']);
    expect(isCometError((results[1] as PromiseRejectedResult).reason, 'grant-consumed')).to.be.true;
  });

  it('prefers a standing grant over a one-shot grant, which stays unused', async () => {
    await r.supervisor.grants.add({ principal: agent.id, scope: 'memory:write', oneShot: true });
    const standing = await r.supervisor.grants.add({ principal: agent.id, scope: 'memory:*' });
    const decision = r.supervisor.decide(agent, capability('memory.write', 'memory:write'), {});
    expect(decision.grants).to.deep.equal([standing.id]);
    expect(decision.consumes?.grants).to.deep.equal([]);
  });

  it('refuses to commit a denial, a decision twice, or a forged decision', async () => {
    const denied = r.supervisor.decide(agent, capability('memory.write', 'memory:write'), {});
    expect(isCometError(await rejection(r.supervisor.commit(denied)), 'decision-not-committable')).to.be.true;
    await r.supervisor.grants.add({ principal: agent.id, scope: 'memory:write' });
    const allowed = r.supervisor.decide(agent, capability('memory.write', 'memory:write'), {});
    await r.supervisor.commit(allowed);
    expect(isCometError(await rejection(r.supervisor.commit(allowed)), 'decision-not-committable')).to.be.true;
    expect(isCometError(await rejection(r.supervisor.commit({ ...allowed })), 'decision-not-committable')).to.be.true;
  });

  it('rejects malformed grants with located problems and saves nothing', async () => {
    const error = await rejection(
      r.supervisor.grants.add({
        principal: 'workflow daily',
        scope: 'files:read',
        windows: [{ days: ['mon'], start: '9am', end: '18:00' }],
        timeZone: 'Mars/Olympus',
      }),
    );
    expect(isCometError(error, 'grant-invalid')).to.be.true;
    const message = (error as Error).message;
    for (const part of [
      'principal:',
      'scope: "files:read" is not a known permission scope',
      'windows[0].start',
      'timeZone',
    ])
      expect(message).to.contain(part);
    expect(await r.db.grants.count()).to.equal(0);
  });

  it('gives windows without a time zone the user’s zone when the grant is made', async () => {
    const grant = await r.supervisor.grants.add({
      principal: agent.id,
      scope: 'memory:read',
      windows: [{ days: ['mon'], start: '09:00', end: '10:00' }],
    });
    expect(grant.timeZone).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
