/**
 * Permission scopes: the grammar, parsing, and whether a granted scope (which may hold wildcards) covers a scope a
 * call needs (always concrete).
 *
 * - `net:<scheme>://<host>[:<port>]<path glob>`: 'net:https://api.example.com/v1/*'. The scheme is http, https or
 *   '*'; the host is exact, '*.example.com' (subdomains only, not example.com itself) or '*'; no port means the
 *   scheme's default port, '*' any port; no path means every path. Paths are compared after the URL parser has
 *   normalised them ('..' resolved, percent-encoding), and the query string is not part of the scope. Hosts are
 *   compared whole, so 'api.example.com.evil.com' and 'api.example.com@evil.com' (user info: evil.com is the host)
 *   never match a grant for api.example.com.
 * - `<kind>:<segment>[:<segment>…]` for everything else, e.g. 'memory:read', 'keys:use:openai',
 *   'plugin:call:csv-tools'. In a grant any segment may be '*', a name may be a glob ('keys:use:openai-*'), and a
 *   trailing '*' covers every further segment ('codegen:*').
 */
import { CometError } from '../errors.js';
import { matchesGlob } from './paths.js';

/** One segment of a scope kind: a fixed set of words, or a free name. */
type SegmentSpec = readonly string[] | 'name';

/** The scope kinds and their segments; defineScopeKind adds more. */
const kinds = new Map<string, { segments: readonly SegmentSpec[]; about: string }>([
  ['net', { segments: [], about: 'network access to URLs matching a pattern' }],
  ['memory', { segments: [['read', 'write']], about: 'read or write the memory store' }],
  ['keys', { segments: [['use'], 'name'], about: 'have the host add a vault key to a request' }],
  ['plugin', { segments: [['call'], 'name'], about: "call a plugin's functions" }],
  ['kv', { segments: [['read', 'write']], about: "read or write the principal's key/value storage" }],
  ['clock', { segments: [['read']], about: 'read the time' }],
  ['log', { segments: [['write']], about: 'write to the platform log' }],
  ['codegen', { segments: [['read', 'write', 'validate', 'apply', 'run']], about: 'generate, check and apply code' }],
  ['workflow', { segments: [['run'], 'name'], about: 'start a workflow' }],
  ['approval', { segments: ['name'], about: 'pre-approved for an approval policy' }],
]);

const NAME = /^[A-Za-z0-9._@/-]+$/;
const NAME_GLOB = /^[A-Za-z0-9._@/*-]+$/;

/** Adds a scope kind (later modules: 'files:read', …). Throws if the kind exists. */
export function defineScopeKind(kind: string, segments: readonly SegmentSpec[], about: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(kind) || kinds.has(kind))
    throw new CometError('invalid-argument', { what: `Scope kind "${kind}"`, reason: 'it exists or is not a-z' });
  kinds.set(kind, { segments, about });
}

/** Every scope kind with its grammar and meaning, for the UI and error messages. */
export function scopeKinds(): { kind: string; syntax: string; about: string }[] {
  return [...kinds].map(([kind, { segments, about }]) => ({
    kind,
    syntax:
      kind === 'net'
        ? 'net:https://host[:port]/path*'
        : [kind, ...segments.map((s) => (s === 'name' ? '<name>' : s.join('|')))].join(':'),
    about,
  }));
}

/** A network scope, parsed. Pattern fields may be '*'; a concrete scope has none. */
interface NetParts {
  scheme: string;
  /** Exact host, '*', or '*.suffix'. */
  host: string;
  /** '' for the scheme's default port, '*' for any. */
  port: string;
  path: string;
}

/** A parsed scope. */
export interface ParsedScope {
  /** The scope in canonical form. */
  readonly scope: string;
  readonly kind: string;
  /** Where a grant with this scope is indexed, and where a needed scope looks first (its kind's '*' key second). */
  readonly indexKey: string;
  readonly net?: NetParts;
  readonly segments?: readonly string[];
}

const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/** Parses a scope; `pattern` allows the wildcards of a grant. Throws scope-unknown or scope-invalid. */
export function parseScope(scope: string, pattern: boolean): ParsedScope {
  const cache = pattern ? patternCache : neededCache;
  const hit = cache.get(scope);
  if (hit) return hit;
  const parsed = parseUncached(scope, pattern);
  if (cache.size > 10_000) cache.clear(); // needed net scopes vary with every URL: keep the memo bounded
  cache.set(scope, parsed);
  return parsed;
}

const patternCache = new Map<string, ParsedScope>();
const neededCache = new Map<string, ParsedScope>();

function parseUncached(scope: string, pattern: boolean): ParsedScope {
  if (typeof scope !== 'string') throw invalid(String(scope), 'a scope must be a string');
  const colon = scope.indexOf(':');
  const kind = colon < 0 ? scope : scope.slice(0, colon);
  const spec = kinds.get(kind);
  if (!spec) throw new CometError('scope-unknown', { scope, kind, known: [...kinds.keys()].join(', ') });
  if (colon < 0) throw invalid(scope, `write it as ${scopeKinds().find((k) => k.kind === kind)!.syntax}`);
  const rest = scope.slice(colon + 1);
  if (kind === 'net') return pattern ? parseNetPattern(scope, rest) : parseNetNeeded(scope, rest);

  const segments = rest.split(':');
  const trailingStar = pattern && segments.at(-1) === '*' && segments.length <= spec.segments.length;
  if (!trailingStar && segments.length !== spec.segments.length)
    throw invalid(scope, `write it as ${scopeKinds().find((k) => k.kind === kind)!.syntax}`);
  segments.forEach((segment, i) => {
    const expected = spec.segments[i];
    if (pattern && segment === '*') return;
    if (!pattern && segment.includes('*')) throw invalid(scope, 'a scope a call needs cannot hold "*"');
    if (expected === 'name') {
      if (!(pattern ? NAME_GLOB : NAME).test(segment))
        throw invalid(scope, `"${segment}" may hold only letters, digits and . _ @ / -`);
    } else if (!expected.includes(segment)) {
      throw invalid(scope, `"${segment}" is not one of ${expected.join(', ')}`);
    }
  });
  const wild = segments.some((segment) => segment.includes('*'));
  return { scope, kind, segments, indexKey: wild ? `${kind}:*` : scope };
}

function parseNetPattern(scope: string, rest: string): ParsedScope {
  const match = /^(\*|https?):\/\/([^/?#]+)([^?#]*)$/.exec(rest);
  if (!match) throw invalid(scope, 'write it as net:https://host[:port]/path, with "*" where anything may go');
  const [, scheme, authority, rawPath] = match;
  if (authority.includes('@')) throw invalid(scope, 'a scope cannot hold user info (user@host)');
  const { host: rawHost, port } = splitAuthority(scope, authority);
  let host = rawHost;
  if (host !== '*') {
    const suffix = host.startsWith('*.') ? host.slice(2) : host;
    if (suffix.includes('*')) throw invalid(scope, 'a host may only be "*" or start with "*."');
    const normal = hostname(scope, suffix);
    host = host.startsWith('*.') ? `*.${normal}` : normal;
  }
  if (port !== '' && port !== '*' && !/^\d{1,5}$/.test(port)) throw invalid(scope, `"${port}" is not a port`);
  const path = rawPath === '' ? '/*' : normalPath(scope, rawPath);
  const canonical = `net:${scheme}://${host}${port === '' ? '' : `:${port}`}${path}`;
  const net = { scheme, host, port: port === DEFAULT_PORT[scheme] ? '' : port, path };
  return { scope: canonical, kind: 'net', net, indexKey: host.includes('*') ? 'net:*' : `net:${host}` };
}

function parseNetNeeded(scope: string, rest: string): ParsedScope {
  const url = parseUrl(scope, rest);
  return {
    scope: `net:${url.protocol}//${url.host}${url.pathname}`,
    kind: 'net',
    net: { scheme: url.protocol.slice(0, -1), host: url.hostname, port: url.port, path: url.pathname },
    indexKey: `net:${url.hostname}`,
  };
}

function parseUrl(scope: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw invalid(scope, `"${text}" is not an absolute URL`, error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid(scope, 'only http and https URLs are allowed');
  if (url.username || url.password)
    throw invalid(scope, 'a URL cannot carry user info (user:password@host); name a vault key instead');
  return url;
}

function splitAuthority(scope: string, authority: string): { host: string; port: string } {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) throw invalid(scope, 'an IPv6 host needs its closing "]"');
    const after = authority.slice(end + 1);
    if (after !== '' && !after.startsWith(':')) throw invalid(scope, 'only ":port" may follow an IPv6 host');
    return { host: authority.slice(0, end + 1), port: after.slice(1) };
  }
  const colon = authority.lastIndexOf(':');
  return colon < 0
    ? { host: authority, port: '' }
    : { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
}

/** The URL parser's form of a host (lower case, punycode), so grants and requests compare alike. */
function hostname(scope: string, host: string): string {
  let url: URL;
  try {
    url = new URL(`http://${host}/`);
  } catch (error) {
    throw invalid(scope, `"${host}" is not a host name`, error);
  }
  if (url.host !== url.hostname || url.username || url.pathname !== '/')
    throw invalid(scope, `"${host}" is not a host name`);
  return url.hostname;
}

function normalPath(scope: string, path: string): string {
  if (!path.startsWith('/')) throw invalid(scope, 'the path must start with "/"');
  return new URL(`http://h${path}`).pathname;
}

function invalid(scope: string, reason: string, cause?: unknown): CometError {
  return new CometError('scope-invalid', { scope, reason }, cause === undefined ? undefined : { cause });
}

/** True when granted scope `granted` (a pattern) covers the scope `needed` a call needs. */
export function covers(granted: ParsedScope, needed: ParsedScope): boolean {
  if (granted.kind !== needed.kind) return false;
  if (granted.net && needed.net) return netCovers(granted.net, needed.net);
  const g = granted.segments!;
  const n = needed.segments!;
  for (let i = 0; i < g.length; i++) {
    if (g[i] === '*' && i === g.length - 1) return true;
    if (i >= n.length || !matchesGlob(g[i], n[i])) return false;
  }
  return g.length === n.length;
}

function netCovers(g: NetParts, n: NetParts): boolean {
  if (g.scheme !== '*' && g.scheme !== n.scheme) return false;
  if (g.host !== '*') {
    if (g.host.startsWith('*.')) {
      if (!n.host.endsWith(g.host.slice(1))) return false;
    } else if (g.host !== n.host) return false;
  }
  // '' is the default port of the needed URL's scheme (the URL parser drops it), so '' matches ''.
  if (g.port !== '*' && g.port !== n.port) return false;
  return matchesGlob(g.path, n.path);
}

/** The scope a request to `url` needs ('net:https://api.example.com/v1/x'). Throws scope-invalid for other schemes or user info. */
export function netScope(url: string | URL): string {
  const text = String(url);
  const parsed = parseUrl(`net:${text}`, text);
  return `net:${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** The scope using vault key `name` needs ('keys:use:openai'). */
export function keyScope(name: string): string {
  return `keys:use:${name}`;
}

/** The host a needed net scope names, or undefined for other scopes. */
export function scopeHost(scope: string): string | undefined {
  return scope.startsWith('net:') ? parseScope(scope, false).net?.host : undefined;
}

/** The vault key a needed keys:use scope names, or undefined for other scopes. */
export function scopeKey(scope: string): string | undefined {
  return scope.startsWith('keys:use:') ? scope.slice('keys:use:'.length) : undefined;
}
