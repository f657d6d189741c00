/**
 * Checks of what a user enters for a key. Error messages name the field and never echo a secret.
 */
import { CometError } from '../errors.js';
import { parseUrlPattern } from './patterns.js';
import type { KeyScope, NewVaultKey } from './types.js';

/** The header used when a key does not name one. */
export const DEFAULT_HEADER = 'Authorization: Bearer {key}';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*)$/;

const invalid = (what: string, reason: string) => new CometError('invalid-argument', { what, reason });

/** Checks a key name (what http.request and `keys:use:<name>` grants refer to). */
export function checkName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalid(
      'The key name',
      'use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    );
  }
  return name;
}

/** True when `text` has a line break, tab or other control character (they would break or smuggle a header). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Checks a secret; the message never contains it. */
export function checkSecret(secret: unknown): string {
  if (typeof secret !== 'string') throw invalid('The secret', 'it must be text');
  if (secret.length < 8) throw invalid('The secret', 'it is shorter than 8 characters; paste the whole key');
  if (secret.length > 16_384) throw invalid('The secret', 'it is longer than 16,384 characters');
  if (hasControlCharacter(secret)) throw invalid('The secret', 'it contains a line break or another control character');
  return secret;
}

/** Checks a header template: 'Name: value with {key}'. Returns its name and value; errors do not echo it (it may hold a pasted key). */
export function parseHeader(template: string): { name: string; value: string } {
  const match = HEADER.exec(template);
  if (!match)
    throw invalid('The header template', "write it as 'Header-Name: value', e.g. 'Authorization: Bearer {key}'");
  const [, name, value] = match;
  if (!value.includes('{key}'))
    throw invalid('The header template', 'its value must contain {key} where the secret goes');
  return { name, value };
}

/** A string list that is null or has only non-empty strings. */
function checkList(list: unknown, what: string): string[] | null {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw invalid(what, 'it must be a list of non-empty names or patterns');
  }
  return list.map((item: string) => item.trim());
}

/** An optional instant. */
function checkTime(value: unknown, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(what, 'it must be a time (epoch milliseconds)');
  return value;
}

/** The scope of a key as given, checked and normalised. */
export function checkScope(input: Partial<NewVaultKey>): KeyScope {
  if (!Array.isArray(input.hosts) || input.hosts.length === 0) {
    throw invalid('The hosts', 'name at least one, e.g. https://api.openai.com/*');
  }
  const hosts = input.hosts.map((host) => parseUrlPattern(String(host)).source);
  const validFrom = checkTime(input.validFrom, 'The start of validity');
  const validUntil = checkTime(input.validUntil, 'The end of validity');
  if (validFrom !== null && validUntil !== null && validFrom >= validUntil) {
    throw invalid('The validity window', 'it must end after it starts');
  }
  const header = input.header ?? DEFAULT_HEADER;
  parseHeader(header);
  return {
    hosts,
    principals: checkList(input.principals, 'The principals'),
    capabilities: checkList(input.capabilities, 'The capabilities'),
    validFrom,
    validUntil,
    header,
  };
}

/** Checks a passphrase before it is used to lock the vault. */
export function checkPassphrase(passphrase: unknown): string {
  if (typeof passphrase !== 'string' || passphrase.length < 8)
    throw invalid('The passphrase', 'use at least 8 characters');
  return passphrase;
}
