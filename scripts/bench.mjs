// `npm run bench [name…]`: bundles bench/<name>.bench.ts (all of them when no name is given) with every worker
// entry into a temporary flat folder, as the app's build does, serves it on 127.0.0.1, runs it in headless
// Chromium, prints a table and writes bench/results/<name>.json:
// {"bench", "date", "browser", "rows": [{"case", "unit", "median", "p95", "samples", "peer", "ratio"}]}.
import { build } from 'esbuild';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_FLAGS, chromePath } from './chrome.mjs';
import { startStaticServer } from './static-server.mjs';

const BENCH_DIR = 'bench';
const RESULTS_DIR = 'bench/results';

/** Worker entries, flat by file name: the app's workers/ and any bench-only worker under bench/. */
async function workerEntries() {
  const entries = {};
  for (const dir of ['workers', BENCH_DIR]) {
    for (const file of await readdir(dir, { recursive: true })) {
      if (file.endsWith('.worker.ts')) entries[file.split('/').pop().replace(/\.ts$/, '')] = join(dir, file);
    }
  }
  return entries;
}

/** Bundles one bench into `out`, production-like (minified, Lit's production build). */
async function bundle(name, out) {
  await build({
    entryPoints: { [`${name}.bench`]: `${BENCH_DIR}/${name}.bench.ts`, ...(await workerEntries()) },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    conditions: ['production'],
    define: { __APP_VERSION__: '"bench"', 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await writeFile(
    join(out, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">\n',
  );
}

/** Runs a bundled bench in `browser` and returns its rows with each ratio to its peer. */
async function run(browser, url, name) {
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') process.stderr.write(`[page] ${message.text()}\n`);
  });
  page.on('pageerror', (error) => process.stderr.write(`[page] ${error.message}\n`));
  await page.goto(url);
  // import() settles once the bench module, top-level awaits included, has finished.
  const rows = await page.evaluate(async (src) => {
    await import(src);
    return globalThis.__cometBench.rows;
  }, `./${name}.bench.js`);
  await page.close();
  const medians = new Map(rows.map((row) => [row.case, row.median]));
  return rows.map((row) => {
    const peerMedian = row.peer === null ? undefined : medians.get(row.peer);
    if (row.peer !== null && peerMedian === undefined)
      throw new Error(`${name}: case ${row.case} names an unknown peer ${row.peer}`);
    const ratio = peerMedian ? Math.round((row.median / peerMedian) * 1000) / 1000 : null;
    return {
      case: row.case,
      unit: row.unit,
      median: row.median,
      p95: row.p95,
      samples: row.samples,
      peer: row.peer,
      ratio,
    };
  });
}

function printTable(name, rows) {
  const header = ['case', 'median', 'p95', 'samples', 'peer', 'ratio'];
  const lines = rows.map((r) => [
    r.case,
    `${r.median} ${r.unit}`,
    `${r.p95} ${r.unit}`,
    String(r.samples),
    r.peer ?? '—',
    r.ratio === null ? '—' : `${r.ratio}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) =>
    cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`\n${name}\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const line of lines) process.stdout.write(format(line) + '\n');
}

const requested = process.argv.slice(2);
const available = (await readdir(BENCH_DIR))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  process.stderr.write(`No such bench: ${unknown.join(', ')}. Available: ${available.join(', ')}.\n`);
  process.exit(1);
}
const names = requested.length ? requested : available;

const out = await mkdtemp(join(tmpdir(), 'comet-bench-'));
const server = await startStaticServer({ root: out });
const browser = await chromium.launch({ executablePath: chromePath(), headless: true, args: CHROME_FLAGS });
try {
  await mkdir(RESULTS_DIR, { recursive: true });
  for (const name of names) {
    await bundle(name, out);
    const rows = await run(browser, server.url, name);
    const result = { bench: name, date: new Date().toISOString(), browser: browser.version(), rows };
    await writeFile(join(RESULTS_DIR, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
    printTable(`${name} (Chromium ${result.browser})`, rows);
    process.stdout.write(`→ ${RESULTS_DIR}/${name}.json\n`);
  }
} finally {
  await browser.close();
  await server.close();
  await rm(out, { recursive: true, force: true });
}
