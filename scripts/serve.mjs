// `npm start` / `npm run serve`: serves the built dist/ on http://127.0.0.1:8080 (PORT, HOST and BASE override).
import { existsSync } from 'node:fs';
import { startStaticServer } from './static-server.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(flag('port') ?? process.env.PORT ?? 8080);
const host = flag('host') ?? process.env.HOST ?? '127.0.0.1';
let base = flag('base') ?? process.env.BASE ?? '/';
if (!base.startsWith('/')) base = '/' + base;
if (!base.endsWith('/')) base += '/';

if (!existsSync('dist/index.html')) {
  process.stderr.write('dist/ has not been built yet: run `npm run build` first (npm start does both).\n');
  process.exit(1);
}
try {
  const { url } = await startStaticServer({ root: 'dist', base, port, host });
  process.stdout.write(`CometPlatform is served at ${url}  (Ctrl+C stops it)\n`);
} catch (error) {
  const reason = error?.code === 'EADDRINUSE' ? `port ${port} is in use; try PORT=8081 npm start` : String(error);
  process.stderr.write(`Could not start the server: ${reason}\n`);
  process.exit(1);
}
