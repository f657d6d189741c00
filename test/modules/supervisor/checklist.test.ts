import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { AuditLog, type VerifyResult } from '../../../src/core/audit/index.js';
import { Vault, type NewVaultKey, type VaultKeyInfo, type VaultOptions } from '../../../src/core/vault/index.js';
import type { CometDB } from '../../../src/db/db.js';
import { PROBES, removeLeftovers, runChecklist, runProbe } from '../../../src/modules/supervisor/checklist/probes.js';
import { supervisorServices, type SupervisorServices } from '../../../src/modules/supervisor/supervisor-services.js';
import type { Platform } from '../../../src/ui/platform.js';
import '../../../src/modules/supervisor/comet-supervisor-checklist.js';
import { deleteDatabase, setUpTheme, testPlatform } from '../../ui/helpers.js';

const probe = (id: string) => PROBES.find((p) => p.id === id)!;

/** Everything of the user's that the checklist must leave as it was. */
async function userData(services: SupervisorServices, db: CometDB) {
  const { supervisor, audit, vault } = services;
  const keys = (await vault.list()).map(({ id, name, usage, lastUsedAt }: VaultKeyInfo) => ({
    id,
    name,
    usage,
    lastUsedAt,
  }));
  return {
    grants: supervisor.grants.list(),
    grantRows: await db.grants.toArray(),
    policies: [...supervisor.policies.list()],
    policyRows: await db.policies.toArray(),
    rateBuckets: await db.rateBuckets.toArray(),
    auditCount: await audit.count(),
    auditHead: await audit.head(),
    keys,
    pendingApprovals: supervisor.approvals.pending(),
    principals: services.principals.list().map((p) => p.id),
    databases: (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('comet-checklist')),
  };
}

describe('supervisor checklist probes', () => {
  let platform: Platform;
  let services: SupervisorServices;
  let db: CometDB;

  beforeEach(async () => {
    platform = testPlatform();
    await platform.ready;
    db = platform.db!;
    services = await supervisorServices(platform);
    // The user's own data: a grant, a policy, audited calls and a key.
    await services.supervisor.grants.add({ principal: 'agent:*', scope: 'net:https://api.example.com/*' });
    await services.supervisor.policies.put({
      id: 'agents-hourly',
      mode: 'enforce',
      principal: 'agent:*',
      capability: 'http.request',
      rule: { kind: 'count', max: 20, windowMs: 3_600_000, groupBy: ['host'] },
    });
    await services.vault.add({
      name: 'openai',
      secret: 'sk-user-secret-0123456789',
      hosts: ['https://api.openai.com/*'],
    });
    await services.supervisor.grants.add({ principal: services.user.id, scope: 'clock:read' });
    await services.host.invoke(services.user, 'clock.now', {});
  });

  afterEach(async () => {
    services.dispose();
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  it('passes every probe on a healthy platform and leaves grants, policies, audit log and vault as they were', async () => {
    const before = await userData(services, db);
    const seen: string[] = [];
    const results = await runChecklist(services, { liveDb: db, onResult: (r) => seen.push(r.id) });

    for (const result of results) expect(result.status, `${result.title}: ${result.summary}`).to.equal('pass');
    expect(seen).to.deep.equal(PROBES.map((p) => p.id));
    expect(await userData(services, db)).to.deep.equal(before);
    expect((await services.audit.verify()).ok).to.equal(true);
  });

  it('passes again when run twice in a row (probes never step back behind the time they showed the supervisor)', async () => {
    await runChecklist(services, { liveDb: db });
    const again = await runChecklist(services, { liveDb: db });
    for (const result of again) expect(result.status, `${result.title}: ${result.summary}`).to.equal('pass');
  });

  it('fails the default-deny probe when a grant hands the probe’s scope to every principal', async () => {
    await services.supervisor.grants.add({ principal: '*', scope: 'plugin:call:*' });
    const result = await runProbe(services, probe('default-deny'));
    expect(result.status).to.equal('fail');
    expect(result.summary).to.contain('A principal with no grant was answered "allow"');
  });

  it('fails the expired-grant probe when the grant store ignores the end of a grant', async () => {
    const { grants } = services.supervisor;
    const add = grants.add.bind(grants);
    grants.add = (input) => add({ ...input, validUntil: undefined });
    const result = await runProbe(services, probe('expired-grant'));
    expect(result.status).to.equal('fail');
    expect(result.summary).to.contain('still applied after it expired');
  });

  it('fails the audit probe when verify() is replaced by one that always says the log is intact', async () => {
    class BlindAuditLog extends AuditLog {
      override async verify(): Promise<VerifyResult> {
        return { ok: true, count: await this.count(), head: await this.head() };
      }
    }
    const blind = { ...services, audit: new BlindAuditLog({ db }) };
    const result = await runProbe(blind, probe('audit-chain'));
    expect(result.status).to.equal('fail');
    expect(result.summary).to.equal('Verify() did not notice an entry edited by hand');
    const scratch = (await indexedDB.databases()).filter((d) => d.name?.startsWith('comet-checklist'));
    expect(scratch, 'scratch databases left behind').to.deep.equal([]);
  });

  it('fails the vault probe when a vault also keeps the secret in plain text', async () => {
    class LeakyVault extends Vault {
      readonly #db: CometDB;
      constructor(options: VaultOptions) {
        super(options);
        this.#db = options.db;
      }
      override async add(input: NewVaultKey): Promise<VaultKeyInfo> {
        const info = await super.add(input);
        await this.#db.meta.put({ key: `debug:${input.name}`, value: { lastAdded: input.secret } });
        return info;
      }
    }
    const leaky = { ...services, vault: new LeakyVault({ db }) };
    const result = await runProbe(leaky, probe('vault-sealed'), { liveDb: db });
    expect(result.status).to.equal('fail');
    expect(result.summary).to.match(/readable in storage: meta\[\d+\]\.value\.lastAdded/);
  });

  it('does not run the sliding-window probe when a policy of the user counts every principal’s calls', async () => {
    await services.supervisor.policies.put({
      id: 'everything-hourly',
      mode: 'enforce',
      rule: { kind: 'count', max: 1000, windowMs: 3_600_000 },
    });
    const before = await userData(services, db);
    const result = await runProbe(services, probe('sliding-window'));
    expect(result.status).to.equal('not-run');
    expect(result.summary).to.contain('everything-hourly');
    expect(await userData(services, db)).to.deep.equal(before);
  });

  it('cleans up after a probe that failed half-way', async () => {
    const before = await userData(services, db);
    const broken = { ...probe('sliding-window'), id: 'broken' };
    broken.run = async (kit) => {
      await kit.grant();
      await kit.policy('count', 'enforce', { kind: 'count', max: 1, windowMs: 1000 });
      throw new Error('the probe crashed');
    };
    const result = await runProbe(services, broken);
    expect(result.status).to.equal('fail');
    expect(result.summary).to.equal('The probe stopped with an error: the probe crashed');
    expect(await userData(services, db)).to.deep.equal(before);
  });

  it('shows every probe passing after "Run all", with what each did and when it ran', async () => {
    setUpTheme();
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}
        ><comet-supervisor-checklist .services=${services}></comet-supervisor-checklist
      ></comet-test-provider>`,
    );
    const el = provider.querySelector('comet-supervisor-checklist')!;
    await el.updateComplete;
    const runAll = [...el.shadowRoot!.querySelectorAll('wa-button')].find((b) => b.textContent?.includes('Run all'))!;
    runAll.click();
    await waitUntil(() => el.results.size === PROBES.length && !el.progress, 'the checklist never finished');
    await el.updateComplete;

    const root = el.shadowRoot!;
    expect(root.querySelector('.summary')!.textContent.replace(/\s+/g, ' ')).to.contain(
      `${PROBES.length} of ${PROBES.length} passed`,
    );
    expect(root.querySelectorAll('.probe.pass')).to.have.length(PROBES.length);
    expect(root.querySelector('.probe details ol.steps')!.textContent).to.contain('Did');
    await expect(el).to.be.accessible();
  });

  it('removes what an interrupted run left behind, and nothing else', async () => {
    await services.supervisor.grants.add({
      principal: 'probe:checklist-gone-1',
      scope: 'plugin:call:checklist-probe-1',
      source: 'probe',
    });
    await services.supervisor.policies.put({
      id: 'checklist-probe-1-count',
      mode: 'enforce',
      principal: 'probe:checklist-gone-1',
      rule: { kind: 'count', max: 1, windowMs: 1000 },
    });
    expect(await removeLeftovers(services)).to.equal(2);
    expect(services.supervisor.grants.list().map((g) => g.principal)).to.deep.equal(['agent:*', 'module:console']);
    expect(services.supervisor.policies.list().map((p) => p.id)).to.deep.equal(['agents-hourly']);
  });
});
