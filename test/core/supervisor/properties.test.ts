import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { GrantInput, InputCondition, Policy, Principal, PrincipalId } from '../../../src/core/supervisor/types.js';
import { capability, entry, HOUR, MINUTE, rig, type Rig } from './harness.js';

// A small vocabulary, with the coverage written out by hand: the oracle does not reuse the code under test.
const PRINCIPALS: PrincipalId[] = ['agent:a', 'agent:b', 'workflow:w'];
const PATTERNS = ['agent:a', 'agent:b', 'workflow:w', 'agent:*', 'workflow:*', '*'];
const GRANTED = [
  'memory:read',
  'memory:*',
  'keys:use:a',
  'keys:use:*',
  'net:https://a.example/*',
  'net:https://a.example/v1/*',
  'net:https://*.example/*',
];
const NEEDED = [
  'memory:read',
  'memory:write',
  'keys:use:a',
  'keys:use:b',
  'net:https://a.example/v1/x',
  'net:https://b.example/x',
  'net:https://a.example.evil/x',
];
const COVERS: Record<string, string[]> = {
  'memory:read': ['memory:read'],
  'memory:*': ['memory:read', 'memory:write'],
  'keys:use:a': ['keys:use:a'],
  'keys:use:*': ['keys:use:a', 'keys:use:b'],
  'net:https://a.example/*': ['net:https://a.example/v1/x'],
  'net:https://a.example/v1/*': ['net:https://a.example/v1/x'],
  'net:https://*.example/*': ['net:https://a.example/v1/x', 'net:https://b.example/x'],
};
const principalMatches = (pattern: string, id: string) =>
  pattern === '*' || pattern === id || (pattern.endsWith(':*') && id.startsWith(pattern.slice(0, -1)));

const grant = fc.record({
  principal: fc.constantFrom(...PATTERNS),
  scope: fc.constantFrom(...GRANTED),
  oneShot: fc.boolean(),
  validUntil: fc.option(fc.integer({ min: -HOUR, max: HOUR }), { nil: undefined }),
  conditions: fc.option(fc.constant<InputCondition[]>([{ path: '/n', op: 'atMost', value: 5 }]), { nil: undefined }),
});

const policy = (mode: Policy['mode']): fc.Arbitrary<Omit<Policy, 'id'>> =>
  fc
    .record({
      mode: fc.constant(mode),
      principal: fc.constantFrom(...PATTERNS),
      capability: fc.constantFrom('op.*', 'op.x', '*'),
      rule: fc.oneof(
        fc.record({
          kind: fc.constant('count' as const),
          max: fc.integer({ min: 1, max: 3 }),
          windowMs: fc.constantFrom(MINUTE, HOUR),
        }),
        fc.record({
          kind: fc.constant('total' as const),
          path: fc.constant('output.cost'),
          max: fc.integer({ min: 1, max: 5 }),
          windowMs: fc.constant(HOUR),
        }),
        fc.record({ kind: fc.constant('ordering' as const), after: fc.constant({ capability: 'op.prepare' }) }),
        fc.record({
          kind: fc.constant('lookup' as const),
          path: fc.constant('/id'),
          from: fc.constant({ paths: ['output.ids[*]'] }),
        }),
        fc.record({ kind: fc.constant('approval' as const) }),
        fc.record({
          kind: fc.constant('rate' as const),
          capacity: fc.integer({ min: 1, max: 3 }),
          refillEveryMs: fc.constant(MINUTE),
        }),
      ),
    })
    .map((p) => p as Omit<Policy, 'id'>);

const callArb = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  needed: fc.subarray(NEEDED, { minLength: 1, maxLength: 2 }),
  input: fc.record({ n: fc.integer({ min: 0, max: 9 }), id: fc.constantFrom('x', 'y') }),
  runId: fc.constantFrom('r1', 'r2'),
});

const pastCalls = fc.array(
  fc.record({
    principal: fc.constantFrom(...PRINCIPALS),
    ago: fc.integer({ min: 0, max: 2 * HOUR }),
    cost: fc.integer({ min: 0, max: 3 }),
  }),
  { maxLength: 8 },
);

describe('supervisor properties', () => {
  let r: Rig;
  let issued: Map<string, Principal>;
  beforeEach(async () => {
    r = await rig();
    issued = new Map(PRINCIPALS.map((id) => [id, r.principals.issue(...(id.split(':') as ['agent', string]))]));
  });
  afterEach(() => r.close());

  /** Replaces every grant and policy, and adds some history. */
  async function setUp(
    grants: Omit<GrantInput, 'id'>[],
    policies: Omit<Policy, 'id'>[],
    past: { principal: PrincipalId; ago: number; cost: number }[],
  ) {
    const now = r.clock.now();
    await r.supervisor.grants.remove(...r.supervisor.grants.list().map((g) => g.id));
    for (const p of r.supervisor.policies.list()) await r.supervisor.removePolicy(p.id);
    for (const g of grants)
      await r.supervisor.grants.add({ ...g, validUntil: g.validUntil === undefined ? undefined : now + g.validUntil });
    for (const [i, p] of policies.entries()) await r.supervisor.policies.put({ ...p, id: `p${i}` });
    for (const c of past)
      r.supervisor.history.add(
        entry({
          time: now - c.ago,
          principal: c.principal,
          capability: 'op.x',
          runId: 'r1',
          output: { cost: c.cost, ids: ['x'] },
        }),
      );
  }

  it('never allows a call that no grant allows, whatever the policies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(grant, { minLength: 2, maxLength: 12 }),
        fc.array(fc.oneof(policy('enforce'), policy('log-only')), { maxLength: 3 }),
        pastCalls,
        callArb,
        async (grants, policies, past, c) => {
          await setUp(grants, policies, past);
          const decision = r.supervisor.decide(issued.get(c.principal)!, capability('op.x', ...c.needed), c.input, {
            runId: c.runId,
          });
          const grantable = c.needed.every((needed) =>
            grants.some((g) => principalMatches(g.principal, c.principal) && COVERS[g.scope].includes(needed)),
          );
          if (!grantable) expect(decision.verdict, JSON.stringify({ grants, c })).to.not.equal('allow');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never turns an allow into a deny or an ask because of a log-only policy', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(grant, { minLength: 2, maxLength: 12 }),
        fc.array(policy('enforce'), { maxLength: 2 }),
        fc.array(policy('log-only'), { minLength: 1, maxLength: 3 }),
        pastCalls,
        callArb,
        async (grants, enforced, logOnly, past, c) => {
          await setUp(grants, enforced, past);
          const principal = issued.get(c.principal)!;
          const cap = capability('op.x', ...c.needed);
          const before = r.supervisor.decide(principal, cap, c.input, { runId: c.runId });
          for (const [i, p] of logOnly.entries()) await r.supervisor.policies.put({ ...p, id: `log${i}` });
          const after = r.supervisor.decide(principal, cap, c.input, { runId: c.runId });
          expect([after.verdict, after.rule]).to.deep.equal([before.verdict, before.rule]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
