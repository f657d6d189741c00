/**
 * The fetch behind http.request: a deadline on the injected clock, a size cap read from the stream, known secrets
 * scrubbed from what comes back, and failures explained — the browser reports a CORS refusal and an unreachable
 * server as the same bare "Failed to fetch", so a cross-origin failure is told apart with a no-cors probe.
 */
import { abortReason, type Clock } from '../../clock.js';
import { CometError, errorMessage } from '../../errors.js';
import { redactText } from '../../redact.js';

/** What the request sends. */
export interface HttpSend {
  method: string;
  url: string;
  headers: Headers;
  body?: string;
}

/** What came back, as http.request returns it. */
export interface HttpResult {
  status: number;
  statusText: string;
  ok: boolean;
  /** Response headers the browser exposes (lower-case names). */
  headers: Record<string, string>;
  /** Parsed JSON when the response says it is JSON, else text; null when empty. */
  body: unknown;
  bodyType: 'json' | 'text' | 'empty';
  /** The URL after redirects. */
  url: string;
  durationMs: number;
  /** For a 429 or 503 with Retry-After: how long the server asks to wait. */
  retryAfterMs?: number;
}

/** Limits and services of one request. */
export interface HttpOptions {
  clock: Clock;
  /** The caller's cancellation. */
  signal: AbortSignal;
  timeoutMs: number;
  maxBytes: number;
  /** Secrets the host added (vault keys): removed from everything returned or thrown. */
  secrets: readonly string[];
  fetch?: typeof fetch;
}

/** Sends the request and reads the response within the deadline and size cap. */
export async function sendHttp(request: HttpSend, options: HttpOptions): Promise<HttpResult> {
  const { clock, secrets } = options;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const origin = new URL(request.url).origin;
  const deadline = new AbortController();
  const timer = clock.setTimeout(
    () => deadline.abort(new CometError('http-timeout', { origin, timeoutMs: options.timeoutMs })),
    options.timeoutMs,
  );
  const signal = AbortSignal.any([options.signal, deadline.signal]);
  const started = clock.now();
  try {
    let response: Response;
    try {
      response = await doFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
        // The app's own cookies are never a principal's to send.
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      if (signal.aborted) throw abortReason(signal);
      throw await explainFailure(request.url, error, signal, doFetch, secrets);
    }
    const text = scrub(await readCapped(response, options.maxBytes, origin, signal), secrets);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = scrub(value, secrets)));
    const { body, bodyType } = parseBody(text, headers['content-type'] ?? '');
    const retryAfterMs = retryAfter(response.status, headers['retry-after'], clock.now());
    return {
      status: response.status,
      statusText: response.statusText,
      ok: response.ok,
      headers,
      body,
      bodyType,
      url: scrub(response.url || request.url, secrets),
      durationMs: clock.now() - started,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  } finally {
    clock.clearTimeout(timer);
  }
}

/** The response body as text, failing with 'http-too-large' once it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, origin: string, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new CometError('http-too-large', { origin, limit: maxBytes });
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        throw new CometError('http-too-large', { origin, limit: maxBytes });
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    throw error;
  }
  return text + decoder.decode();
}

function parseBody(text: string, contentType: string): Pick<HttpResult, 'body' | 'bodyType'> {
  if (text === '') return { body: null, bodyType: 'empty' };
  if (/[/+]json\b/i.test(contentType)) {
    try {
      return { body: JSON.parse(text) as unknown, bodyType: 'json' };
    } catch {
      // A server that labels text as JSON: the caller still gets what it sent, as text.
      return { body: text, bodyType: 'text' };
    }
  }
  return { body: text, bodyType: 'text' };
}

/** Retry-After (seconds, or an HTTP date) of a 429 or 503, in ms from `now`. */
function retryAfter(status: number, header: string | undefined, now: number): number | undefined {
  if ((status !== 429 && status !== 503) || !header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Why a fetch failed before any response. For another origin, a no-cors HEAD to the same URL tells the cases
 * apart: an opaque answer means the server is there and the browser withheld its response (CORS); a second
 * failure means it could not be reached (or the app's CSP does not allow the address).
 */
async function explainFailure(
  url: string,
  error: unknown,
  signal: AbortSignal,
  doFetch: typeof fetch,
  secrets: readonly string[],
): Promise<Error> {
  const origin = new URL(url).origin;
  const here = (globalThis as { location?: Location }).location?.origin;
  const reason = scrub(errorMessage(error), secrets);
  if (here && origin !== here) {
    try {
      await doFetch(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal });
      return new CometError('http-cors', { origin }, { cause: error });
    } catch (probeError) {
      if (signal.aborted) return abortReason(signal);
      return new CometError('http-network', { origin, reason }, { cause: probeError });
    }
  }
  return new CometError('http-network', { origin, reason }, { cause: error });
}

/** Text without the request's secrets (as sent, URL-encoded or base64), or unchanged when there are none. */
function scrub(text: string, secrets: readonly string[]): string {
  return secrets.length ? redactText(text, secrets) : text;
}
