// `npm run size [dir]`: how much JavaScript the first screen loads, gzipped, against the 100 KB budget, and the size of
// everything that loads later: each lazy chunk (dynamic import), each worker, the service worker. Reads the
// esbuild metafile the build writes (dist/meta.json). A figure to report in review, not a test: it always exits 0
// once the build exists.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = process.argv[2] ?? 'dist';
const BUDGET = 100 * 1024;

if (!existsSync(`${DIST}/meta.json`)) {
  process.stderr.write(`No ${DIST}/meta.json: run \`npm run build\` first.\n`);
  process.exit(1);
}
const { outputs } = JSON.parse(readFileSync(`${DIST}/meta.json`, 'utf8'));
const js = Object.keys(outputs).filter((path) => path.endsWith('.js'));

const sizes = new Map();
/** Raw and gzipped bytes of one built file. */
function size(path) {
  if (!sizes.has(path)) {
    const bytes = readFileSync(path);
    sizes.set(path, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizes.get(path);
}

/** `path` and every file it imports statically, transitively (what loading it fetches before it runs). */
function staticClosure(path, seen = new Set()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  for (const { path: dep, kind } of outputs[path]?.imports ?? []) {
    if (kind === 'import-statement' && dep.endsWith('.js')) staticClosure(dep, seen);
  }
  return seen;
}

const sum = (paths) =>
  [...paths].reduce((t, p) => ({ raw: t.raw + size(p).raw, gzip: t.gzip + size(p).gzip }), { raw: 0, gzip: 0 });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const line = (label, { gzip, raw }, note = '') =>
  process.stdout.write(`  ${label.padEnd(44)} ${kb(gzip).padStart(9)} gzip ${kb(raw).padStart(9)} raw${note}\n`);

const main = js.find((path) => outputs[path].entryPoint === 'src/main.ts');
if (!main) {
  process.stderr.write(`${DIST}/meta.json has no output for src/main.ts.\n`);
  process.exit(1);
}
const firstScreen = staticClosure(main);
const total = sum(firstScreen);
process.stdout.write('First screen: main.js and its static imports\n');
for (const path of firstScreen) line(basename(path), size(path));
const share = Math.round((total.gzip / BUDGET) * 100);
line('total', total, `   ${share}% of the ${kb(BUDGET)} budget${total.gzip > BUDGET ? ' — OVER BUDGET' : ''}`);

const workers = js.filter((path) => /\.worker\.ts$/.test(outputs[path].entryPoint ?? ''));
const dynamicTargets = new Set(
  js.flatMap((path) => (outputs[path].imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path)),
);
const lazy = [...dynamicTargets].filter((path) => path.endsWith('.js') && !firstScreen.has(path));
process.stdout.write('\nLazy chunks: what opening each adds beyond the first screen (with its own static imports)\n');
if (lazy.length === 0) process.stdout.write('  (none)\n');
for (const path of lazy) {
  const extra = [...staticClosure(path)].filter((p) => !firstScreen.has(p));
  line(basename(path), sum(extra));
}

process.stdout.write('\nWorkers: each with the chunks it imports\n');
if (workers.length === 0) process.stdout.write('  (none)\n');
for (const path of workers) line(basename(path), sum(staticClosure(path)));

if (existsSync(`${DIST}/sw.js`)) {
  process.stdout.write('\nService worker (installed after the first screen)\n');
  line('sw.js', size(`${DIST}/sw.js`));
}
