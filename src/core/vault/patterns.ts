/**
 * Where a key may go and who may use it. URL patterns are parsed, not matched as text: the host is compared as a
 * host (so 'https://api.example.com/*' never matches https://api.example.com.evil.net/), and only the path is a glob.
 */
import { CometError } from '../errors.js';

/** A parsed URL pattern: scheme, host (optionally any subdomain of it), port and a path glob. */
export interface UrlPattern {
  source: string;
  protocol: 'https:' | 'http:';
  hostname: string;
  /** '*.example.com': any subdomain of example.com (not example.com itself). */
  subdomains: boolean;
  /** '' for the scheme's default port. */
  port: string;
  path: RegExp;
}

const invalid = (pattern: string, reason: string) =>
  new CometError('invalid-argument', { what: `The host pattern "${pattern}"`, reason });

/** A regular expression for a glob in which '*' stands for any run of characters, anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

/** True when `text` matches `glob` ('*' matches anything, including nothing). */
export { matchesGlob as globMatches } from '../glob.js';

/**
 * Parses 'https://api.openai.com/*', 'https://*.example.com:8443/v1/*' or a bare host ('api.openai.com', which
 * means https and any path). Throws 'invalid-argument' naming what is wrong.
 */
export function parseUrlPattern(pattern: string): UrlPattern {
  const source = pattern.trim();
  if (!source) throw invalid(pattern, 'it is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : `https://${source}`;
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(withScheme);
  if (!match) throw invalid(pattern, 'it must look like https://host/path, without a query or fragment');
  const [, scheme, authority, path = '/*'] = match;
  const protocol = `${scheme.toLowerCase()}:`;
  if (protocol !== 'https:' && protocol !== 'http:') throw invalid(pattern, 'only http and https URLs can carry a key');
  if (authority.includes('@')) throw invalid(pattern, 'it must not contain a user name or password');
  const subdomains = authority.startsWith('*.');
  const rest = subdomains ? authority.slice(2) : authority;
  if (rest.includes('*')) throw invalid(pattern, "a host may only start with '*.' (any subdomain); no other wildcard");
  let url: URL;
  try {
    url = new URL(`${protocol}//${rest}${path}`);
  } catch (error) {
    throw new CometError(
      'invalid-argument',
      { what: `The host pattern "${pattern}"`, reason: 'its host is not valid' },
      { cause: error },
    );
  }
  if (!url.hostname) throw invalid(pattern, 'it has no host');
  return { source, protocol, hostname: url.hostname, subdomains, port: url.port, path: globToRegExp(url.pathname) };
}

/** True when `url` is covered by `pattern`. */
export function urlMatches(pattern: UrlPattern, url: URL): boolean {
  if (url.protocol !== pattern.protocol || url.port !== pattern.port || url.username || url.password) return false;
  const hostOk = pattern.subdomains ? url.hostname.endsWith(`.${pattern.hostname}`) : url.hostname === pattern.hostname;
  return hostOk && pattern.path.test(url.pathname);
}
