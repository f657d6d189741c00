/**
 * The hash chain: each entry's hash is the hex SHA-256 of UTF-8(previous hash + canonical JSON of its content),
 * computed with WebCrypto. scripts/verify-audit.mjs recomputes it independently; keep the two in step.
 */
import { canonicalJson } from './canonical-json.js';
import type { AuditContent, AuditEntry } from './types.js';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

const encoder = new TextEncoder();

/** Hex SHA-256 of the UTF-8 bytes of `text`. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The part of an entry its hash covers (everything but prevHash and hash). */
export function contentOf(entry: AuditEntry): AuditContent {
  const { prevHash: _prev, hash: _hash, ...content } = entry;
  return content;
}

/** The hash an entry with this content must carry when it follows `prevHash`. */
export function entryHash(prevHash: string, content: AuditContent): Promise<string> {
  return sha256Hex(prevHash + canonicalJson(content));
}

/** Chains contents after `prevHash`, in order: each entry's prevHash is the hash of the one before. */
export async function chain(prevHash: string, contents: readonly AuditContent[]): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let previous = prevHash;
  // Canonicalise everything first, then hash: the digests must run one after another (each needs the last).
  const texts = contents.map((content) => canonicalJson(content));
  for (let i = 0; i < contents.length; i++) {
    const hash = await sha256Hex(previous + texts[i]);
    entries.push({ ...contents[i], prevHash: previous, hash });
    previous = hash;
  }
  return entries;
}
