/**
 * Makes any value safe to log, audit or show: a JSON copy in which secret-looking fields, known vault secrets and
 * well-known token formats are replaced by '[redacted]', and long strings, deep nesting and big collections are cut.
 * Everything that writes user or capability data somewhere a person or a file may see it goes through here.
 */

/** A JSON value: what redact() returns, and what the audit log hashes. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** How much redact() keeps, and which secrets it knows. */
export interface RedactOptions {
  /** Secrets to remove wherever they appear (the vault's keys); strings shorter than 4 characters are ignored. */
  secrets?: readonly string[];
  /** Longest string kept (default 500); the rest is replaced by a note of how much was cut. */
  maxString?: number;
  /** Deepest nesting kept (default 6). */
  maxDepth?: number;
  /** Most array items or object keys kept (default 50). */
  maxItems?: number;
}

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Field names (lower case, without '-', '_' or spaces) whose values are always secret. */
const SECRET_FIELDS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'auth',
  'credential',
  'credentials',
  'passphrase',
  'privatekey',
  'sessionid',
  'signature',
]);

/**
 * Suffixes of secret field names: apiKey, x-api-key, client_secret, access_token, db_password… but not
 * max_tokens or total_tokens (counts, which end in 'tokens').
 */
const SECRET_SUFFIXES = ['apikey', 'secret', 'token', 'password', 'passwd', 'pwd'];

/** True when a field with this name holds a secret. */
export function isSecretField(name: string): boolean {
  const key = name.toLowerCase().replace(/[-_\s]/g, '');
  return SECRET_FIELDS.has(key) || SECRET_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/** Token shapes that are secret wherever they appear, even when the vault does not know them. */
const SECRET_PATTERNS: [RegExp, string][] = [
  // Credentials after an auth scheme: "Bearer abc…", "Basic dXNlcjpw…".
  [/\b(Bearer|Basic|Token|Digest)\s+[\w.~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Secret query parameters: ?api_key=…&access_token=…
  [
    /([?&](?:api[-_]?key|key|access[-_]?token|token|secret|client[-_]?secret|password|sig|signature)=)[^&#\s"']+/gi,
    `$1${REDACTED}`,
  ],
  // Well-known key formats: OpenAI / Anthropic (sk-…), GitHub (ghp_…), Slack (xox…-), AWS access keys, Google API keys.
  [/\bsk-[\w-]{16,}/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED],
  [/\bxox[abprs]-[\w-]{10,}/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
  [/\bAIza[\w-]{35}\b/g, REDACTED],
];

/** Lone UTF-16 surrogates: JSON canonicalisation rejects them, so they become U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The forms in which a known secret may appear in text: as is, URL-encoded, base64. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(base64(secret));
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Base64 of the UTF-8 bytes of `text`. */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `text` with known secrets, secret token shapes and lone surrogates removed, cut to `maxLength`. */
export function redactText(text: string, secrets: readonly string[] = [], maxLength = Infinity): string {
  return cleanText(text, secretForms(secrets), maxLength);
}

function cleanText(text: string, forms: readonly string[], maxLength: number): string {
  let out = text;
  for (const form of forms) out = out.split(form).join(REDACTED);
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  out = out.replace(LONE_SURROGATE, '\uFFFD');
  if (out.length <= maxLength) return out;
  // Do not split a surrogate pair at the cut.
  const cut = /[\uD800-\uDBFF]/.test(out[maxLength - 1] ?? '') ? maxLength - 1 : maxLength;
  return `${out.slice(0, cut)}… [${out.length - cut} more characters]`;
}

/** A JSON copy of `value` that is safe to log, audit or show (see the module comment). */
export function redact(value: unknown, options: RedactOptions = {}): JsonValue {
  const limits = {
    forms: secretForms(options.secrets ?? []),
    maxString: options.maxString ?? 500,
    maxDepth: options.maxDepth ?? 6,
    maxItems: options.maxItems ?? 50,
  };
  return copy(value, limits, 0, new Set());
}

interface Limits {
  forms: string[];
  maxString: number;
  maxDepth: number;
  maxItems: number;
}

function copy(value: unknown, limits: Limits, depth: number, seen: Set<object>): JsonValue {
  switch (typeof value) {
    case 'string':
      return cleanText(value, limits.forms, limits.maxString);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
      return null;
    case 'function':
    case 'symbol':
      return `[${typeof value}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  if (depth >= limits.maxDepth) return '[…]';
  const special = describeSpecial(object, limits);
  if (special !== undefined) return special;
  seen.add(object);
  try {
    if (Array.isArray(object)) return copyArray(object, limits, depth, seen);
    if (object instanceof Set) return copyArray([...object], limits, depth, seen);
    if (object instanceof Map)
      return copyEntries(
        [...object].map(([k, v]) => [String(k), v] as const),
        limits,
        depth,
        seen,
      );
    if (typeof Headers !== 'undefined' && object instanceof Headers)
      return copyEntries([...object], limits, depth, seen);
    const { toJSON } = object as { toJSON?: unknown };
    if (typeof toJSON === 'function') return copy(toJSON.call(object), limits, depth, seen);
    return copyEntries(Object.entries(object), limits, depth, seen);
  } finally {
    seen.delete(object);
  }
}

function copyArray(items: unknown[], limits: Limits, depth: number, seen: Set<object>): JsonValue[] {
  const out = items.slice(0, limits.maxItems).map((item) => copy(item, limits, depth + 1, seen));
  if (items.length > limits.maxItems) out.push(`… ${items.length - limits.maxItems} more items`);
  return out;
}

function copyEntries(
  entries: readonly (readonly [string, unknown])[],
  limits: Limits,
  depth: number,
  seen: Set<object>,
): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  let kept = 0;
  for (const [rawKey, item] of entries) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (kept === limits.maxItems) {
      out['…'] = `${entries.length - kept} more keys`;
      break;
    }
    const key = cleanText(rawKey, limits.forms, 200);
    out[key] = isSecretField(rawKey) && item !== null && item !== '' ? REDACTED : copy(item, limits, depth + 1, seen);
    kept++;
  }
  return out;
}

/** Values that are not plain objects, described instead of copied; undefined for plain objects and arrays. */
function describeSpecial(value: object, limits: Limits): JsonValue | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) {
    return {
      name: cleanText(value.name, limits.forms, 200),
      message: cleanText(value.message, limits.forms, limits.maxString),
    };
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return `[${value.type || 'blob'}, ${value.size} bytes]`;
  if (value instanceof RegExp) return cleanText(String(value), limits.forms, limits.maxString);
  if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) return `[CryptoKey ${value.algorithm.name}]`;
  if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet)
    return `[${value.constructor.name}]`;
  return undefined;
}
