import { expect } from '@open-wc/testing';
import { isCometError } from '../../../src/core/errors.js';
import { supervisorServices } from '../../../src/modules/supervisor/supervisor-services.js';
import { createFutureDatabase, deleteDatabase, testPlatform, uniqueName } from '../../ui/helpers.js';
import { askForClock, servicesFixture } from './services-fixture.js';

describe('supervisorServices', () => {
  it('creates the services once per platform, with the built-ins and the user principal', async () => {
    const f = await servicesFixture();
    try {
      expect(await supervisorServices(f.platform)).to.equal(f.services);
      expect(await f.platform.supervisor()).to.equal(f.services, 'platform.supervisor() gives the same services');
      expect(f.services.user).to.include({ id: 'module:console', label: 'You (this browser)' });
      expect(f.services.principals.isIssued(f.services.user)).to.be.true;
      expect(f.services.capabilities.list().map((c) => c.name)).to.include.members([
        'clock.now',
        'http.request',
        'kv.get',
        'kv.set',
        'log.write',
      ]);
    } finally {
      await f.close();
    }
  });

  it('runs a granted call through the supervisor and audits it', async () => {
    const f = await servicesFixture();
    try {
      const output = (await f.services.host.invoke(f.agent, 'clock.now', {})) as { epochMs: number };
      expect(output.epochMs).to.equal(f.clock.now());
      const [outcome] = await f.services.audit.query({ limit: 1 });
      expect(outcome).to.include({ principal: f.agent.id, capability: 'clock.now', outcome: 'ok' });
    } finally {
      await f.close();
    }
  });

  it('loads the earlier history from the audit log, so limits hold after a reload', async () => {
    const f = await servicesFixture();
    try {
      await f.services.supervisor.policies.put({
        id: 'twice-an-hour',
        mode: 'enforce',
        capability: 'clock.now',
        rule: { kind: 'count', max: 2, windowMs: 3_600_000 },
      });
      await f.services.host.invoke(f.agent, 'clock.now', {});
      await f.services.host.invoke(f.agent, 'clock.now', {});
      // A second page on the same database: a reload.
      const again = testPlatform({ dbName: f.platform.dbName });
      await again.ready;
      const services = await supervisorServices(again, { clock: f.clock });
      const agent = services.principals.issue('agent', 'researcher');
      const decision = services.supervisor.decide(
        agent,
        { name: 'clock.now', requiredScopes: () => ['clock:read'] },
        {},
      );
      expect(decision.verdict).to.equal('deny');
      expect(decision.rule).to.equal('policy:twice-an-hour');
      services.dispose();
      again.dispose();
      await again.ready;
    } finally {
      await f.close();
    }
  });

  it('rejects with supervisor-unavailable, carrying the database error, when the database cannot open', async () => {
    const dbName = uniqueName('comet-db');
    await createFutureDatabase(dbName);
    const platform = testPlatform({ dbName });
    try {
      const error = await supervisorServices(platform).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isCometError(error, 'supervisor-unavailable')).to.be.true;
      const details = (error as { details: { database?: { code: string } } }).details;
      expect(details.database?.code).to.equal('storage-future-version');
      expect((error as Error).message).to.contain('no agent action is allowed');
    } finally {
      platform.dispose();
      await platform.ready;
      await deleteDatabase(dbName);
    }
  });

  it('publishes pending approvals on the platform bus, where the shell picks them up', async () => {
    const f = await servicesFixture();
    try {
      await askForClock(f.services);
      const seen = new Promise<number>((resolve) => {
        const stop = f.platform.bus.subscribe('supervisor.approvals.pending', ({ pending }) => {
          if (!pending.length) return;
          stop();
          resolve(pending.length);
        });
      });
      const call = f.services.host.invoke(f.agent, 'clock.now', {}).catch((e: unknown) => e);
      expect(await seen).to.equal(1);
      const [prompt] = f.services.supervisor.approvals.pending();
      f.services.supervisor.approvals.answer(prompt.id, 'deny');
      expect(isCometError(await call, 'capability-denied')).to.be.true;
    } finally {
      await f.close();
    }
  });
});
