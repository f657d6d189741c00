/**
 * Probes of what the supervisor stores: the hash-chained audit log and the key vault. Both write only into scratch
 * databases (the audit log is append-only, so a probe must never add to yours), using the same classes as the live
 * services, so a broken or replaced class is caught. Your own log and vault are only read.
 */
import type { AuditLog, AuditRecord } from '../../../core/audit/index.js';
import type { Vault } from '../../../core/vault/index.js';
import type { CometDB } from '../../../db/db.js';
import { expectThat, type Probe } from './probe.js';
import { findSecret, storedCryptoKeys } from './storage-scan.js';

const ENTRIES = 5;
const PLANTED = 3;

/** Your log verifies; a scratch log verifies, and after one entry is edited by hand, verify() names that entry. */
export const auditChainProbe: Probe = {
  id: 'audit-chain',
  title: 'The audit chain verifies and detects a planted alteration',
  about: `Verifies your audit log, then writes ${ENTRIES} entries to a scratch log, edits one by hand and checks that verify() names it.`,
  async run(kit) {
    const live = await kit.services.audit.verify();
    kit.did('Verified your audit log (read only).');
    kit.saw(
      live.ok
        ? `Intact: ${live.count} entries, head ${live.head.hash.slice(0, 12)}…`
        : `Entry ${live.seq} is ${live.problem}: ${live.detail}`,
      live.ok,
    );
    expectThat(
      live.ok,
      `your audit log does not verify: entry ${!live.ok && live.seq} was ${!live.ok && live.problem}`,
    );

    const db = await kit.scratchDatabase();
    const Log = kit.services.audit.constructor as typeof AuditLog;
    const audit = new Log({ db, clock: kit.clock, log: kit.log });
    const records: AuditRecord[] = Array.from({ length: ENTRIES }, (_, i) => ({
      principal: kit.principal.id,
      capability: kit.capability.name,
      runId: kit.runId,
      verdict: 'allow',
      rule: 'probe',
      reason: `Checklist probe entry ${i + 1}`,
      outcome: 'ok',
    }));
    await audit.appendMany(records);
    kit.did(`Wrote ${ENTRIES} entries to a scratch audit log (database ${db.name}, deleted afterwards).`);
    const intact = await audit.verify();
    kit.saw(
      intact.ok ? `The scratch log verifies: ${intact.count} entries.` : 'The scratch log does not verify.',
      intact.ok,
    );
    expectThat(intact.ok && intact.count === ENTRIES, 'a freshly written scratch log does not verify');

    await plantAlteration(db, PLANTED);
    kit.did(`Edited entry ${PLANTED} in IndexedDB by hand, as someone with the browser's developer tools could.`);
    const tampered = await audit.verify();
    kit.saw(
      tampered.ok
        ? 'verify() still says the log is intact.'
        : `verify(): entry ${tampered.seq} ${tampered.problem} — ${tampered.detail}`,
      !tampered.ok,
    );
    expectThat(!tampered.ok, 'verify() did not notice an entry edited by hand');
    expectThat(tampered.seq === PLANTED, `verify() named entry ${tampered.seq}, not the altered entry ${PLANTED}`);
    return `Your log verifies (${live.count} entries); an alteration planted in a scratch log was found at entry ${PLANTED}.`;
  },
};

/** Changes one stored audit entry's reason without fixing its hash. */
async function plantAlteration(db: CometDB, seq: number): Promise<void> {
  const changed = await db.audit.update(seq, { reason: 'Planted by the checklist' });
  expectThat(changed === 1, `the scratch log has no entry ${seq} to alter`);
}

/** Where the probe's scratch key may be sent (a reserved name: nothing is ever sent). */
const PROBE_HOST = 'https://checklist-probe.invalid/*';

/** A secret stored in a scratch vault is nowhere in its database; every stored CryptoKey (yours too) is non-extractable. */
export const vaultProbe: Probe = {
  id: 'vault-sealed',
  title: 'No key is readable in storage',
  about:
    'Stores a known secret in a scratch vault, uses it, then searches every table for it; checks that no stored encryption key, yours included, can be exported.',
  async run(kit) {
    const db = await kit.scratchDatabase();
    const VaultClass = kit.services.vault.constructor as typeof Vault;
    const vault = new VaultClass({ db, clock: kit.clock, log: kit.log });
    const secret = `sk-checklist-${randomHex(24)}`;
    await vault.add({ name: 'checklist-probe', secret, hosts: [PROBE_HOST] });
    kit.did(`Stored a random secret in a scratch vault (database ${db.name}, deleted afterwards).`);
    const authorization = await vault.authorize({
      keyName: 'checklist-probe',
      principal: kit.principal.id,
      capability: kit.capability.name,
      url: 'https://checklist-probe.invalid/v1/check',
    });
    expectThat(authorization.ok, 'the scratch vault would not hand out its key for an allowed host');
    const headers = await authorization.headers();
    expectThat(
      headers.Authorization === `Bearer ${secret}`,
      'the scratch vault did not give back the secret it was given',
    );
    await vault.recordUsage('checklist-probe', { tokens: 1 });
    await Promise.all([vault.list(), vault.usage(), vault.status()]);
    kit.did('Used it: authorized a request, decrypted the header, counted usage, listed keys.');

    const found = await findSecret(db, secret);
    kit.saw(
      found.length ? `The secret is readable in ${found.join(', ')}.` : 'The secret is in no table, in no encoding.',
      !found.length,
    );
    expectThat(!found.length, `the secret is readable in storage: ${found.join(', ')}`);

    const scratchKeys = await storedCryptoKeys(db);
    expectThat(scratchKeys.length > 0, 'the scratch vault stored no encryption key');
    expectThat(
      scratchKeys.every((k) => !k.key.extractable),
      `an encryption key in ${scratchKeys.find((k) => k.key.extractable)?.where} can be exported`,
    );
    kit.saw(`The scratch vault's ${scratchKeys.length} stored key(s) are non-extractable.`);

    const liveDb = kit.liveDb;
    if (!liveDb) return 'A secret stored in a scratch vault is in no table, and its encryption key cannot be exported.';
    const liveKeys = await storedCryptoKeys(liveDb, ['vaultKeys', 'vaultMeta']);
    const exportable = liveKeys.filter((k) => k.key.extractable);
    kit.did('Read your vault’s tables (read only) for encryption keys.');
    kit.saw(
      liveKeys.length
        ? `${liveKeys.length} stored key(s), ${exportable.length} exportable.`
        : 'Your vault has no stored key yet (or it is protected by a passphrase).',
      exportable.length === 0,
    );
    expectThat(!exportable.length, `an encryption key of your vault can be exported (${exportable[0]?.where})`);
    return 'A secret stored in a scratch vault is in no table; no stored encryption key, yours included, can be exported.';
  },
};

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
