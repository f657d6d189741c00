// Test-only HTTP routes for unit tests in the browser (the http.request capability talks to a real server):
//   /__test__/echo           answers any method with { method, path, query, headers, body, authorizationSha256 } as JSON
//   /__test__/status/<code>  answers with that status; ?retryAfter=<s> adds a Retry-After header
//   /__test__/usage          answers like an LLM API: JSON with a `usage` block of token counts
//   /__test__/bytes?n=<n>    answers n bytes of text
//   /__test__/hang           never answers (until the caller gives up, or 30 s pass)
// Add ?cors=1 to any route to allow every origin (with preflight); without it, cross-origin callers are refused
// by the browser, as by a server that does not know the app.
import { createHash } from 'node:crypto';

const PREFIX = '/__test__/';

/** Reads a request body as text. */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Koa middleware for web-test-runner.config.mjs. */
export async function testRoutes(context, next) {
  if (!context.path.startsWith(PREFIX)) return next();
  const route = context.path.slice(PREFIX.length);
  if (context.query.cors === '1') {
    context.set('Access-Control-Allow-Origin', context.get('Origin') || '*');
    context.set('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
    context.set('Access-Control-Allow-Headers', context.get('Access-Control-Request-Headers') || '*');
    context.set('Access-Control-Expose-Headers', 'Retry-After, X-Test');
    if (context.method === 'OPTIONS') {
      context.status = 204;
      return;
    }
  }
  context.set('Cache-Control', 'no-store');
  if (route === 'echo') {
    const body = await readBody(context.req);
    const authorization = context.get('Authorization');
    context.set('X-Test', 'echo');
    context.type = 'application/json';
    context.body = JSON.stringify({
      method: context.method,
      path: context.path,
      query: context.query,
      headers: context.headers,
      body,
      authorizationSha256: authorization ? createHash('sha256').update(authorization).digest('hex') : null,
    });
    return;
  }
  const status = /^status\/(\d{3})$/.exec(route);
  if (status) {
    context.status = Number(status[1]);
    if (context.query.retryAfter) context.set('Retry-After', String(context.query.retryAfter));
    context.type = 'application/json';
    context.body = JSON.stringify({ status: context.status });
    return;
  }
  if (route === 'usage') {
    context.type = 'application/json';
    context.body = JSON.stringify({
      id: 'chatcmpl-test',
      choices: [{ message: { role: 'assistant', content: 'ok' } }],
      usage: { prompt_tokens: 12, completion_tokens: 30, total_tokens: 42 },
    });
    return;
  }
  if (route === 'bytes') {
    context.type = 'text/plain';
    context.body = 'x'.repeat(Number(context.query.n ?? 0));
    return;
  }
  if (route === 'hang') {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 30_000);
      context.req.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    context.status = 504;
    context.body = 'gave up';
    return;
  }
  context.status = 404;
  context.body = `No test route ${context.path}`;
}
