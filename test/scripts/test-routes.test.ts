// The /__test__/ routes the workflow engine's and the templates' tests rely on (scripts/wtr-test-routes.mjs).
import { expect } from '@open-wc/testing';

/** A fresh namespace, so parallel test files never share state. */
const fresh = () => `routes-${crypto.randomUUID()}`;

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

async function call(path: string, init: RequestInit = {}): Promise<Answer> {
  // no-store as http.request sends it: the browser's cache would otherwise hold back identical concurrent GETs.
  const response = await fetch(path, { cache: 'no-store', ...init });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const post = (path: string, body: unknown, key?: string) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });

describe('test routes (scripts/wtr-test-routes.mjs)', () => {
  it('/record counts a repeated Idempotency-Key once and keeps the first body', async () => {
    const ns = fresh();
    const first = await post(`/__test__/record?ns=${ns}`, { n: 1 }, 'run:a');
    expect(first.body).to.deep.include({ duplicate: false, key: 'run:a', unique: 1, total: 1 });
    const again = await post(`/__test__/record?ns=${ns}`, { n: 1, retried: true }, 'run:a');
    expect(again.body).to.deep.include({ duplicate: true, unique: 1, total: 2 });
    await post(`/__test__/record?ns=${ns}`, { n: 2 }, 'run:b');
    await post(`/__test__/record?ns=${ns}`, 'no key');
    const all = await call(`/__test__/record?ns=${ns}`);
    expect(all.body).to.deep.equal({
      unique: 3,
      total: 4,
      keys: ['run:a', 'run:b', null],
      bodies: [{ n: 1 }, { n: 2 }, 'no key'],
    });
    const one = await call(`/__test__/record?ns=${ns}&key=run:a`);
    expect(one.body).to.deep.include({ key: 'run:a', count: 2, body: { n: 1 } });
    expect((await call(`/__test__/record?ns=${fresh()}`)).body.unique, 'another namespace is empty').to.equal(0);
    await call(`/__test__/record?ns=${ns}`, { method: 'DELETE' });
    expect((await call(`/__test__/record?ns=${ns}`)).body).to.deep.include({ unique: 0, total: 0 });
  });

  it('/flaky fails the asked number of times with the status and Retry-After, then succeeds', async () => {
    const path = `/__test__/flaky?ns=${fresh()}&failures=2&status=429&retryAfter=3`;
    const one = await call(path);
    expect([one.status, one.headers.get('retry-after'), one.body]).to.deep.equal([429, '3', { ok: false, attempt: 1 }]);
    expect((await call(path)).status).to.equal(429);
    const three = await call(path);
    expect([three.status, three.body]).to.deep.equal([200, { ok: true, attempt: 3 }]);
    const plain = await call(`/__test__/flaky?ns=${fresh()}`);
    expect([plain.status, plain.headers.get('retry-after')]).to.deep.equal([503, null]);
  });

  it('/poll answers pending until the readyAfter-th call, then done with a result', async () => {
    const ns = fresh();
    const path = `/__test__/poll?ns=${ns}&readyAfter=3`;
    expect((await call(path)).body).to.deep.equal({ status: 'pending', calls: 1 });
    expect((await call(path)).body).to.deep.equal({ status: 'pending', calls: 2 });
    expect((await call(path)).body).to.deep.equal({ status: 'done', calls: 3, result: { ns, answer: 42 } });
    await call(path, { method: 'DELETE' });
    expect((await call(path)).body.calls, 'DELETE starts counting again').to.equal(1);
  });

  it('/items answers n items with id, name, host and value', async () => {
    const { body } = await call('/__test__/items?n=4');
    expect(body.items).to.deep.equal([
      { id: 1, name: 'Item 1', host: 'alpha.example', value: 37 },
      { id: 2, name: 'Item 2', host: 'beta.example', value: 74 },
      { id: 3, name: 'Item 3', host: 'gamma.example', value: 11 },
      { id: 4, name: 'Item 4', host: 'alpha.example', value: 48 },
    ]);
    expect((await call('/__test__/items')).body.items).to.have.length(10);
  });

  it('/slow counts the requests in flight at once, per namespace', async () => {
    const ns = fresh();
    const answers = await Promise.all([1, 2, 3].map(() => call(`/__test__/slow?ns=${ns}&ms=1000`)));
    const max = Math.max(...answers.map((a) => a.body.maxInFlight as number));
    // A browser opens up to 6 connections per host, so the three overlap within their second.
    expect(max).to.equal(3);
    const after = await call(`/__test__/slow?ns=${ns}&ms=0`);
    expect(after.body).to.deep.equal({ ms: 0, inFlight: 1, maxInFlight: 3, tag: null });
    const other = await call(`/__test__/slow?ns=${fresh()}&ms=0`);
    expect(other.body.maxInFlight).to.equal(1);
  });

  it('/slow stops counting a request whose caller gave up', async () => {
    const ns = fresh();
    const inFlight = async () => (await call(`/__test__/slow?ns=${ns}&ms=0`)).body.inFlight;
    /** Probes until a probe sees `n` requests in flight (itself included). */
    const until = async (n: number) => {
      let seen = await inFlight();
      for (let i = 0; i < 100 && seen !== n; i++) seen = await inFlight();
      return seen;
    };
    const controller = new AbortController();
    const hung = fetch(`/__test__/slow?ns=${ns}&ms=30000`, { signal: controller.signal });
    expect(await until(2), 'the long request is in flight beside the probe').to.equal(2);
    controller.abort();
    const error = await hung.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).to.equal('AbortError');
    expect(await until(1), 'only the probe is left').to.equal(1);
  });

  it('takes the namespace from a /ns/<name>/ path prefix too, and echoes the tag of /slow', async () => {
    const ns = fresh();
    await post(`/__test__/ns/${ns}/record`, { via: 'prefix' }, 'k');
    expect((await call(`/__test__/record?ns=${ns}`)).body).to.deep.include({ unique: 1, bodies: [{ via: 'prefix' }] });
    expect((await call(`/__test__/ns/${ns}/poll?readyAfter=1`)).body).to.deep.equal({
      status: 'done',
      calls: 1,
      result: { ns, answer: 42 },
    });
    expect((await call(`/__test__/ns/${ns}/slow?ms=0&tag=7`)).body).to.include({ tag: '7', maxInFlight: 1 });
  });
});
