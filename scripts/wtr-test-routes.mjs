// Test-only HTTP routes (the http.request capability, the workflow engine and its templates talk to a real server):
//   /__test__/echo           answers any method with { method, path, query, headers, body, authorizationSha256 } as JSON
//   /__test__/status/<code>  answers with that status; ?retryAfter=<s> adds a Retry-After header
//   /__test__/usage          answers like an LLM API: JSON with a `usage` block of token counts
//   /__test__/bytes?n=<n>    answers n bytes of text
//   /__test__/hang           never answers (until the caller gives up, or 30 s pass)
//   /__test__/record         POST records the body under its Idempotency-Key header (a repeated key counts once) and
//                            answers { duplicate, key, unique, total }; GET answers { unique, total, keys, bodies },
//                            with ?key=<k> also { key, count, body } of that key; DELETE forgets everything
//   /__test__/flaky?failures=<n>&status=<code>&retryAfter=<s>
//                            fails n times (status 503 unless given, Retry-After when asked) with { ok: false,
//                            attempt }, then answers { ok: true, attempt }; DELETE starts counting again
//   /__test__/poll?readyAfter=<n>
//                            answers { status: 'pending', calls } until the n-th call (default 3), then
//                            { status: 'done', calls, result: { ns, answer: 42 } }; DELETE starts counting again
//   /__test__/items?n=<n>    answers { items: [{ id, name, host, value }, …] }: n items (default 10), three hosts
//   /__test__/slow?ms=<ms>&tag=<t>
//                            answers after ms (default 100) with { ms, inFlight, maxInFlight, tag }: the slow
//                            requests running now (this one included), the most ever at once, and the tag sent
//                            (null without one); DELETE resets the counts
// The stateful routes (record, flaky, poll, slow) keep their state per namespace, so parallel tests don't mix: name it
// with ?ns=<name>, or as a path prefix — /__test__/ns/<name>/record is /__test__/record?ns=<name>, which lets a
// workflow's baseUrl input (…/__test__/ns/<name>) carry it.
// Add ?cors=1 to any route to allow every origin (with preflight); without it, cross-origin callers are refused
// by the browser, as by a server that does not know the app.
//
// `testRoutes` mounts them in web-test-runner (Koa); `nodeTestRoutes` in a node:http server (the e2e harness).
// The production server (`npm start`) never serves them.
import { createHash } from 'node:crypto';

const PREFIX = '/__test__/';
const HOSTS = ['alpha.example', 'beta.example', 'gamma.example'];

/** State of the stateful routes, by route and namespace. */
const state = { record: new Map(), flaky: new Map(), poll: new Map(), slow: new Map() };

/** The state of `route` in namespace `ns`, created by `fresh` on first use. */
function stateOf(route, ns, fresh) {
  const all = state[route];
  if (!all.has(ns)) all.set(ns, fresh());
  return all.get(ns);
}

/** An integer query parameter, `fallback` when absent, clamped to [0, max]. */
function intParam(value, fallback, max) {
  const n = value === undefined ? fallback : Math.trunc(Number(value));
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), max) : fallback;
}

const json = (body, status = 200, headers = {}) => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Waits `ms`, or less when the caller goes away. */
function pause(ms, request) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    request.onClose(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Parses a recorded body: JSON when it is JSON, else the text. */
function parsedBody(text, type) {
  if (!/json/i.test(type ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text; // recorded as sent: the test that sent it sees what arrived
  }
}

function record(request, ns) {
  const book = stateOf('record', ns, () => ({ entries: [], byKey: new Map() }));
  const summary = () => ({
    unique: book.entries.length,
    total: book.entries.reduce((sum, e) => sum + e.count, 0),
    keys: book.entries.map((e) => e.key),
    bodies: book.entries.map((e) => e.body),
  });
  if (request.method === 'DELETE') {
    state.record.delete(ns);
    return json({ cleared: true });
  }
  if (request.method === 'GET') {
    const key = request.query.key;
    if (key === undefined) return json(summary());
    const entry = book.byKey.get(key);
    return json({ ...summary(), key, count: entry?.count ?? 0, body: entry?.body ?? null });
  }
  return request.text().then((text) => {
    const key = request.header('idempotency-key') || null;
    const known = key === null ? undefined : book.byKey.get(key);
    if (known) known.count += 1;
    else {
      const entry = { key, count: 1, body: parsedBody(text, request.header('content-type')) };
      book.entries.push(entry);
      if (key !== null) book.byKey.set(key, entry);
    }
    return json({ duplicate: Boolean(known), key, ...summary() });
  });
}

function flaky(request, ns) {
  if (request.method === 'DELETE') return json({ cleared: state.flaky.delete(ns) });
  const counter = stateOf('flaky', ns, () => ({ attempts: 0 }));
  const attempt = ++counter.attempts;
  if (attempt > intParam(request.query.failures, 1, 1000)) return json({ ok: true, attempt });
  const status = intParam(request.query.status, 503, 599);
  const retryAfter = request.query.retryAfter;
  return json({ ok: false, attempt }, status, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) });
}

function poll(request, ns) {
  if (request.method === 'DELETE') return json({ cleared: state.poll.delete(ns) });
  const counter = stateOf('poll', ns, () => ({ calls: 0 }));
  const calls = ++counter.calls;
  if (calls < intParam(request.query.readyAfter, 3, 1000)) return json({ status: 'pending', calls });
  return json({ status: 'done', calls, result: { ns, answer: 42 } });
}

function items(request) {
  const n = intParam(request.query.n, 10, 1000);
  const list = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `Item ${i + 1}`,
    host: HOSTS[i % HOSTS.length],
    value: ((i + 1) * 37) % 100,
  }));
  return json({ items: list });
}

async function slow(request, ns) {
  if (request.method === 'DELETE') return json({ cleared: state.slow.delete(ns) });
  const counts = stateOf('slow', ns, () => ({ inFlight: 0, maxInFlight: 0 }));
  const ms = intParam(request.query.ms, 100, 30_000);
  counts.inFlight += 1;
  counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
  try {
    await pause(ms, request);
    const tag = request.query.tag ?? null;
    return json({ ms, inFlight: counts.inFlight, maxInFlight: counts.maxInFlight, tag });
  } finally {
    counts.inFlight -= 1;
  }
}

/**
 * The answer to a test route, or undefined when the path is not one. `request` is { method, path, query,
 * headers, header(name), text(), onClose(fn) }; the answer is { status, headers, body }.
 */
async function answer(request) {
  if (!request.path.startsWith(PREFIX)) return undefined;
  const prefixed = /^ns\/([\w.:-]+)\/(.*)$/.exec(request.path.slice(PREFIX.length));
  const route = prefixed ? prefixed[2] : request.path.slice(PREFIX.length);
  const headers = { 'Cache-Control': 'no-store' };
  const reply = (response) => ({ ...response, headers: { ...headers, ...response.headers } });
  if (request.query.cors === '1') {
    headers['Access-Control-Allow-Origin'] = request.header('origin') || '*';
    headers['Access-Control-Allow-Methods'] = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
    headers['Access-Control-Allow-Headers'] = request.header('access-control-request-headers') || '*';
    headers['Access-Control-Expose-Headers'] = 'Retry-After, X-Test';
    if (request.method === 'OPTIONS') return reply({ status: 204, headers: {}, body: '' });
  }
  const ns = prefixed?.[1] ?? request.query.ns ?? 'default';
  if (route === 'echo') {
    const body = await request.text();
    const authorization = request.header('authorization');
    return reply(
      json(
        {
          method: request.method,
          path: request.path,
          query: request.query,
          headers: request.headers,
          body,
          authorizationSha256: authorization ? createHash('sha256').update(authorization).digest('hex') : null,
        },
        200,
        { 'X-Test': 'echo' },
      ),
    );
  }
  const status = /^status\/(\d{3})$/.exec(route);
  if (status) {
    const code = Number(status[1]);
    const retryAfter = request.query.retryAfter;
    return reply(json({ status: code }, code, retryAfter ? { 'Retry-After': String(retryAfter) } : {}));
  }
  if (route === 'usage') {
    return reply(
      json({
        id: 'chatcmpl-test',
        choices: [{ message: { role: 'assistant', content: 'ok' } }],
        usage: { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 },
      }),
    );
  }
  if (route === 'bytes') {
    const n = Number(request.query.n ?? 0);
    return reply({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'x'.repeat(n) });
  }
  if (route === 'hang') {
    await pause(30_000, request);
    return reply({ status: 504, headers: { 'Content-Type': 'text/plain' }, body: 'gave up' });
  }
  if (route === 'record') return reply(await record(request, ns));
  if (route === 'flaky') return reply(flaky(request, ns));
  if (route === 'poll') return reply(poll(request, ns));
  if (route === 'items') return reply(items(request));
  if (route === 'slow') return reply(await slow(request, ns));
  return reply({ status: 404, headers: { 'Content-Type': 'text/plain' }, body: `No test route ${request.path}` });
}

/** Reads a request body as text. */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The route's view of a node request: `res` closing before it is answered means the caller went away. */
function routeRequest(req, res, path, query) {
  return {
    method: req.method ?? 'GET',
    path,
    query,
    headers: req.headers,
    header: (name) => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? '');
    },
    text: () => readBody(req),
    onClose: (fn) => res.once('close', fn),
  };
}

/** The Koa middleware for web-test-runner.config.mjs. */
export async function testRoutes(context, next) {
  if (!context.path.startsWith(PREFIX)) return next();
  const response = await answer(routeRequest(context.req, context.res, context.path, { ...context.query }));
  context.status = response.status;
  for (const [name, value] of Object.entries(response.headers)) context.set(name, value);
  context.body = response.status === 204 ? null : response.body;
}

/** The same routes for a node:http server: answers and returns true for a test route, else returns false. */
export async function nodeTestRoutes(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(PREFIX)) return false;
  const response = await answer(routeRequest(req, res, url.pathname, Object.fromEntries(url.searchParams)));
  if (res.destroyed) return true;
  res.writeHead(response.status, response.headers);
  res.end(response.status === 204 ? undefined : response.body);
  return true;
}
