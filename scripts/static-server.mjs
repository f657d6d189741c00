// A small static file server for dist/: used by `npm start`, the e2e tests and the benchmarks.
// Paths under `base` map to `root`; unknown extension-less paths fall back to index.html.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Starts a server. `base` is the URL sub-path the app lives under ('/' or '/comet/').
 * `onRequest(req, res)` may answer a request itself (return true) — tests use it to fail or alter files.
 * @param {{ root: string, base?: string, port?: number, host?: string,
 *   onRequest?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean | Promise<boolean> }} options
 */
export async function startStaticServer({ root, base = '/', port = 0, host = '127.0.0.1', onRequest }) {
  const rootDir = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      if (onRequest && (await onRequest(req, res))) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (base !== '/' && path === base.slice(0, -1)) {
        res.writeHead(301, { location: base }).end();
        return;
      }
      if (!path.startsWith(base)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      path = path.slice(base.length - 1);
      let file = normalize(join(rootDir, path));
      if (!file.startsWith(rootDir)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info && !extname(path)) {
        file = join(rootDir, 'index.html');
        info = await stat(file).catch(() => undefined);
      }
      if (!info) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const address = server.address();
  const origin = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    server,
    origin,
    url: origin + base,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
