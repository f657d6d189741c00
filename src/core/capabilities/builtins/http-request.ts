/**
 * `http.request`: fetch with the host's grants and vault keys. A caller names a key; the host asks the vault
 * whether this principal may send it to this URL, adds the key's header itself, and scrubs the secret from
 * everything that comes back. The caller never holds the secret.
 */
import { CometError, errorMessage } from '../../errors.js';
import { keyScope, netScope } from '../../supervisor/scopes.js';
import { tokensFromResponse, type Vault } from '../../vault/index.js';
import type { CapabilityDefinition } from '../types.js';
import { sendHttp, type HttpResult } from './http-fetch.js';

/** The methods http.request sends. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The input of http.request. */
export interface HttpRequestInput {
  method?: (typeof HTTP_METHODS)[number];
  url: string;
  headers?: Record<string, string>;
  /** Text as is; any other JSON value is sent as JSON (with Content-Type application/json unless set). */
  body?: unknown;
  /** The name of a vault key: the host adds its header. */
  key?: string;
  /** Deadline for the whole request, in ms (default 30 s). */
  timeoutMs?: number;
}

/** Limits of http.request. */
export interface HttpRequestOptions {
  vault: Vault;
  /** Largest response body read (default 5 MiB). */
  maxResponseBytes?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
}

/** Longest timeoutMs a caller may ask for. */
export const MAX_HTTP_TIMEOUT_MS = 300_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** The http.request capability. */
export function httpRequest(options: HttpRequestOptions): CapabilityDefinition<HttpRequestInput, HttpResult> {
  const maxBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  return {
    name: 'http.request',
    description:
      'Sends an HTTP request and returns status, headers and body (JSON parsed). To authenticate, name a vault key in `key`: the host adds its header; never put secrets in headers yourself.',
    inputSchema: {
      type: 'object',
      required: ['url'],
      additionalProperties: false,
      properties: {
        method: { enum: [...HTTP_METHODS], default: 'GET' },
        url: { type: 'string', format: 'uri', pattern: '^https?://', description: 'An absolute http(s) URL.' },
        headers: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description:
            "Request headers. Unless GET or HEAD, the call's idempotency key goes as Idempotency-Key; set it to '' to send none.",
        },
        body: { description: 'Text, or any JSON value (sent as JSON).' },
        key: { type: 'string', minLength: 1, description: 'The name of a vault key to authenticate with.' },
        timeoutMs: { type: 'integer', minimum: 1, maximum: MAX_HTTP_TIMEOUT_MS, default: DEFAULT_TIMEOUT_MS },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['status', 'statusText', 'ok', 'headers', 'body', 'bodyType', 'url', 'durationMs'],
      additionalProperties: false,
      properties: {
        status: { type: 'integer' },
        statusText: { type: 'string' },
        ok: { type: 'boolean' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        body: {},
        bodyType: { enum: ['json', 'text', 'empty'] },
        url: { type: 'string' },
        durationMs: { type: 'number', minimum: 0 },
        retryAfterMs: { type: 'number', minimum: 0 },
      },
    },
    sideEffects: true,
    source: 'builtin',
    hints: { title: 'HTTP request', destructive: true, openWorld: true },
    // The request's own deadline governs; the host's limit only has to stay out of its way.
    timeoutMs: MAX_HTTP_TIMEOUT_MS + 5_000,
    scopes: (input) => [netScope(input.url), ...(input.key === undefined ? [] : [keyScope(input.key)])],
    run: async (input, ctx) => {
      const method = input.method ?? 'GET';
      const headers = new Headers(input.headers);
      let body: string | undefined;
      if (input.body !== undefined) {
        if (method === 'GET' || method === 'HEAD') {
          throw new CometError('invalid-input', {
            capability: 'http.request',
            summary: `body is not allowed with ${method}`,
          });
        }
        if (typeof input.body === 'string') body = input.body;
        else {
          body = JSON.stringify(input.body);
          if (!headers.has('content-type')) headers.set('content-type', 'application/json');
        }
      }
      addIdempotencyKey(headers, method, ctx.context.idempotencyKey);
      const secrets: string[] = [];
      if (input.key !== undefined) {
        const authorization = await options.vault.authorize({
          keyName: input.key,
          principal: ctx.principal.id,
          capability: 'http.request',
          url: input.url,
          now: ctx.clock.now(),
        });
        if (!authorization.ok) {
          throw new CometError('capability-denied', {
            principal: ctx.principal.id,
            capability: 'http.request',
            reason: authorization.reason,
            rule: `vault:${authorization.code}`,
          });
        }
        for (const [name, value] of Object.entries(await authorization.headers())) {
          headers.set(name, value);
          secrets.push(value, ...secretPart(value));
        }
      }
      const result = await sendHttp(
        { method, url: input.url, headers, body },
        {
          clock: ctx.clock,
          signal: ctx.signal,
          timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          maxBytes,
          secrets,
          fetch: options.fetch,
        },
      );
      if (input.key !== undefined) {
        // The request has been made: a key removed meanwhile must not turn its result into a failure.
        await options.vault
          .recordUsage(input.key, { tokens: tokensFromResponse(result.body) })
          .catch((error: unknown) =>
            ctx.log.warn(`Usage of key "${input.key}" was not counted: ${errorMessage(error)}`),
          );
      }
      return result;
    },
  };
}

/**
 * Sends the call's idempotency key as `Idempotency-Key` on a request that may change something (not GET or HEAD),
 * so a server can deduplicate the engine's at-least-once retries (Stripe's convention). A header the input sets
 * wins; set it to '' to send none (for a server whose CORS rules do not allow the header).
 */
function addIdempotencyKey(headers: Headers, method: string, key: string | undefined): void {
  if (method === 'GET' || method === 'HEAD') return;
  if (!headers.has('idempotency-key')) {
    if (key) headers.set('Idempotency-Key', key);
  } else if (headers.get('idempotency-key') === '') headers.delete('idempotency-key');
}

/** The credential inside a header value ('Bearer abc' → 'abc'), so an echo of the bare secret is scrubbed too. */
function secretPart(value: string): string[] {
  const match = /^\S+\s+(\S.*)$/.exec(value);
  return match ? [match[1]] : [];
}
