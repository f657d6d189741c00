import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/core/audit/canonical-json.js';
import { isCometError } from '../../../src/core/errors.js';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 'x' }], e: null })).to.equal(
      '{"a":[1,{"c":"x","d":2}],"b":1,"e":null}',
    );
  });

  it('sorts keys by UTF-16 code units, as the RFC example does', () => {
    const keys = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'] as const;
    const expected = `{${order.map((key) => `${JSON.stringify(key)}:${keys[key]}`).join(',')}}`;
    expect(canonicalJson(keys)).to.equal(expected);
  });

  it('writes numbers as ECMAScript does (the RFC number examples)', () => {
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, Number('333333333.33333329'), 4.5, 2 ** 53])).to.equal(
      '[1e+21,1e-7,0.000001,0,333333333.3333333,4.5,9007199254740992]',
    );
  });

  it('refuses what JSON cannot hold', () => {
    for (const bad of [NaN, Infinity, '\ud800', () => 1]) {
      let error: unknown;
      try {
        canonicalJson(bad);
      } catch (caught) {
        error = caught;
      }
      expect(isCometError(error, 'invalid-argument'), String(bad)).to.equal(true);
    }
  });

  it('gives the same text for the same data, whatever the key order and after a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        const reversed = JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        ) as unknown;
        return canonicalJson(reversed) === text && canonicalJson(JSON.parse(text)) === text;
      }),
      { numRuns: 300 },
    );
  });
});
