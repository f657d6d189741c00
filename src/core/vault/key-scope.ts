import { errorMessage } from '../errors.js';
import { globMatches, parseUrlPattern, urlMatches } from './patterns.js';
import type { AuthorizeDenial, AuthorizeRequest, VaultKeyRecord } from './types.js';

/**
 * Why key `record` may not be sent on this request — to this URL, by this principal, from this capability, at
 * `now` — or undefined when its scope allows it. The lock state is the vault's to check.
 */
export function scopeDenial(
  record: VaultKeyRecord,
  request: AuthorizeRequest,
  now: number,
): { ok: false; code: AuthorizeDenial; reason: string } | undefined {
  const { principal, capability } = request;
  const keyName = record.name;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch (error) {
    return { ok: false, code: 'host', reason: `"${request.url}" is not a URL (${errorMessage(error)}).` };
  }
  if (!record.hosts.some((pattern) => urlMatches(parseUrlPattern(pattern), url))) {
    return {
      ok: false,
      code: 'host',
      reason: `The key "${keyName}" may only be sent to ${record.hosts.join(', ')}, not to ${url.origin}.`,
    };
  }
  if (record.principals && !record.principals.some((glob) => globMatches(glob, principal))) {
    return { ok: false, code: 'principal', reason: `${principal} may not use the key "${keyName}".` };
  }
  if (record.capabilities && !record.capabilities.some((glob) => globMatches(glob, capability))) {
    return { ok: false, code: 'capability', reason: `${capability} may not send the key "${keyName}".` };
  }
  if (record.validFrom !== null && now < record.validFrom) {
    return {
      ok: false,
      code: 'not-yet-valid',
      reason: `The key "${keyName}" is valid from ${new Date(record.validFrom).toISOString()}.`,
    };
  }
  if (record.validUntil !== null && now >= record.validUntil) {
    return {
      ok: false,
      code: 'expired',
      reason: `The key "${keyName}" expired at ${new Date(record.validUntil).toISOString()}.`,
    };
  }
  return undefined;
}
