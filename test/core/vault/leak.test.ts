// The leak test: a known secret goes into the vault, every feature that touches keys is exercised, then every
// IndexedDB database of this origin is dumped with raw IndexedDB (every row and key of every store, strings and
// binary data alike) together with every export, listing, log line and error message, and the secret must appear in
// none of them: not as is, not URL-encoded, not in hex, not in base64 at any byte alignment.
import { expect } from '@open-wc/testing';
import { AuditLog } from '../../../src/core/audit/index.js';
import { errorMessage } from '../../../src/core/errors.js';
import { Logger } from '../../../src/core/log.js';
import { redact, redactText } from '../../../src/core/redact.js';
import { Vault } from '../../../src/core/vault/index.js';
import { CometDB } from '../../../src/db/db.js';
import { deleteDatabase, rawOpen, uniqueName } from '../../db/raw-idb.js';
import { dispose, readText, rejection } from '../audit/fixtures.js';

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The forms a secret may take in stored text: as is, URL-encoded, hex, and base64 at each of the three byte
 * alignments it may sit at inside a longer base64 text (each without its last, incomplete group).
 */
function needles(secret: string): string[] {
  const bytes = encoder.encode(secret);
  const forms = [
    secret,
    encodeURIComponent(secret),
    Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
  ];
  for (let shift = 0; shift < 3; shift++) {
    const rest = bytes.slice(shift);
    forms.push(base64(rest).slice(0, Math.floor(rest.length / 3) * 4));
  }
  return forms;
}

/** Where the secret was found: the path of every hit. */
async function scan(
  value: unknown,
  forms: string[],
  path: string,
  hits: Set<string>,
  seen = new Set<object>(),
): Promise<void> {
  const inText = (text: string) => {
    if (forms.some((form) => text.includes(form))) hits.add(path);
  };
  if (typeof value === 'string') return inText(value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    inText(new TextDecoder('utf-8').decode(bytes));
    inText(new TextDecoder('latin1').decode(bytes));
    inText(base64(bytes));
    return;
  }
  if (value instanceof Blob) return inText(await value.text());
  if (value instanceof CryptoKey) {
    // A key that can be exported could give the secrets away: it counts as a leak.
    if (value.extractable) hits.add(`${path} (an extractable CryptoKey)`);
    return;
  }
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [key, item] of entries) {
    inText(String(key));
    await scan(item, forms, `${path}.${String(key)}`, hits, seen);
  }
}

/** Every row and key of every store of every database of this origin, read with raw IndexedDB. */
async function dumpAllDatabases(mine: string[]): Promise<Record<string, unknown>> {
  const dump: Record<string, unknown> = {};
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    try {
      dump[name] = await dumpDatabase(name);
    } catch (error) {
      // Other test files run alongside and delete their databases when they finish; ours must be readable.
      if (mine.includes(name)) throw error;
    }
  }
  return dump;
}

async function dumpDatabase(name: string): Promise<Record<string, { keys: unknown[]; rows: unknown[] }>> {
  const db = await rawOpen(name);
  try {
    const stores = [...db.objectStoreNames];
    const out: Record<string, { keys: unknown[]; rows: unknown[] }> = {};
    if (stores.length === 0) return out;
    const tx = db.transaction(stores, 'readonly');
    const read = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('raw read failed'));
      });
    for (const store of stores) {
      const objectStore = tx.objectStore(store);
      out[store] = { keys: await read(objectStore.getAllKeys()), rows: await read(objectStore.getAll()) };
    }
    return out;
  } finally {
    db.close();
  }
}

describe('the key vault: leak test', () => {
  // Deliberately not in a well-known token shape, so only the vault's own knowledge of it can redact it.
  const secret = `leak-test-${crypto.randomUUID()}-Zq9`;
  const replaced = `leak-test-${crypto.randomUUID()}-Rx2`;
  const forms = [...needles(secret), ...needles(replaced)];

  it('finds the secret when it is planted, in each form the search looks for', async () => {
    const name = uniqueName('leak-plant');
    const db = await rawOpen(name, 1, (raw) => raw.createObjectStore('s'));
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('s', 'readwrite');
      tx.objectStore('s').put(encoder.encode(`xx${secret}`).buffer, 'utf8-bytes');
      tx.objectStore('s').put({ header: `Basic ${base64(encoder.encode(`user:${secret}`))}` }, 'base64-text');
      tx.objectStore('s').put(new Blob([`..${secret}..`]), 'blob');
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('aborted'));
    });
    db.close();
    const hits = new Set<string>();
    await scan(await dumpAllDatabases([name]), needles(secret), 'idb', hits);
    await deleteDatabase(name);
    const rows = `idb.${name}.s.rows`;
    // Rows come back in key order: 'base64-text', 'blob', 'utf8-bytes'.
    expect([...hits].filter((hit) => hit.startsWith(rows))).to.deep.equal([
      `${rows}.0.header`,
      `${rows}.1`,
      `${rows}.2`,
    ]);
  });

  it('leaves the secret nowhere after every feature that touches keys has been used', async function () {
    this.timeout(60_000);
    const db = new CometDB(uniqueName('leak'));
    await db.open();
    const log = new Logger(10_000);
    const vault = new Vault({ db, log });
    const audit = new AuditLog({ db, log, secrets: () => vault.redactionSecrets() });
    const outputs: unknown[] = [];
    const errors: string[] = [];
    const keep = (error: unknown) => errors.push(errorMessage(error), String((error as Error).stack));

    // Add (with a rejected attempt first: the error must not repeat the secret), list, replace the secret.
    keep(await rejection(vault.add({ name: 'openai', secret: `${replaced}\n`, hosts: ['https://api.openai.com/*'] })));
    keep(
      await rejection(
        vault.add({
          name: 'openai',
          secret: replaced,
          hosts: ['https://api.openai.com/*'],
          header: `Authorization: ${replaced}`,
        }),
      ),
    );
    outputs.push(
      await vault.add({
        name: 'openai',
        secret: replaced,
        hosts: ['https://api.openai.com/*'],
        principals: ['agent:*'],
      }),
    );
    outputs.push(await vault.update('openai', { secret }));
    outputs.push(await vault.list());

    // Authorize (refused and allowed) and use the header as http.request would; count usage.
    outputs.push(
      await vault.authorize({
        keyName: 'openai',
        principal: 'plugin:x',
        capability: 'http.request',
        url: 'https://api.openai.com/v1',
      }),
    );
    const auth = await vault.authorize({
      keyName: 'openai',
      principal: 'agent:a',
      capability: 'http.request',
      url: 'https://api.openai.com/v1',
    });
    expect(auth.ok).to.equal(true);
    const headers = auth.ok ? await auth.headers() : {};
    expect(headers.Authorization).to.equal(`Bearer ${secret}`);
    await vault.recordUsage('openai', { tokens: 42 });
    outputs.push(await vault.usage());

    // Audit an http-like call that names the key, carries the header in its input and the secret in its error and output.
    const input = {
      url: 'https://api.openai.com/v1/chat',
      method: 'POST',
      keyName: 'openai',
      headers,
      body: `credential=${secret}`,
    };
    await audit.append({
      principal: 'agent:a',
      capability: 'http.request',
      runId: 'run-1',
      verdict: 'allow',
      rule: 'grant:g1',
      reason: `allowed for ${secret}`,
      input,
      output: { echo: secret, nested: [{ note: `the key was ${secret}` }] },
      outcome: 'error',
      error: `401 Unauthorized: the key ${secret} is not valid`,
      durationMs: 12,
    });
    outputs.push(redact(input, { secrets: await vault.redactionSecrets() }));
    outputs.push(redactText(`failed with ${secret}`, await vault.redactionSecrets()));

    // A passphrase: set it, lock, fail to unlock, unlock.
    await vault.setPassphrase('correct horse battery');
    vault.lock();
    keep(await rejection(vault.unlock('wrong passphrase!')));
    await vault.unlock('correct horse battery');
    outputs.push(await vault.status());

    // Exports and views.
    const exported = await readText(audit.exportJsonl());
    outputs.push(await audit.query({ text: 'openai' }), await audit.loadHistory(0), await audit.verify());

    const hits = new Set<string>();
    const dump = (await dumpAllDatabases([db.name])) as Record<string, Record<string, { rows: unknown[] }>>;
    expect(dump[db.name].vaultKeys.rows, 'the dump holds the key').to.have.length(1);
    expect(dump[db.name].audit.rows, 'the dump holds the audit entry').to.have.length(1);
    await scan(dump, forms, 'idb', hits);
    await scan(exported, forms, 'audit export', hits);
    await scan(outputs, forms, 'outputs', hits);
    await scan(errors, forms, 'errors', hits);
    await scan(JSON.parse(JSON.stringify(log.entries())) as unknown, forms, 'log', hits);
    expect([...hits]).to.deep.equal([]);
    expect(exported.split('\n').filter(Boolean)).to.have.length(1);
    await dispose(db);
  });
});
