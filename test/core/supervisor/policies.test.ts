import { expect } from '@open-wc/testing';
import { EventBus } from '../../../src/core/bus.js';
import { isCometError } from '../../../src/core/errors.js';
import { describeGrant, describePolicy } from '../../../src/core/supervisor/index.js';
import type { Policy, Principal } from '../../../src/core/supervisor/types.js';
import { call, DAY, HOUR, http, MINUTE, rejection, rig, type Rig } from './harness.js';

const GET = { method: 'GET', url: 'https://api.example.com/x' };

describe('policies', () => {
  describe('log-only mode', () => {
    let r: Rig;
    let wf: Principal;
    const bus = new EventBus();
    beforeEach(async () => {
      r = await rig(undefined, { bus });
      wf = r.principals.issue('workflow', 'nightly');
      await r.supervisor.grants.add({ principal: wf.id, scope: 'net:https://api.example.com/*' });
    });
    afterEach(() => r.close());

    it('never blocks, and records what it would have done on the decision and for the UI', async () => {
      const heard: string[] = [];
      const stop = bus.subscribe('supervisor.would-have', (event) => heard.push(event.policyId));
      await r.supervisor.policies.put({
        id: 'try-limit',
        mode: 'log-only',
        capability: 'http.request',
        rule: { kind: 'count', max: 1, windowMs: HOUR },
      });
      await r.supervisor.policies.put({ id: 'try-approval', mode: 'log-only', rule: { kind: 'approval' } });
      await r.supervisor.policies.put({
        id: 'try-rate',
        mode: 'log-only',
        rule: { kind: 'rate', capacity: 1, refillEveryMs: HOUR },
      });
      expect((await call(r.supervisor, wf, http, GET)).verdict).to.equal('allow');
      const second = await call(r.supervisor, wf, http, GET);
      expect(second.verdict).to.equal('allow');
      expect(second.wouldHave?.map((w) => [w.policyId, w.verdict])).to.deep.equal([
        ['try-approval', 'ask'],
        ['try-limit', 'deny'],
        ['try-rate', 'deny'],
      ]);
      expect(r.supervisor.wouldHave('try-limit')).to.have.length(1);
      expect(heard).to.include.members(['try-approval', 'try-limit', 'try-rate']);
      stop();
    });

    it('blocks once switched to enforce', async () => {
      await r.supervisor.policies.put({ id: 'p', mode: 'log-only', rule: { kind: 'count', max: 1, windowMs: HOUR } });
      await call(r.supervisor, wf, http, GET);
      expect(r.supervisor.decide(wf, http, GET).verdict).to.equal('allow');
      await r.supervisor.policies.setMode('p', 'enforce');
      expect(r.supervisor.decide(wf, http, GET).verdict).to.equal('deny');
    });
  });

  describe('as sentences', () => {
    const p = (rule: Policy['rule'], extra: Partial<Policy> = {}): Policy => ({
      id: 'x',
      mode: 'enforce',
      rule,
      ...extra,
    });

    it('reads each rule kind as a sentence', () => {
      expect(
        describePolicy(
          p(
            { kind: 'count', max: 20, windowMs: HOUR, groupBy: ['host'] },
            { principal: 'workflow:daily-digest', capability: 'http.request' },
          ),
        ),
      ).to.equal('At most 20 http.request calls to each host per hour for workflow:daily-digest');
      expect(
        describePolicy(
          p(
            { kind: 'total', path: 'output.usage.costUsd', max: 5, windowMs: DAY, unit: 'USD' },
            { capability: 'llm.*' },
          ),
        ),
      ).to.equal('At most 5 USD of reported output.usage.costUsd per day across llm.* calls for every principal');
      expect(
        describePolicy(
          p(
            { kind: 'ordering', after: { capability: 'codegen.validate', sameInput: ['files'] } },
            { capability: 'codegen.apply' },
          ),
        ),
      ).to.equal(
        'codegen.apply only after a successful codegen.validate with the same files in the same run, for every principal',
      );
      expect(
        describePolicy(
          p(
            { kind: 'ordering', after: { approval: true } },
            { capability: 'http.request', when: [{ path: '/method', op: 'equals', value: 'POST' }] },
          ),
        ),
      ).to.equal(
        "http.request only after a person's approval in the same run, for every principal, only where method is POST",
      );
      expect(
        describePolicy(
          p(
            { kind: 'lookup', path: '/id', from: { capability: 'memory.search', paths: ['output.items[*].id'] } },
            { capability: 'memory.delete' },
          ),
        ),
      ).to.equal(
        'memory.delete only on a /id that an earlier memory.search of the same run looked up (output.items[*].id), for every principal',
      );
      expect(
        describePolicy(
          p({ kind: 'approval', timeoutMs: 2 * MINUTE }, { capability: 'http.request', principal: 'agent:*' }),
        ),
      ).to.equal(
        'A person approves each http.request call for principals matching agent:*; an unanswered prompt is denied after 2 minutes',
      );
      expect(
        describePolicy(p({ kind: 'rate', capacity: 10, refillEveryMs: 6000, groupBy: ['key'] }, { mode: 'log-only' })),
      ).to.equal('Log only: Bursts of at most 10 calls with each API key, then 1 every 6 seconds, for every principal');
    });

    it('reads a grant as a sentence', () => {
      expect(
        describeGrant({
          id: 'g',
          principal: 'workflow:daily-digest',
          scope: 'net:https://api.example.com/*',
          createdAt: 0,
          windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' }],
          timeZone: 'Europe/Berlin',
          oneShot: true,
        }),
      ).to.equal(
        'workflow:daily-digest may use net:https://api.example.com/*, Mon–Fri 09:00–18:00 (Europe/Berlin), once',
      );
    });
  });

  describe('validation', () => {
    let r: Rig;
    beforeEach(async () => (r = await rig()));
    afterEach(() => r.close());

    it('refuses a malformed policy with located problems and saves nothing', async () => {
      const error = await rejection(
        r.supervisor.policies.put({
          id: 'bad',
          mode: 'enforce',
          principal: 'robot:x',
          rule: { kind: 'count', max: 0, windowMs: -5 },
        }),
      );
      expect(isCometError(error, 'policy-invalid')).to.be.true;
      expect((error as Error).message).to.contain('rule.windowMs: must be a positive integer');
      expect(await r.db.policies.count()).to.equal(0);
    });
  });
});
