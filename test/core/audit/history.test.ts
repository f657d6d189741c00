import { expect } from '@open-wc/testing';
import { historyFromAudit, type AuditEntry } from '../../../src/core/audit/index.js';

let seq = 0;
/** A stored entry with only what the history reads. */
function entry(fields: Partial<AuditEntry>): AuditEntry {
  seq++;
  return {
    v: 1,
    seq,
    time: 1000 * seq,
    principal: 'agent:a',
    capability: 'http.request',
    runId: 'run-1',
    stepId: null,
    callId: null,
    verdict: 'allow',
    rule: 'grant:g1',
    reason: '',
    mode: 'enforce',
    scopes: ['net:https://api.example.com/v1'],
    input: { url: 'https://api.example.com/v1' },
    output: null,
    outcome: 'pending',
    error: null,
    durationMs: 0,
    wouldHave: [],
    prevHash: '',
    hash: '',
    ...fields,
  };
}

describe('historyFromAudit', () => {
  beforeEach(() => (seq = 0));

  it("pairs each call's decision with its outcome: start time, status, output and duration", () => {
    const history = historyFromAudit([
      entry({ callId: 'c1' }),
      entry({ callId: 'c2', capability: 'kv.get' }),
      entry({ callId: 'c1', outcome: 'ok', output: { status: 200 }, durationMs: 1500 }),
      entry({ callId: 'c2', capability: 'kv.get', outcome: 'timeout', durationMs: 30 }),
    ]);
    expect(history).to.deep.equal([
      {
        id: 'c1',
        kind: 'call',
        time: 1000,
        principal: 'agent:a',
        capability: 'http.request',
        runId: 'run-1',
        status: 'ok',
        scopes: ['net:https://api.example.com/v1'],
        input: { url: 'https://api.example.com/v1' },
        output: { status: 200 },
        durationMs: 1500,
      },
      {
        id: 'c2',
        kind: 'call',
        time: 2000,
        principal: 'agent:a',
        capability: 'kv.get',
        runId: 'run-1',
        status: 'error',
        scopes: ['net:https://api.example.com/v1'],
        input: { url: 'https://api.example.com/v1' },
        output: null,
        durationMs: 30,
      },
    ]);
  });

  it('pairs entries without a callId by principal, capability, run and step, in order', () => {
    const history = historyFromAudit([
      entry({}),
      entry({}),
      entry({ outcome: 'ok', output: 'first' }),
      entry({ outcome: 'error', output: 'second' }),
    ]);
    expect(history.map((h) => [h.time, h.status, h.output])).to.deep.equal([
      [1000, 'ok', 'first'],
      [2000, 'error', 'second'],
    ]);
  });

  it('records an approval before the call it allowed, and leaves denied calls and open prompts out', () => {
    const history = historyFromAudit([
      entry({ verdict: 'ask', rule: 'policy:post-needs-ok' }),
      entry({ rule: 'approval:post-needs-ok', callId: 'c1' }),
      entry({ callId: 'c1', outcome: 'ok', durationMs: 5 }),
      entry({ verdict: 'deny', outcome: 'denied', rule: 'default-deny' }),
    ]);
    expect(history.map((h) => [h.kind, h.policyId ?? null, h.time])).to.deep.equal([
      ['approval', 'post-needs-ok', 2000],
      ['call', null, 2000],
    ]);
  });

  it('counts a call whose outcome was never written as one that failed, and dates an outcome without its decision back', () => {
    const history = historyFromAudit([entry({ outcome: 'ok', durationMs: 400 }), entry({ capability: 'kv.set' })]);
    expect(history.map((h) => [h.capability, h.time, h.status])).to.deep.equal([
      ['http.request', 600, 'ok'],
      ['kv.set', 2000, 'error'],
    ]);
  });
});
