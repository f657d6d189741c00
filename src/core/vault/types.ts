/**
 * The key vault's vocabulary: a stored key (metadata in clear, the secret encrypted), what callers may see of it,
 * and the answer to "may this call use this key".
 */

/** Calls and tokens counted for a key (tokens where a response reported them). */
export interface KeyUsage {
  calls: number;
  tokens: number;
}

/** A secret encrypted with AES-GCM under the vault's data key. */
export interface EncryptedSecret {
  /** The data key it was encrypted under (changes when a passphrase is set, changed or removed). */
  keyId: string;
  /** The random 96-bit nonce of this encryption. */
  iv: Uint8Array;
  /** Ciphertext with its authentication tag. */
  data: ArrayBuffer;
}

/** Where and by whom a key may be used. */
export interface KeyScope {
  /** URL patterns the key may be sent to, e.g. 'https://api.openai.com/*', 'https://*.example.com/v1/*'. */
  hosts: string[];
  /** Principal id globs that may use it, e.g. 'agent:*'; null: any principal the supervisor lets through. */
  principals: string[] | null;
  /** Capability name globs that may send it; null: any. */
  capabilities: string[] | null;
  /** Epoch ms before which the key may not be used; null: no start. */
  validFrom: number | null;
  /** Epoch ms from which the key may no longer be used; null: no end. */
  validUntil: number | null;
  /** The header that carries it, with {key} where the secret goes: 'Authorization: Bearer {key}', 'x-api-key: {key}'. */
  header: string;
}

/** A key as stored in the vaultKeys table. */
export interface VaultKeyRecord extends KeyScope {
  id: string;
  /** Unique; what http.request names and `keys:use:<name>` grants refer to. */
  name: string;
  /** The last four characters of a long secret, to tell keys apart ('' for short secrets). */
  hint: string;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number | null;
  usage: KeyUsage & {
    /** Per UTC day ('2025-03-30'), the most recent days only. */
    daily: Record<string, KeyUsage>;
  };
  secret: EncryptedSecret;
}

/** What anyone may see of a key: everything but the secret. */
export type VaultKeyInfo = Omit<VaultKeyRecord, 'secret'>;

/** A new key. */
export interface NewVaultKey extends Partial<Omit<KeyScope, 'hosts'>> {
  name: string;
  secret: string;
  hosts: string[];
}

/** A change to a key: any of its fields, and a new secret. */
export type VaultKeyPatch = Partial<NewVaultKey>;

/** A request to use a key. */
export interface AuthorizeRequest {
  keyName: string;
  principal: string;
  capability: string;
  /** The URL the request goes to. */
  url: string;
  /** Epoch ms; defaults to the vault's clock. */
  now?: number;
}

/** Why a key may not be used. */
export type AuthorizeDenial =
  'unknown-key' | 'locked' | 'host' | 'principal' | 'capability' | 'not-yet-valid' | 'expired';

/** The vault's answer: the header to add (decrypted only when asked for), or why not. */
export type Authorization =
  | { ok: true; keyName: string; headers(): Promise<Record<string, string>> }
  | { ok: false; code: AuthorizeDenial; reason: string };

/** The vault's state: 'unlocked' (usable), or 'locked' behind a passphrase. */
export interface VaultStatus {
  state: 'unlocked' | 'locked';
  /** Whether a passphrase protects the data key. */
  passphrase: boolean;
  keys: number;
}

/** One row of the usage dashboard. */
export interface KeyUsageReport extends KeyUsage {
  name: string;
  lastUsedAt: number | null;
  daily: Record<string, KeyUsage>;
}
