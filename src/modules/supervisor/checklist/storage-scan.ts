/**
 * Reads a database the way someone with the browser's developer tools could: every row of every table, every
 * string and every byte. Used by the vault probe to look for a secret, and for encryption keys that could be
 * exported.
 */
import type { CometDB } from '../../../db/db.js';

/** The forms a secret could be stored in: as text, UTF-8 bytes (seen as Latin-1 text), base64 or hex. */
function encodings(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const latin1 = String.fromCharCode(...bytes);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return [secret, latin1, btoa(latin1), btoa(latin1).replace(/=+$/, ''), hex, hex.toUpperCase()];
}

/** Bytes of a binary value as Latin-1 text (so a UTF-8 secret inside them shows as its text). */
function bytesAsText(value: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    value instanceof ArrayBuffer
      ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** Calls `visit` with every leaf of `value` and where it is ('vaultKeys[0].secret.data'). */
function walk(value: unknown, where: string, visit: (leaf: unknown, where: string) => void): void {
  if (value === null || typeof value !== 'object' || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    visit(value, where);
  } else if (value instanceof CryptoKey) {
    visit(value, where);
  } else if (value instanceof Map) {
    for (const [k, v] of value) {
      walk(k, `${where}.<key>`, visit);
      walk(v, `${where}.${String(k)}`, visit);
    }
  } else if (Array.isArray(value) || value instanceof Set) {
    [...value].forEach((v, i) => walk(v, `${where}[${i}]`, visit));
  } else {
    for (const [k, v] of Object.entries(value)) {
      visit(k, `${where} (a field name)`);
      walk(v, `${where}.${k}`, visit);
    }
  }
}

/** Every row of the named tables (default: all), with where each came from. */
async function everyRow(db: CometDB, tables?: readonly string[]): Promise<[string, unknown][]> {
  const rows: [string, unknown][] = [];
  for (const table of db.tables) {
    if (tables && !tables.includes(table.name)) continue;
    (await table.toArray()).forEach((row, i) => rows.push([`${table.name}[${i}]`, row]));
  }
  return rows;
}

/** Where in `db` the secret can be read, in any of its plain encodings ([] when nowhere). */
export async function findSecret(db: CometDB, secret: string): Promise<string[]> {
  const forms = encodings(secret);
  const found = new Set<string>();
  for (const [where, row] of await everyRow(db)) {
    walk(row, where, (leaf, at) => {
      const text =
        typeof leaf === 'string'
          ? leaf
          : leaf instanceof ArrayBuffer || ArrayBuffer.isView(leaf)
            ? bytesAsText(leaf)
            : typeof leaf === 'number' || typeof leaf === 'bigint'
              ? String(leaf)
              : '';
      if (forms.some((form) => text.includes(form))) found.add(at);
    });
  }
  return [...found];
}

/** Every CryptoKey stored in the named tables (default: all), and where. */
export async function storedCryptoKeys(
  db: CometDB,
  tables?: readonly string[],
): Promise<{ where: string; key: CryptoKey }[]> {
  const keys: { where: string; key: CryptoKey }[] = [];
  for (const [where, row] of await everyRow(db, tables)) {
    walk(row, where, (leaf, at) => {
      if (leaf instanceof CryptoKey) keys.push({ where: at, key: leaf });
    });
  }
  return keys;
}
