import { expect } from '@open-wc/testing';
import { isCometError, type CometError } from '../../../src/core/errors.js';
import { policyFileSchema, type LocatedProblem } from '../../../src/core/supervisor/index.js';
import type { Policy } from '../../../src/core/supervisor/types.js';
import { HOUR, rejection, rig, type Rig } from './harness.js';

const good: Policy[] = [
  {
    id: 'hosts',
    mode: 'enforce',
    principal: 'workflow:*',
    capability: 'http.request',
    rule: { kind: 'count', max: 20, windowMs: HOUR, groupBy: ['host'] },
  },
  { id: 'confirm', mode: 'log-only', rule: { kind: 'approval', timeoutMs: 60_000 } },
];
const file = (policies: unknown[], extra: object = {}) => ({
  format: 'comet-policies',
  version: 1,
  policies,
  ...extra,
});

async function problemsOf(r: Rig, json: unknown): Promise<LocatedProblem[]> {
  const error = (await rejection(r.supervisor.importPolicies(json))) as CometError;
  expect(isCometError(error, 'policy-file-invalid')).to.be.true;
  return error.details.list as LocatedProblem[];
}

describe('policy files', () => {
  let r: Rig;
  beforeEach(async () => (r = await rig()));
  afterEach(() => r.close());

  it('round-trips policies and grants through export and import', async () => {
    for (const p of good) await r.supervisor.policies.put(p);
    await r.supervisor.grants.add({ principal: 'workflow:*', scope: 'net:https://api.example.com/*' });
    const exported = r.supervisor.exportPolicies({ grants: true });
    const other = await rig();
    try {
      expect(await other.supervisor.importPolicies(exported)).to.deep.equal({ policies: 2, grants: 1 });
      expect(other.supervisor.policies.list()).to.deep.equal(r.supervisor.policies.list());
      expect(other.supervisor.grants.list()).to.deep.equal(r.supervisor.grants.list());
    } finally {
      await other.close();
    }
  });

  it('publishes a JSON Schema that the exported file satisfies', () => {
    expect(policyFileSchema.properties.format.const).to.equal('comet-policies');
    expect(JSON.parse(JSON.stringify(policyFileSchema))).to.deep.equal(policyFileSchema);
  });

  it('locates every problem of a malformed file by its path, and imports nothing', async () => {
    await r.supervisor.policies.put(good[0]);
    const problems = await problemsOf(
      r,
      file([
        good[1],
        { id: 'ok-2', mode: 'enforce', rule: { kind: 'count', max: 3, windowMs: HOUR } },
        { id: 'bad', mode: 'enforce', rule: { kind: 'count', max: 3, windowMs: 'an hour' } },
        { id: 'worse', mode: 'sometimes', rule: { kind: 'teleport' } },
        { id: 'paths', mode: 'enforce', rule: { kind: 'lookup', path: 'a..b', from: { paths: ['nowhere.x'] } } },
        { id: 'ok-2', mode: 'enforce', principal: 'robot:x', rule: { kind: 'approval' }, extra: 1 },
      ]),
    );
    const lines = problems.map((p) => `${p.path}: ${p.message}`);
    expect(lines).to.include('policies[2].rule.windowMs: must be a positive integer (milliseconds)');
    expect(lines.some((l) => l.startsWith('policies[3].mode: must be one of'))).to.be.true;
    expect(lines.some((l) => l.startsWith('policies[3].rule.kind: must be one of'))).to.be.true;
    expect(lines.some((l) => l.startsWith('policies[4].rule.path:'))).to.be.true;
    expect(lines).to.include(
      "policies[4].rule.from.paths[0]: must start with 'input.' or 'output.' of the earlier call",
    );
    expect(lines).to.include('policies[5].extra: is not allowed');
    expect(lines).to.include('policies[5].id: "ok-2" is also the id of policies[1]');
    // Nothing of the file was imported; what was there stays.
    expect(r.supervisor.policies.list().map((p) => p.id)).to.deep.equal(['hosts']);
    expect(await r.db.policies.count()).to.equal(1);
  });

  it('locates problems in grants, unknown scopes among them', async () => {
    const problems = await problemsOf(
      r,
      file([], { grants: [{ id: 'g1', principal: 'agent:x', scope: 'teleport:anywhere', createdAt: 0 }] }),
    );
    expect(problems[0].path).to.equal('grants[0].scope');
    expect(problems[0].message).to.contain('"teleport:anywhere" is not a known permission scope');
  });

  it('says where a file is not JSON or not a policy file at all', async () => {
    const notJson = await problemsOf(r, '{"format": "comet-policies", ');
    expect(notJson[0].path).to.equal('(root)');
    expect(notJson[0].message).to.contain('is not JSON');
    const wrong = await problemsOf(r, { policies: 'none' });
    expect(wrong.map((p) => p.path)).to.include.members(['format', 'version', 'policies']);
  });

  it('replaces the current policies when asked to', async () => {
    await r.supervisor.policies.put(good[0]);
    await r.supervisor.importPolicies(file([good[1]]), { replace: true });
    expect(r.supervisor.policies.list().map((p) => p.id)).to.deep.equal(['confirm']);
  });

  it('rolls the whole import back when the database write fails half-way', async () => {
    await r.supervisor.policies.put(good[0]);
    // The database refuses the grant row, after the policies were written in the same transaction.
    const hook = (_key: unknown, obj: { id: unknown }) => {
      if (obj.id === 'g-bad') throw new Error('disk full');
    };
    r.db.grants.hook('creating', hook);
    const error = await rejection(
      r.supervisor.importPolicies(
        file([good[1]], { grants: [{ id: 'g-bad', principal: 'agent:x', scope: 'memory:read', createdAt: 0 }] }),
        { replace: true },
      ),
    );
    r.db.grants.hook('creating').unsubscribe(hook);
    expect((error as Error).message).to.contain('disk full');
    expect((await r.db.policies.toArray()).map((p) => p.id)).to.deep.equal(['hosts']);
    expect(r.supervisor.policies.list().map((p) => p.id)).to.deep.equal(['hosts']);
  });
});
