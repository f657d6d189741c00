import { expect } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import { PrincipalRegistry } from '../../../src/core/supervisor/principals.js';
import type { Principal } from '../../../src/core/supervisor/types.js';
import { capability, rig, thrown, type Rig } from './harness.js';

describe('principals', () => {
  let r: Rig;
  beforeEach(async () => (r = await rig()));
  afterEach(() => r.close());

  it('refuses a principal object the host did not issue, even with an issued principal’s id', async () => {
    const real = r.principals.issue('workflow', 'daily-digest');
    await r.supervisor.grants.add({ principal: real.id, scope: 'memory:read' });
    const memory = capability('memory.search', 'memory:read');
    expect(r.supervisor.decide(real, memory, {}).verdict).to.equal('allow');

    const spoof: Principal = { id: 'workflow:daily-digest', kind: 'workflow', label: 'daily-digest' };
    const error = thrown(() => r.supervisor.decide(spoof, memory, {}));
    expect(isCometError(error, 'principal-not-issued')).to.be.true;
    expect((error as Error).message).to.contain('"workflow:daily-digest"');
    // A structured clone (what crosses postMessage) is a different object, and just as refused.
    expect(
      isCometError(
        thrown(() => r.supervisor.decide(structuredClone(real), memory, {})),
        'principal-not-issued',
      ),
    ).to.be.true;
  });

  it('refuses a principal issued by another registry', () => {
    const other = new PrincipalRegistry().issue('agent', 'helper');
    expect(
      isCometError(
        thrown(() => r.supervisor.decide(other, capability('clock.now'), {})),
        'principal-not-issued',
      ),
    ).to.be.true;
  });

  it('issues frozen principals and never the same id twice', () => {
    const p = r.principals.issue('plugin', 'csv-tools', 'CSV tools');
    expect(Object.isFrozen(p)).to.be.true;
    expect(p).to.deep.equal({ id: 'plugin:csv-tools', kind: 'plugin', label: 'CSV tools' });
    expect(
      isCometError(
        thrown(() => r.principals.issue('plugin', 'csv-tools')),
        'principal-taken',
      ),
    ).to.be.true;
  });

  it('rejects malformed names', () => {
    for (const name of ['', 'has space', 'a:b', '*', '-lead', 'x'.repeat(129)])
      expect(
        isCometError(
          thrown(() => r.principals.issue('agent', name)),
          'principal-invalid',
        ),
        name,
      ).to.be.true;
  });

  it('refuses a revoked principal', () => {
    const probe = r.principals.issue('probe', 'checklist-1');
    r.principals.revoke(probe);
    expect(
      isCometError(
        thrown(() => r.supervisor.decide(probe, capability('clock.now'), {})),
        'principal-not-issued',
      ),
    ).to.be.true;
  });
});
