import { expect } from '@open-wc/testing';
import type { HttpResult } from '../../../src/core/capabilities/builtins/index.js';
import { isCometError, type CometError } from '../../../src/core/errors.js';
import { hostRig, rejection, type HostRig } from './rig.js';

const SECRET = 'sk-test-Zq81vXw0pLmN4rT7yU2bC9dE';
const here = location.origin;
/** The same server under another origin (localhost ↔ 127.0.0.1): the browser applies CORS to it. */
const elsewhere = here.includes('localhost')
  ? here.replace('localhost', '127.0.0.1')
  : here.replace('127.0.0.1', 'localhost');

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Everything the app keeps that could leak a key: the audit export, the log, and every table's rows (as JSON). */
async function everythingStored(r: HostRig): Promise<string> {
  const audit = await new Response(r.audit.exportJsonl()).text();
  const log = JSON.stringify(r.log.entries());
  const tables = await Promise.all(
    r.db.tables
      .filter((t) => t.name !== 'vaultKeys' && t.name !== 'vaultMeta')
      .map(async (t) => JSON.stringify(await t.toArray())),
  );
  return [audit, log, ...tables].join('\n');
}

describe('http.request', () => {
  let r: HostRig;
  let fetched: string[];
  let onFetch: (() => void) | undefined;

  beforeEach(async () => {
    fetched = [];
    onFetch = undefined;
    r = await hostRig(undefined, {
      http: {
        maxResponseBytes: 10_000,
        fetch: (url, init) => {
          fetched.push(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url);
          const request = fetch(url, init);
          onFetch?.();
          return request;
        },
      },
    });
    await r.vault.add({ name: 'echo-key', secret: SECRET, hosts: [`${here}/__test__/*`, `${elsewhere}/__test__/*`] });
  });
  afterEach(() => r.close());

  it('needs a net grant for the URL, and says which grant would allow it', async () => {
    const error = await rejection(r.host.invoke(r.agent, 'http.request', { url: `${here}/__test__/echo` }));
    expect(isCometError(error, 'capability-denied')).to.be.true;
    expect((error as CometError).details.wouldAllowWith).to.deep.equal([`net:${here}/__test__/echo`]);
    expect(fetched).to.deep.equal([]);
  });

  it('sends the request and returns status, headers and the parsed JSON body', async () => {
    await r.grant(`net:${here}/__test__/*`);
    const result = (await r.host.invoke(r.agent, 'http.request', {
      method: 'POST',
      url: `${here}/__test__/echo?x=1`,
      headers: { 'X-Trace': 'abc' },
      body: { hello: 'world' },
    })) as HttpResult;
    expect(result.status).to.equal(200);
    expect(result.bodyType).to.equal('json');
    expect(result.headers['x-test']).to.equal('echo');
    const echo = result.body as { method: string; query: unknown; headers: Record<string, string>; body: string };
    expect(echo.method).to.equal('POST');
    expect(echo.query).to.deep.equal({ x: '1' });
    expect(echo.headers['x-trace']).to.equal('abc');
    expect(echo.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(echo.body)).to.deep.equal({ hello: 'world' });
  });

  it('adds the vault key’s header itself; the caller, the audit log, the log and the bus never see the secret', async () => {
    // Everything published on the bus from here on: what the debug inspector would show.
    const published: unknown[] = [];
    const stopRecording = r.bus.subscribe('*', (_payload, message) => published.push(message));
    await r.grant(`net:${here}/__test__/*`);
    await r.grant('keys:use:echo-key');
    const result = (await r.host.invoke(r.agent, 'http.request', {
      url: `${here}/__test__/echo`,
      key: 'echo-key',
    })) as HttpResult;
    const echo = result.body as { headers: Record<string, string>; authorizationSha256: string };
    // The server received exactly "Bearer <secret>" …
    expect(echo.authorizationSha256).to.equal(await sha256Hex(`Bearer ${SECRET}`));
    // … and its echo of the header reached the caller with the secret taken out.
    expect(echo.headers.authorization).to.equal('[redacted]');
    expect(JSON.stringify(result)).to.not.contain(SECRET);
    expect(await everythingStored(r)).to.not.contain(SECRET);
    stopRecording();
    expect(published, 'nothing was published on the bus').to.not.be.empty;
    expect(JSON.stringify(published)).to.not.contain(SECRET);
    expect((await r.vault.usage())[0]).to.include({ name: 'echo-key', calls: 1 });
  });

  it('needs a keys:use grant to name a key, and the key must be allowed for the URL', async () => {
    await r.grant(`net:${here}/__test__/*`);
    await r.grant(`net:${here}/other/*`);
    const noGrant = await rejection(
      r.host.invoke(r.agent, 'http.request', { url: `${here}/__test__/echo`, key: 'echo-key' }),
    );
    expect((noGrant as CometError).details.wouldAllowWith).to.deep.equal(['keys:use:echo-key']);
    await r.grant('keys:use:echo-key');
    const wrongHost = await rejection(
      r.host.invoke(r.agent, 'http.request', { url: `${here}/other/x`, key: 'echo-key' }),
    );
    expect(isCometError(wrongHost, 'capability-denied')).to.be.true;
    expect((wrongHost as Error).message).to.contain('may only be sent to');
    expect(fetched).to.deep.equal([]);
  });

  it('reports the tokens a response’s usage block counts to the vault', async () => {
    await r.grant(`net:${here}/__test__/*`);
    await r.grant('keys:use:echo-key');
    await r.host.invoke(r.agent, 'http.request', { url: `${here}/__test__/usage`, key: 'echo-key' });
    const [usage] = await r.vault.usage();
    expect(usage).to.include({ calls: 1, tokens: 42 });
  });

  it('returns a 429 with how long the server asks to wait', async () => {
    await r.grant(`net:${here}/__test__/*`);
    const result = (await r.host.invoke(r.agent, 'http.request', {
      url: `${here}/__test__/status/429?retryAfter=7`,
    })) as HttpResult;
    expect(result).to.include({ status: 429, ok: false, retryAfterMs: 7000 });
  });

  it('explains a CORS refusal by another origin, without the secret', async () => {
    await r.grant(`net:${elsewhere}/__test__/*`);
    await r.grant('keys:use:echo-key');
    const error = await rejection(
      r.host.invoke(r.agent, 'http.request', { url: `${elsewhere}/__test__/echo`, key: 'echo-key' }),
    );
    expect(isCometError(error, 'http-cors')).to.be.true;
    expect((error as Error).message).to.equal(
      `The browser blocked the response from ${elsewhere} (CORS): the server does not allow requests from this app's origin. Use a server that sends Access-Control-Allow-Origin, or a proxy you trust.`,
    );
    expect(await everythingStored(r)).to.not.contain(SECRET);
    // The same server, allowing this origin, answers.
    const allowed = (await r.host.invoke(r.agent, 'http.request', {
      url: `${elsewhere}/__test__/echo?cors=1`,
    })) as HttpResult;
    expect(allowed.status).to.equal(200);
  });

  it('tells an unreachable server from a CORS refusal', async () => {
    await r.grant('net:http://127.0.0.1:1/*');
    const error = await rejection(r.host.invoke(r.agent, 'http.request', { url: 'http://127.0.0.1:1/x' }));
    expect((error as CometError).code).to.equal('http-network');
    expect((error as Error).message).to.contain('failed before any response arrived');
  });

  it('refuses a response over the size cap', async () => {
    await r.grant(`net:${here}/__test__/*`);
    const ok = (await r.host.invoke(r.agent, 'http.request', { url: `${here}/__test__/bytes?n=10000` })) as HttpResult;
    expect((ok.body as string).length).to.equal(10_000);
    const error = await rejection(r.host.invoke(r.agent, 'http.request', { url: `${here}/__test__/bytes?n=10001` }));
    expect((error as CometError).code).to.equal('http-too-large');
  });

  it('gives up on a server that does not answer within timeoutMs, on the injected clock', async () => {
    await r.grant(`net:${here}/__test__/*`);
    const inFlight = new Promise<void>((resolve) => (onFetch = resolve));
    const call = r.host.invoke(r.agent, 'http.request', { url: `${here}/__test__/hang`, timeoutMs: 5000 });
    await inFlight;
    r.clock.advance(5000);
    const error = await rejection(call);
    expect((error as CometError).code).to.equal('http-timeout');
    const entries = await r.audit.query({ order: 'asc' });
    expect(entries.at(-1)?.outcome).to.equal('timeout');
  });

  it('refuses a body with GET', async () => {
    await r.grant(`net:${here}/__test__/*`);
    const error = await rejection(r.host.invoke(r.agent, 'http.request', { url: `${here}/__test__/echo`, body: 'x' }));
    expect((error as CometError).code).to.equal('invalid-input');
    expect(fetched).to.deep.equal([]);
  });

  it("sends the call's idempotency key as Idempotency-Key unless GET or HEAD, or the input sets the header", async () => {
    await r.grant(`net:${here}/__test__/*`);
    const sent = async (input: Record<string, unknown>, idempotencyKey?: string) => {
      const result = (await r.host.invoke(
        r.agent,
        'http.request',
        { url: `${here}/__test__/echo`, ...input },
        idempotencyKey === undefined ? {} : { idempotencyKey },
      )) as HttpResult;
      return (result.body as { headers: Record<string, string> }).headers['idempotency-key'];
    };
    expect(await sent({ method: 'POST', body: { a: 1 } }, 'run-1:charge')).to.equal('run-1:charge');
    expect(await sent({ method: 'DELETE' }, 'run-1:cleanup')).to.equal('run-1:cleanup');
    expect(await sent({ method: 'GET' }, 'run-1:read')).to.be.undefined;
    expect(await sent({ method: 'POST' })).to.be.undefined;
    expect(await sent({ method: 'POST', headers: { 'Idempotency-Key': 'mine' } }, 'run-1:x')).to.equal('mine');
    expect(await sent({ method: 'PUT', headers: { 'idempotency-key': '' } }, 'run-1:y')).to.be.undefined;
  });
});
