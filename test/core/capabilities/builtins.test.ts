import { expect } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import { hostRig, rejection, type HostRig } from './rig.js';

describe('built-in capabilities', () => {
  let r: HostRig;
  beforeEach(async () => {
    r = await hostRig(Date.UTC(2026, 0, 5, 12, 30));
  });
  afterEach(() => r.close());

  it('registers clock.now, log.write, kv.get, kv.set, http.request, the data.* steps, wait and condition', () => {
    expect(r.registry.list().map((c) => c.name)).to.deep.equal([
      'clock.now',
      'condition',
      'data.csv.parse',
      'data.csv.stringify',
      'data.filter',
      'data.json.parse',
      'data.json.stringify',
      'data.map',
      'data.pick',
      'data.query',
      'data.template',
      'http.request',
      'kv.get',
      'kv.set',
      'log.write',
      'wait',
    ]);
  });

  it('clock.now reads the injected clock', async () => {
    await r.grant('clock:read');
    const now = (await r.host.invoke(r.agent, 'clock.now', {})) as { epochMs: number; iso: string; timeZone: string };
    expect(now.epochMs).to.equal(Date.UTC(2026, 0, 5, 12, 30));
    expect(now.iso).to.equal('2026-01-05T12:30:00.000Z');
    expect(now.timeZone).to.be.a('string').and.not.empty;
  });

  it('log.write writes to the platform log with the calling principal as the source', async () => {
    await r.grant('log:write');
    await r.host.invoke(r.agent, 'log.write', { level: 'info', message: 'disk almost full', data: { free: 3 } });
    const last = r.log.entries().filter((e) => e.message === 'disk almost full');
    expect(last).to.have.length(1);
    expect(last[0]).to.include({ level: 'info', source: 'agent:tester' });
    expect(last[0].data).to.deep.equal({ free: 3 });
  });

  it('kv.set and kv.get keep each principal’s values apart', async () => {
    const other = r.principals.issue('workflow', 'other');
    for (const p of [r.agent.id, other.id])
      for (const scope of ['kv:read', 'kv:write']) await r.supervisor.grants.add({ principal: p, scope });
    await r.host.invoke(r.agent, 'kv.set', { key: 'color', value: { name: 'teal', rgb: [0, 128, 128] } });
    expect(await r.host.invoke(r.agent, 'kv.get', { key: 'color' })).to.deep.equal({
      found: true,
      value: { name: 'teal', rgb: [0, 128, 128] },
      updatedAt: r.clock.now(),
    });
    expect(await r.host.invoke(other, 'kv.get', { key: 'color' })).to.deep.equal({ found: false });
  });

  it('kv.set refuses values that are not JSON, and values over the size cap, saying why', async () => {
    await r.grant('kv:write');
    const nan = await rejection(r.host.invoke(r.agent, 'kv.set', { key: 'n', value: { x: [1, NaN] } }));
    expect(isCometError(nan, 'kv-invalid-value')).to.be.true;
    expect((nan as Error).message).to.contain('the value.x[1] is NaN; values must be JSON');
    const date = await rejection(r.host.invoke(r.agent, 'kv.set', { key: 'd', value: new Date(0) }));
    expect((date as Error).message).to.contain('is a Date, not a plain object');
    const big = await rejection(r.host.invoke(r.agent, 'kv.set', { key: 'big', value: 'x'.repeat(70_000) }));
    expect(isCometError(big, 'kv-invalid-value')).to.be.true;
    expect((big as Error).message).to.contain('70002 bytes as JSON, and a value may be at most 65536');
    expect(await r.db.kv.count()).to.equal(0);
  });

  it('kv.set caps what one principal stores in all', async () => {
    await r.grant('kv:write');
    const chunk = 'x'.repeat(60_000);
    for (let i = 0; i < 87; i++) await r.host.invoke(r.agent, 'kv.set', { key: `k${i}`, value: chunk });
    const error = await rejection(r.host.invoke(r.agent, 'kv.set', { key: 'one-more', value: chunk }));
    expect((error as Error).message).to.contain('may store at most 5242880 in all');
    // Replacing a value counts its new size, not both.
    await r.host.invoke(r.agent, 'kv.set', { key: 'k0', value: chunk });
  });
});
