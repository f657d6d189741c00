import { expect } from '@open-wc/testing';
import { ManualClock } from '../../../src/core/clock.js';
import { isCometError } from '../../../src/core/errors.js';
import { PBKDF2_ITERATIONS, Vault, tokensFromResponse, type NewVaultKey } from '../../../src/core/vault/index.js';
import type { WrappedKey } from '../../../src/core/vault/crypto.js';
import { CometDB } from '../../../src/db/db.js';
import { dispose, openTestDb, rawEdit, rawGet, rejection } from '../audit/fixtures.js';

const SECRET = 'sk-test-4f9c2b7e1d8a6035c9e4b1f7a2d8';
const openai = (overrides: Partial<NewVaultKey> = {}): NewVaultKey => ({
  name: 'openai',
  secret: SECRET,
  hosts: ['https://api.openai.com/*'],
  ...overrides,
});
const call = {
  principal: 'agent:researcher',
  capability: 'http.request',
  url: 'https://api.openai.com/v1/chat/completions',
};

/** A second connection to the same database, as another tab or a reload would have. */
async function reopen(db: CometDB): Promise<CometDB> {
  const other = new CometDB(db.name);
  await other.open();
  return other;
}

describe('Vault: storing and using keys', () => {
  let db: CometDB;
  let clock: ManualClock;
  let vault: Vault;

  beforeEach(async () => {
    db = await openTestDb('vault');
    clock = new ManualClock(Date.UTC(2025, 5, 1, 12));
    vault = new Vault({ db, clock });
  });
  afterEach(() => dispose(db));

  it('gives the host the header with the secret, and shows everyone else only metadata', async () => {
    const info = await vault.add(openai());
    expect(info).not.to.have.property('secret');
    expect(info).to.include({ name: 'openai', hint: SECRET.slice(-4), header: 'Authorization: Bearer {key}' });
    const auth = await vault.authorize({ keyName: 'openai', ...call });
    expect(auth.ok).to.equal(true);
    expect(await (auth.ok && auth.headers())).to.deep.equal({ Authorization: `Bearer ${SECRET}` });
    expect(JSON.stringify(await vault.list())).not.to.contain(SECRET);
  });

  it('fills any header template', async () => {
    await vault.add(openai({ name: 'anthropic', hosts: ['api.anthropic.com'], header: 'x-api-key: {key}' }));
    const auth = await vault.authorize({ keyName: 'anthropic', ...call, url: 'https://api.anthropic.com/v1/messages' });
    expect(await (auth.ok && auth.headers())).to.deep.equal({ 'x-api-key': SECRET });
  });

  it('stores only ciphertext, with a fresh IV for every encryption', async () => {
    await vault.add(openai());
    await vault.add(openai({ name: 'openai-copy' }));
    const [a, b] = await db.vaultKeys.orderBy('name').toArray();
    expect(a.secret.data).to.be.instanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(a.secret.data)).not.to.contain(SECRET);
    expect(a.secret.iv).to.have.length(12);
    expect([...a.secret.iv]).not.to.deep.equal([...b.secret.iv]);
    expect([...new Uint8Array(a.secret.data)]).not.to.deep.equal([...new Uint8Array(b.secret.data)]);
  });

  it('keeps its data key as a CryptoKey that cannot be exported', async () => {
    await vault.add(openai());
    const row = await rawGet<{ value: { key: CryptoKey } }>(db.name, 'vaultMeta', 'dataKey');
    expect(row.value.key).to.be.instanceOf(CryptoKey);
    expect(row.value.key.extractable).to.equal(false);
    for (const format of ['raw', 'jwk'] as const) {
      const error = await rejection(crypto.subtle.exportKey(format, row.value.key));
      expect((error as DOMException).name).to.equal('InvalidAccessError');
    }
  });

  it('decrypts after a reload (a new connection and a new vault)', async () => {
    await vault.add(openai());
    const other = await reopen(db);
    const auth = await new Vault({ db: other, clock }).authorize({ keyName: 'openai', ...call });
    expect(await (auth.ok && auth.headers())).to.deep.equal({ Authorization: `Bearer ${SECRET}` });
    other.close();
  });

  it('knows every secret for redaction, also one added or changed in another tab', async () => {
    expect(await vault.redactionSecrets()).to.deep.equal([]);
    const other = await reopen(db);
    await new Vault({ db: other, clock }).add(openai());
    expect(await vault.redactionSecrets()).to.deep.equal([SECRET]);
    await new Vault({ db: other, clock }).update('openai', { secret: 'sk-rotated-secret-000000000000' });
    expect(await vault.redactionSecrets()).to.include('sk-rotated-secret-000000000000');
    other.close();
  });

  it('refuses a ciphertext moved to another record', async () => {
    await vault.add(openai());
    await vault.add(openai({ name: 'other', secret: 'another-secret-value-123456' }));
    const [first, second] = await db.vaultKeys.orderBy('name').toArray();
    await rawEdit(db.name, 'vaultKeys', (store) => store.put({ ...second, secret: first.secret }));
    const auth = await vault.authorize({ keyName: 'other', ...call });
    const error = await rejection(auth.ok ? auth.headers() : Promise.resolve());
    expect(isCometError(error, 'vault-unreadable')).to.equal(true);
  });

  it('refuses a second key with the same name', async () => {
    await vault.add(openai());
    expect(isCometError(await rejection(vault.add(openai())), 'vault-key-exists')).to.equal(true);
  });

  it('refuses bad input without ever repeating the secret', async () => {
    const cases: NewVaultKey[] = [
      openai({ secret: 'short' }),
      openai({ secret: `${SECRET}\nX-Evil: 1` }),
      openai({ hosts: [] }),
      openai({ header: `Authorization: Bearer ${SECRET}` }),
      openai({ name: 'has space' }),
      openai({ validFrom: 10, validUntil: 5 }),
    ];
    for (const input of cases) {
      const error = await rejection(vault.add(input));
      expect(isCometError(error, 'invalid-argument'), JSON.stringify(input.name)).to.equal(true);
      expect((error as Error).message).not.to.contain(SECRET);
    }
    expect(await db.vaultKeys.count()).to.equal(0);
  });

  it('sends a key only to its hosts, principals and capabilities, and only within its time window', async () => {
    const from = clock.now() + 60_000;
    await vault.add(
      openai({
        principals: ['agent:*'],
        capabilities: ['http.request'],
        validFrom: from,
        validUntil: from + 3_600_000,
      }),
    );
    const ask = (overrides: Partial<typeof call> = {}, now?: number) =>
      vault.authorize({ keyName: 'openai', ...call, ...overrides, now }).then((a) => (a.ok ? 'ok' : a.code));
    expect(await ask()).to.equal('not-yet-valid');
    clock.advance(60_000);
    expect(await ask()).to.equal('ok');
    expect(await ask({ url: 'https://api.openai.com.evil.net/v1' })).to.equal('host');
    expect(await ask({ url: 'not a url' })).to.equal('host');
    expect(await ask({ principal: 'plugin:csv-tools' })).to.equal('principal');
    expect(await ask({ capability: 'plugin.x.fetch' })).to.equal('capability');
    expect(await ask({}, from + 3_600_000)).to.equal('expired');
    expect(await vault.authorize({ keyName: 'nope', ...call }).then((a) => (a.ok ? 'ok' : a.code))).to.equal(
      'unknown-key',
    );
  });

  it('counts calls and reported tokens per key and per UTC day', async () => {
    await vault.add(openai());
    await vault.recordUsage('openai', { tokens: tokensFromResponse({ usage: { total_tokens: 120 } }) });
    clock.advance(24 * 3_600_000);
    await vault.recordUsage('openai', {
      tokens: tokensFromResponse({ usage: { input_tokens: 10, output_tokens: 5 } }),
    });
    await vault.recordUsage('openai', { tokens: tokensFromResponse({ choices: [] }) });
    const [usage] = await vault.usage();
    expect(usage).to.deep.equal({
      name: 'openai',
      calls: 3,
      tokens: 135,
      lastUsedAt: clock.now(),
      daily: { '2025-06-01': { calls: 1, tokens: 120 }, '2025-06-02': { calls: 2, tokens: 15 } },
    });
    expect(isCometError(await rejection(vault.recordUsage('nope')), 'vault-unknown-key')).to.equal(true);
  });

  it('reads reported tokens in the OpenAI and Anthropic shapes', () => {
    expect(tokensFromResponse({ usage: { prompt_tokens: 3, completion_tokens: 4 } })).to.equal(7);
    expect(tokensFromResponse({ usage: { input_tokens: 3, output_tokens: 4 } })).to.equal(7);
    expect(tokensFromResponse({ usage: { total_tokens: 9, prompt_tokens: 3 } })).to.equal(9);
    expect(tokensFromResponse({ usage: 'lots' })).to.equal(undefined);
    expect(tokensFromResponse(null)).to.equal(undefined);
  });

  it('renames, re-scopes and replaces a secret, and forgets a removed key', async () => {
    await vault.add(openai());
    const auth = await vault.authorize({ keyName: 'openai', ...call });
    await vault.update('openai', {
      name: 'openai-prod',
      secret: 'sk-new-secret-0000000000000000',
      hosts: ['https://api.openai.com/v1/*'],
    });
    const renamed = await vault.authorize({ keyName: 'openai-prod', ...call });
    expect(await (renamed.ok && renamed.headers())).to.deep.equal({
      Authorization: 'Bearer sk-new-secret-0000000000000000',
    });
    await vault.remove('openai-prod');
    expect((await vault.authorize({ keyName: 'openai-prod', ...call })).ok).to.equal(false);
    const late = await rejection(auth.ok ? auth.headers() : Promise.resolve());
    expect(isCometError(late, 'vault-unknown-key'), 'a header asked for after removal').to.equal(true);
  });
});

describe('Vault: passphrase lock', () => {
  let db: CometDB;
  const opened: CometDB[] = [];

  /** A vault as a freshly loaded page sees it: a new connection, nothing in memory. */
  const freshPage = async () => {
    const connection = await reopen(db);
    opened.push(connection);
    return new Vault({ db: connection });
  };

  beforeEach(async () => {
    db = await openTestDb('vault-lock');
  });
  afterEach(async () => {
    for (const connection of opened.splice(0)) connection.close();
    await dispose(db);
  });

  it('keeps the data key wrapped under PBKDF2 with a random salt, and only in memory once unlocked', async function () {
    this.timeout(30_000);
    const vault = new Vault({ db });
    await vault.add(openai());
    await vault.setPassphrase('correct horse battery');
    const row = await rawGet<{ value: { kind: string; key?: unknown; wrapped: WrappedKey } }>(
      db.name,
      'vaultMeta',
      'dataKey',
    );
    expect(row.value.kind).to.equal('passphrase');
    expect(row.value.key).to.equal(undefined);
    expect(row.value.wrapped.iterations).to.be.at.least(600_000).and.equal(PBKDF2_ITERATIONS);
    expect(row.value.wrapped.salt).to.have.length(16);
    expect(row.value.wrapped.wrapped.byteLength).to.equal(40); // AES-KW of a 256-bit key
    // The page that set the passphrase stays unlocked; a new page is locked.
    expect((await vault.status()).state).to.equal('unlocked');
    const page = await freshPage();
    expect(await page.status()).to.deep.equal({ state: 'locked', passphrase: true, keys: 1 });
    expect(await page.authorize({ keyName: 'openai', ...call })).to.deep.include({ ok: false, code: 'locked' });
  });

  it('unlocks with the right passphrase only, and locks again on lock()', async function () {
    this.timeout(30_000);
    await new Vault({ db }).add(openai());
    await new Vault({ db }).setPassphrase('correct horse battery');
    const page = await freshPage();
    const wrong = await rejection(page.unlock('correct horse batterY'));
    expect(isCometError(wrong, 'vault-wrong-passphrase')).to.equal(true);
    expect((await page.status()).state).to.equal('locked');
    await page.unlock('correct horse battery');
    const auth = await page.authorize({ keyName: 'openai', ...call });
    expect(await (auth.ok && auth.headers())).to.deep.equal({ Authorization: `Bearer ${SECRET}` });
    page.lock();
    expect((await page.status()).state).to.equal('locked');
    expect(isCometError(await rejection(auth.ok ? auth.headers() : Promise.resolve()), 'vault-locked')).to.equal(true);
  });

  it('changes and removes the passphrase, re-encrypting every key', async function () {
    this.timeout(30_000);
    const vault = new Vault({ db });
    await vault.add(openai());
    await vault.setPassphrase('first passphrase');
    const before = (await db.vaultKeys.toArray())[0].secret;
    await vault.setPassphrase('second passphrase');
    const after = (await db.vaultKeys.toArray())[0].secret;
    expect(after.keyId).not.to.equal(before.keyId);
    const page = await freshPage();
    expect(isCometError(await rejection(page.unlock('first passphrase')), 'vault-wrong-passphrase')).to.equal(true);
    await page.unlock('second passphrase');
    await page.setPassphrase(null);
    const next = await freshPage();
    expect(await next.status()).to.deep.equal({ state: 'unlocked', passphrase: false, keys: 1 });
    const auth = await next.authorize({ keyName: 'openai', ...call });
    expect(await (auth.ok && auth.headers())).to.deep.equal({ Authorization: `Bearer ${SECRET}` });
  });

  it('will not set a passphrase while locked, nor a short one', async function () {
    this.timeout(30_000);
    const vault = new Vault({ db });
    expect(isCometError(await rejection(vault.setPassphrase('short')), 'invalid-argument')).to.equal(true);
    await vault.setPassphrase('a long enough passphrase');
    const page = await freshPage();
    expect(isCometError(await rejection(page.setPassphrase('another passphrase')), 'vault-locked')).to.equal(true);
    expect(isCometError(await rejection(page.add(openai())), 'vault-locked')).to.equal(true);
  });
});
