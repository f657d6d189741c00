import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** Runs `node scripts/serve.mjs …args` (what `npm start` runs after building) until it prints its URL. */
async function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['scripts/serve.mjs', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /served at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${output}`)));
  });
  return {
    url,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('npm start (scripts/serve.mjs)', () => {
  it('serves the built app on 127.0.0.1 at the port PORT names', async () => {
    const server = await serve([], { PORT: '0' });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(server.url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await page.text(), /<comet-app>/);
    } finally {
      await server.stop();
    }
  });

  it('serves under a sub-path with --base, with JavaScript typed as such and the bare sub-path redirected', async () => {
    const server = await serve(['--port', '0', '--base', 'comet']);
    try {
      assert.match(server.url, /\/comet\/$/);
      const sw = await fetch(new URL('sw.js', server.url));
      assert.equal(sw.status, 200);
      assert.match(sw.headers.get('content-type') ?? '', /^text\/javascript/);
      const bare = await fetch(server.url.slice(0, -1), { redirect: 'manual' });
      assert.equal(bare.status, 301);
      assert.equal(bare.headers.get('location'), '/comet/');
      const outside = await fetch(new URL('/main.js', server.url));
      assert.equal(outside.status, 404);
    } finally {
      await server.stop();
    }
  });
});
