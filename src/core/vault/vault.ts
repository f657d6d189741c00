/**
 * The API key vault. Keys are stored encrypted (crypto.ts) with their scope in clear; nothing outside this class
 * sees a secret except the host's http.request, through authorize(…).headers(), which it adds to the request
 * itself. Plugins, workflows and agents only ever name a key.
 */
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { CometError, errorMessage } from '../errors.js';
import { newId } from '../ids.js';
import { log as defaultLog, type Logger } from '../log.js';
import type { CometDB } from '../../db/db.js';
import {
  createWrappedKey,
  decryptSecret,
  encryptSecret,
  generateDataKey,
  unwrapKey,
  type WrappedKey,
} from './crypto.js';
import { scopeDenial } from './key-scope.js';
import type {
  Authorization,
  AuthorizeRequest,
  KeyUsageReport,
  NewVaultKey,
  VaultKeyInfo,
  VaultKeyPatch,
  VaultKeyRecord,
  VaultStatus,
} from './types.js';
import { addDaily, utcDay } from './usage.js';
import { checkName, checkPassphrase, checkScope, checkSecret, parseHeader } from './validate.js';

/** The vaultMeta row that holds the data key. */
export const DATA_KEY_ROW = 'dataKey';
/** The vaultMeta row counting changes to keys, so every tab knows when its copy of the secrets is out of date. */
const VERSION_ROW = 'version';

/** The data key as stored: the CryptoKey itself (non-extractable), or wrapped under a passphrase. */
type StoredDataKey =
  { keyId: string; kind: 'plain'; key: CryptoKey } | { keyId: string; kind: 'passphrase'; wrapped: WrappedKey };

/** The data key in use. */
interface ActiveKey {
  keyId: string;
  key: CryptoKey;
}

/** What the vault needs. */
export interface VaultOptions {
  db: CometDB;
  clock?: Clock;
  log?: Logger;
}

/** Thrown inside a write transaction when another tab changed the data key since it was read. */
class StaleKey extends Error {}

/** The key vault of one database. */
export class Vault {
  readonly #db: CometDB;
  readonly #clock: Clock;
  readonly #log: Logger;
  /** The unwrapped data key: memory only. */
  #active: ActiveKey | undefined;
  /** Decrypted secrets by record id and IV, for redaction: memory only, dropped by lock(). */
  readonly #known = new Map<string, string>();
  /** The change count at which #known held every stored secret. */
  #knownAt: number | undefined;
  /** Changes run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: VaultOptions) {
    this.#db = options.db;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? defaultLog;
  }

  /** Whether the vault is usable, whether a passphrase protects it, and how many keys it holds. */
  async status(): Promise<VaultStatus> {
    const stored = await this.#stored();
    const keys = await this.#db.vaultKeys.count();
    const locked = stored?.kind === 'passphrase' && this.#active?.keyId !== stored.keyId;
    return { state: locked ? 'locked' : 'unlocked', passphrase: stored?.kind === 'passphrase', keys };
  }

  /** Opens a passphrase-locked vault for this page; 'vault-wrong-passphrase' when it does not fit. */
  async unlock(passphrase: string): Promise<void> {
    const stored = await this.#stored();
    if (stored?.kind !== 'passphrase') return;
    this.#active = { keyId: stored.keyId, key: await unwrapKey(passphrase, stored.wrapped) };
    this.#log.info('vault', 'The key vault was unlocked.');
  }

  /** Forgets the unwrapped key and every decrypted secret; a passphrase-locked vault needs unlock() again. */
  lock(): void {
    this.#active = undefined;
    this.#known.clear();
    this.#knownAt = undefined;
  }

  /**
   * Protects the vault with `passphrase`, changes it, or (null) removes it. The data key is replaced and every
   * secret re-encrypted in one transaction. The vault must be unlocked.
   */
  setPassphrase(passphrase: string | null): Promise<void> {
    return this.#exclusive(async () => {
      if (passphrase !== null) checkPassphrase(passphrase);
      const current = await this.#key(true);
      const records = await this.#db.vaultKeys.toArray();
      const secrets = await Promise.all(records.map((record) => this.#decrypt(current, record)));
      const keyId = newId();
      let stored: StoredDataKey;
      let key: CryptoKey;
      if (passphrase === null) {
        key = await generateDataKey(false);
        stored = { keyId, kind: 'plain', key };
      } else {
        const created = await createWrappedKey(passphrase);
        key = created.key;
        stored = { keyId, kind: 'passphrase', wrapped: created.wrapped };
      }
      const updated = await Promise.all(
        records.map(async (record, i) => ({
          ...record,
          secret: await encryptSecret(key, keyId, record.id, secrets[i]),
        })),
      );
      await this.#writeChecked(current.keyId, async () => {
        if ((await this.#db.vaultKeys.count()) !== records.length) throw new StaleKey();
        await this.#db.vaultKeys.bulkPut(updated);
        await this.#db.vaultMeta.put({ key: DATA_KEY_ROW, value: stored });
      });
      this.#active = { keyId, key };
      this.#log.info(
        'vault',
        passphrase === null ? 'The vault passphrase was removed.' : 'The vault passphrase was set.',
      );
    });
  }

  /** Stores a new key; 'vault-key-exists' when the name is taken. Returns what may be shown of it. */
  add(input: NewVaultKey): Promise<VaultKeyInfo> {
    return this.#exclusive(async () => {
      const name = checkName(input.name);
      const secret = checkSecret(input.secret);
      const scope = checkScope(input);
      if (await this.#db.vaultKeys.where('name').equals(name).count())
        throw new CometError('vault-key-exists', { name });
      const key = await this.#key(true);
      const id = newId();
      const now = this.#clock.now();
      const record: VaultKeyRecord = {
        id,
        name,
        ...scope,
        hint: hintOf(secret),
        createdAt: now,
        updatedAt: now,
        lastUsedAt: null,
        usage: { calls: 0, tokens: 0, daily: {} },
        secret: await encryptSecret(key.key, key.keyId, id, secret),
      };
      await this.#writeChecked(key.keyId, () => this.#db.vaultKeys.add(record));
      this.#remember(record, secret);
      this.#log.info('vault', `Added the key "${name}".`);
      return infoOf(record);
    });
  }

  /** Changes a key's name, scope or secret; 'vault-unknown-key' when there is none by that name. */
  update(name: string, patch: VaultKeyPatch): Promise<VaultKeyInfo> {
    return this.#exclusive(async () => {
      const record = await this.#record(name);
      const newName = patch.name === undefined ? record.name : checkName(patch.name);
      if (newName !== record.name && (await this.#db.vaultKeys.where('name').equals(newName).count())) {
        throw new CometError('vault-key-exists', { name: newName });
      }
      const { secret: _secret, ...current } = record;
      const scope = checkScope({ ...current, ...definedOnly(patch) });
      const updated: VaultKeyRecord = { ...record, ...scope, name: newName, updatedAt: this.#clock.now() };
      let secret: string | undefined;
      if (patch.secret !== undefined) {
        secret = checkSecret(patch.secret);
        const key = await this.#key(true);
        updated.hint = hintOf(secret);
        updated.secret = await encryptSecret(key.key, key.keyId, record.id, secret);
      }
      await this.#writeChecked(updated.secret.keyId, () => this.#db.vaultKeys.put(updated));
      if (secret !== undefined) this.#remember(updated, secret);
      return infoOf(updated);
    });
  }

  /** Deletes a key; 'vault-unknown-key' when there is none by that name. */
  remove(name: string): Promise<void> {
    return this.#exclusive(async () => {
      const record = await this.#record(name);
      await this.#db.transaction('rw', this.#db.vaultKeys, this.#db.vaultMeta, async () => {
        await this.#db.vaultKeys.delete(record.id);
        await this.#bumpVersion();
      });
      this.#log.info('vault', `Removed the key "${name}".`);
    });
  }

  /** Every key, by name: metadata, scope and usage; never a secret. */
  async list(): Promise<VaultKeyInfo[]> {
    const records = await this.#db.vaultKeys.orderBy('name').toArray();
    return records.map(infoOf);
  }

  /**
   * May `principal`, calling `capability`, send key `keyName` to `url` at `now`? For the host's http.request only:
   * on ok, headers() decrypts the key into the header to add to that one request.
   */
  async authorize(request: AuthorizeRequest): Promise<Authorization> {
    const { keyName } = request;
    const now = request.now ?? this.#clock.now();
    const record = await this.#db.vaultKeys.where('name').equals(String(keyName)).first();
    if (!record) return { ok: false, code: 'unknown-key', reason: `The vault has no key named "${keyName}".` };
    const denied = scopeDenial(record, request, now);
    if (denied) return denied;
    const stored = await this.#stored();
    if (stored?.kind === 'passphrase' && this.#active?.keyId !== stored.keyId) {
      return { ok: false, code: 'locked', reason: 'The key vault is locked; unlock it in Settings.' };
    }
    const { name, value } = parseHeader(record.header);
    return {
      ok: true,
      keyName: record.name,
      headers: async () => {
        // Read again: the key may have been removed, or re-encrypted under a new passphrase, since authorize().
        const current = await this.#db.vaultKeys.get(record.id);
        if (!current) throw new CometError('vault-unknown-key', { name: record.name });
        const secret = await this.#decrypt(await this.#key(false), current);
        return { [name]: value.split('{key}').join(secret) };
      },
    };
  }

  /** Counts one call of key `keyName`, with the tokens its response reported. */
  async recordUsage(keyName: string, report: { tokens?: number } = {}): Promise<void> {
    const tokens = typeof report.tokens === 'number' && Number.isFinite(report.tokens) ? Math.max(0, report.tokens) : 0;
    const now = this.#clock.now();
    const changed = await this.#db.vaultKeys
      .where('name')
      .equals(keyName)
      .modify((record) => {
        record.usage = {
          calls: record.usage.calls + 1,
          tokens: record.usage.tokens + tokens,
          daily: addDaily(record.usage.daily, utcDay(now), tokens),
        };
        record.lastUsedAt = now;
      });
    if (changed === 0) throw new CometError('vault-unknown-key', { name: keyName });
  }

  /** Calls and tokens per key, for the monitoring dashboard. */
  async usage(): Promise<KeyUsageReport[]> {
    const records = await this.#db.vaultKeys.orderBy('name').toArray();
    return records.map(({ name, usage, lastUsedAt }) => ({
      name,
      calls: usage.calls,
      tokens: usage.tokens,
      lastUsedAt,
      daily: usage.daily,
    }));
  }

  /**
   * Every secret this page can know, for redact(): all of them while the vault is unlocked, the ones already
   * decrypted while it is locked. Memory only.
   */
  async redactionSecrets(): Promise<string[]> {
    // Asked before every audit write: one read of the change count when nothing changed.
    const version = await this.#version();
    if (this.#knownAt === version) return [...new Set(this.#known.values())];
    const active = await this.#key(false).catch((error: unknown) => {
      if (error instanceof CometError && error.code === 'vault-locked') return undefined;
      throw error;
    });
    if (active) {
      let complete = true;
      for (const record of await this.#db.vaultKeys.toArray()) {
        if (this.#known.has(knownKey(record))) continue;
        try {
          this.#remember(record, await this.#decrypt(active, record));
        } catch (error) {
          // A key that cannot be decrypted here cannot leak from here either; say so, and go on with the others.
          this.#log.warn('vault', errorMessage(error));
          complete = false;
        }
      }
      if (complete) this.#knownAt = version;
    }
    return [...new Set(this.#known.values())];
  }

  /** How many changes the keys have seen (in any tab). */
  async #version(): Promise<number> {
    const value = (await this.#db.vaultMeta.get(VERSION_ROW))?.value;
    return typeof value === 'number' ? value : 0;
  }

  /** Counts a change to the keys; inside the transaction that makes it. */
  async #bumpVersion(): Promise<void> {
    await this.#db.vaultMeta.put({ key: VERSION_ROW, value: (await this.#version()) + 1 });
  }

  /** The stored data key row, if the vault has one. */
  async #stored(): Promise<StoredDataKey | undefined> {
    return (await this.#db.vaultMeta.get(DATA_KEY_ROW))?.value as StoredDataKey | undefined;
  }

  /** The data key to use now: created on first need (`create`), 'vault-locked' behind a passphrase not yet given. */
  async #key(create: boolean): Promise<ActiveKey> {
    const stored = await this.#stored();
    if (!stored) {
      if (!create) throw new CometError('vault-locked');
      const created: StoredDataKey = { keyId: newId(), kind: 'plain', key: await generateDataKey(false) };
      // add, not put: if another tab created a key meanwhile, that one wins and this one is dropped.
      await this.#db.vaultMeta.add({ key: DATA_KEY_ROW, value: created }).catch((error: unknown) => {
        if ((error as { name?: unknown }).name !== 'ConstraintError') throw error;
      });
      return this.#key(false);
    }
    if (this.#active?.keyId === stored.keyId) return this.#active;
    if (stored.kind === 'passphrase') throw new CometError('vault-locked');
    this.#active = { keyId: stored.keyId, key: stored.key };
    return this.#active;
  }

  /** Decrypts a record's secret; 'vault-unreadable' when it fails authentication or was made with another key. */
  async #decrypt(active: ActiveKey, record: VaultKeyRecord): Promise<string> {
    if (record.secret.keyId !== active.keyId) {
      throw new CometError('vault-unreadable', {
        name: record.name,
        reason: 'it was encrypted with a data key that was replaced',
      });
    }
    try {
      const secret = await decryptSecret(active.key, record.id, record.secret);
      this.#remember(record, secret);
      return secret;
    } catch (error) {
      throw new CometError(
        'vault-unreadable',
        { name: record.name, reason: 'its ciphertext failed authentication' },
        { cause: error },
      );
    }
  }

  /** The record named `name`; 'vault-unknown-key' when there is none. */
  async #record(name: string): Promise<VaultKeyRecord> {
    const record = await this.#db.vaultKeys.where('name').equals(name).first();
    if (!record) throw new CometError('vault-unknown-key', { name });
    return record;
  }

  #remember(record: VaultKeyRecord, secret: string): void {
    this.#known.set(knownKey(record), secret);
  }

  /** Runs `write` in a transaction that first checks the data key is still `keyId` (another tab may have replaced it). */
  async #writeChecked(keyId: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await this.#db.transaction('rw', this.#db.vaultKeys, this.#db.vaultMeta, async () => {
        if ((await this.#stored())?.keyId !== keyId) throw new StaleKey();
        await write();
        await this.#bumpVersion();
      });
    } catch (error) {
      if (error instanceof StaleKey) {
        this.#active = undefined;
        throw new CometError('storage-failed', {
          action: 'Saving',
          what: 'the key',
          reason: 'another tab changed the vault at the same time; try again',
        });
      }
      if ((error as { name?: unknown }).name === 'ConstraintError')
        throw new CometError('vault-key-exists', { name: 'this name' }, { cause: error });
      throw error;
    }
  }

  /** Runs changes one after another in this page. */
  #exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(change, change);
    // The caller gets the failure through `run`; the queue itself only waits for it to settle.
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}

/** The last four characters of a long secret (enough to tell keys apart, too few to matter); '' otherwise. */
function hintOf(secret: string): string {
  return secret.length >= 20 ? secret.slice(-4) : '';
}

/** A key's metadata without its secret. */
function infoOf(record: VaultKeyRecord): VaultKeyInfo {
  const { secret: _secret, ...info } = record;
  return structuredClone(info);
}

/** Identifies one encryption of one record's secret. */
function knownKey(record: VaultKeyRecord): string {
  return `${record.id}:${Array.from(new Uint8Array(record.secret.iv)).join('.')}`;
}

/** The fields of a patch that are set. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
