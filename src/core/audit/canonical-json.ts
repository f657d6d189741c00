/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme): object keys sorted by UTF-16 code units, no whitespace,
 * numbers and strings as ECMAScript serialises them. Equal data always gives the same text, so it can be hashed.
 */
import canonicalize from 'canonicalize';
import { CometError, errorMessage } from '../errors.js';

/** The canonical JSON text of `value`; throws 'invalid-argument' for what JSON cannot hold (NaN, lone surrogates, cycles). */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new CometError(
      'invalid-argument',
      { what: 'A value to hash', reason: errorMessage(error) },
      { cause: error },
    );
  }
  if (text === undefined)
    throw new CometError('invalid-argument', { what: 'A value to hash', reason: 'it is not JSON' });
  return text;
}
