import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { startApp } from './harness.js';

describe('test routes in whole-app tests', () => {
  it('startApp({ testRoutes: true }) serves /__test__/ beside the app, to the page and to node', async () => {
    const app = await startApp({ base: '/comet/', testRoutes: true });
    try {
      const items = await fetch(new URL('/__test__/items?n=2', app.url));
      assert.equal(items.status, 200);
      assert.deepEqual(
        ((await items.json()) as { items: { id: number }[] }).items.map((i) => i.id),
        [1, 2],
      );
      const page = await app.context.newPage();
      await page.goto(app.url);
      const recorded = await page.evaluate(async (ns) => {
        const post = () =>
          fetch(`/__test__/record?ns=${ns}`, { method: 'POST', headers: { 'Idempotency-Key': 'k1' }, body: 'x' });
        await post();
        await post();
        return (await (await fetch(`/__test__/record?ns=${ns}`)).json()) as unknown;
      }, crypto.randomUUID());
      assert.deepEqual(recorded, { unique: 1, total: 2, keys: ['k1'], bodies: ['x'] });
      const app404 = await fetch(new URL('/comet/no-such-file.js', app.url));
      assert.equal(app404.status, 404, 'the app is still served as before');
    } finally {
      await app.close();
    }
  });

  it('npm start (scripts/serve.mjs) does not serve them', async () => {
    const child = spawn(process.execPath, ['scripts/serve.mjs'], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /served at (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${output}`)));
      });
      const response = await fetch(new URL('/__test__/items', url));
      // An unknown path without an extension gets the app's index.html, as any client-side route does.
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.doesNotMatch(await response.text(), /"items"/);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });
});
