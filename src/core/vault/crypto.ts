/**
 * The vault's cryptography, all WebCrypto: secrets are encrypted with AES-GCM-256 (a fresh random 96-bit IV each
 * time, the record's id as additional data so a ciphertext cannot be moved to another record) under a data key that
 * is never extractable. With a passphrase, the data key is stored wrapped (AES-KW) under a key derived from the
 * passphrase by PBKDF2-SHA-256; unwrapped, it lives in memory only, again non-extractable.
 */
import { CometError } from '../errors.js';
import type { EncryptedSecret } from './types.js';

/** PBKDF2 iterations for a passphrase (OWASP's 2023 figure for PBKDF2-HMAC-SHA-256). */
export const PBKDF2_ITERATIONS = 600_000;

/** A data key stored under a passphrase. */
export interface WrappedKey {
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  salt: Uint8Array;
  wrap: 'AES-KW';
  wrapped: ArrayBuffer;
}

const DATA_KEY_ALGORITHM: AesKeyGenParams = { name: 'AES-GCM', length: 256 };
const DATA_KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** `length` cryptographically random bytes. */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A new AES-GCM-256 data key; extractable only for the moment it takes to wrap it. */
export function generateDataKey(extractable = false): Promise<CryptoKey> {
  return crypto.subtle.generateKey(DATA_KEY_ALGORITHM, extractable, DATA_KEY_USAGES);
}

/** The additional authenticated data that binds a ciphertext to its record. */
const aad = (recordId: string) => encoder.encode(`comet-vault/v1/${recordId}`);

/** Encrypts `secret` for record `recordId`. */
export async function encryptSecret(
  key: CryptoKey,
  keyId: string,
  recordId: string,
  secret: string,
): Promise<EncryptedSecret> {
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: aad(recordId) },
    key,
    encoder.encode(secret),
  );
  return { keyId, iv, data };
}

/** Decrypts a secret of record `recordId`; throws the DOMException of a ciphertext that fails authentication. */
export async function decryptSecret(key: CryptoKey, recordId: string, encrypted: EncryptedSecret): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: new Uint8Array(encrypted.iv), additionalData: aad(recordId) },
    key,
    encrypted.data,
  );
  return decoder.decode(plain);
}

/** The AES-KW key a passphrase derives with this salt. */
async function wrappingKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  // NFC, so that the same passphrase typed on another keyboard or OS gives the same bytes.
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** A new data key under `passphrase`: the wrapped form to store, and the non-extractable key to keep in memory. */
export async function createWrappedKey(passphrase: string): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
  const salt = randomBytes(16);
  const kek = await wrappingKey(passphrase, salt, PBKDF2_ITERATIONS);
  // The extractable copy exists only inside this function, to be wrapped; what is kept is unwrapped as non-extractable.
  const exportable = await generateDataKey(true);
  const wrapped: WrappedKey = {
    kdf: 'PBKDF2-SHA-256',
    iterations: PBKDF2_ITERATIONS,
    salt,
    wrap: 'AES-KW',
    wrapped: await crypto.subtle.wrapKey('raw', exportable, kek, 'AES-KW'),
  };
  const key = await crypto.subtle.unwrapKey(
    'raw',
    wrapped.wrapped,
    kek,
    'AES-KW',
    DATA_KEY_ALGORITHM,
    false,
    DATA_KEY_USAGES,
  );
  return { key, wrapped };
}

/** The non-extractable data key inside `wrapped`; 'vault-wrong-passphrase' when the passphrase does not open it. */
export async function unwrapKey(passphrase: string, wrapped: WrappedKey): Promise<CryptoKey> {
  const kek = await wrappingKey(passphrase, new Uint8Array(wrapped.salt), wrapped.iterations);
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      wrapped.wrapped,
      kek,
      'AES-KW',
      DATA_KEY_ALGORITHM,
      false,
      DATA_KEY_USAGES,
    );
  } catch (error) {
    // AES-KW checks its integrity value on unwrap: a wrong passphrase fails it with an OperationError.
    if (error instanceof DOMException && error.name === 'OperationError')
      throw new CometError('vault-wrong-passphrase', {}, { cause: error });
    throw error;
  }
}
