import { expect } from '@open-wc/testing';
import { REDACTED, isSecretField, redact, redactText } from '../../src/core/redact.js';

describe('redact', () => {
  it('replaces the values of secret-looking fields at any depth', () => {
    const out = redact({
      headers: { Authorization: 'Bearer abc', 'x-api-key': 'k', Cookie: 'sid=1' },
      body: { password: 'hunter2', client_secret: 's', access_token: 't', apiKey: 'a', nested: [{ token: 'x' }] },
    });
    expect(out).to.deep.equal({
      headers: { Authorization: REDACTED, 'x-api-key': REDACTED, Cookie: REDACTED },
      body: {
        password: REDACTED,
        client_secret: REDACTED,
        access_token: REDACTED,
        apiKey: REDACTED,
        nested: [{ token: REDACTED }],
      },
    });
  });

  it('keeps counts and names that only look alike', () => {
    expect(['max_tokens', 'total_tokens', 'usage', 'key', 'keyName', 'tokenizer'].filter(isSecretField)).to.deep.equal(
      [],
    );
    expect(redact({ max_tokens: 512, key: 'openai' })).to.deep.equal({ max_tokens: 512, key: 'openai' });
  });

  it('removes a known secret wherever it appears, also URL-encoded or in base64', () => {
    const secret = 'my+secret/value=42';
    const out = redact(
      {
        error: `rejected ${secret}!`,
        url: `https://x.test/?q=${encodeURIComponent(secret)}`,
        basic: btoa(secret),
        [secret]: 1,
      },
      { secrets: [secret] },
    );
    const text = JSON.stringify(out);
    expect(text).not.to.contain(secret);
    expect(text).not.to.contain(encodeURIComponent(secret));
    expect(text).not.to.contain(btoa(secret));
    expect(out).to.deep.include({ error: `rejected ${REDACTED}!` });
  });

  it('removes well-known token shapes even when no secret is known', () => {
    const text = redactText(
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig key=sk-proj-abcdefghijklmnop1234 ghp_abcdefghijklmnopqrstuvwxyz0123 https://a.test/?api_key=xyz123&page=2',
    );
    expect(text).to.equal(
      `Authorization: Bearer ${REDACTED} key=${REDACTED} ${REDACTED} https://a.test/?api_key=${REDACTED}&page=2`,
    );
  });

  it('cuts long strings, deep nesting and long lists, and says how much was cut', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
    const out = redact(
      { long: 'x'.repeat(1000), list: Array.from({ length: 60 }, (_, i) => i), deep },
      { maxString: 10 },
    ) as {
      long: string;
      list: unknown[];
      deep: unknown;
    };
    expect(out.long).to.equal(`${'x'.repeat(10)}… [990 more characters]`);
    expect(out.list).to.have.length(51);
    expect(out.list[50]).to.equal('… 10 more items');
    expect(JSON.stringify(out.deep)).to.contain('[…]');
  });

  it('turns anything into JSON: dates, errors, binary data, maps, cycles, NaN, bigints', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    const out = redact({
      when: new Date(Date.UTC(2025, 0, 2)),
      error: new TypeError('boom'),
      bytes: new Uint8Array(16),
      map: new Map([['a', 1]]),
      set: new Set([1, 2]),
      cycle,
      nan: NaN,
      big: 10n,
      fn: () => 1,
      missing: undefined,
      lone: 'a\ud800b',
    });
    expect(out).to.deep.equal({
      when: '2025-01-02T00:00:00.000Z',
      error: { name: 'TypeError', message: 'boom' },
      bytes: '[16 bytes]',
      map: { a: 1 },
      set: [1, 2],
      cycle: { name: 'loop', self: '[circular]' },
      nan: 'NaN',
      big: '10',
      lone: 'a\ufffdb',
    });
  });

  it('leaves its input unchanged', () => {
    const input = { password: 'p', list: [1, 2] };
    redact(input);
    expect(input).to.deep.equal({ password: 'p', list: [1, 2] });
  });
});
