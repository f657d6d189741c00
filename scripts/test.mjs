// `npm test` runs this after typecheck, lint and build: the unit tests (@web/test-runner in Chromium),
// then the whole-app tests (node:test + playwright-core against dist/). Its last line is
// `N passed, N failed` over both. `--unit` or `--e2e` runs one part; other arguments filter e2e files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { chromePath } from './chrome.mjs';

chromePath(); // fail early, with the install hint, when there is no browser
const args = process.argv.slice(2);
const only = args.find((a) => a === '--unit' || a === '--e2e');
const filters = args.filter((a) => !a.startsWith('--'));
const CACHE = '.cache/test';
rmSync(CACHE, { recursive: true, force: true });
mkdirSync(CACHE, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (file) => {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  } catch {
    totals.failed++; // the runner died before reporting: that is a failure, not silence
    process.stderr.write(`No test counts in ${file}: the runner stopped before reporting.\n`);
  }
};

if (only !== '--e2e') {
  const count = `${CACHE}/unit.json`;
  spawnSync('npx', ['wtr', '--config', 'web-test-runner.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, COMET_COUNT_FILE: count },
  });
  add(count);
}

if (only !== '--unit') {
  const files = readdirSync('test/e2e')
    .filter((f) => f.endsWith('.test.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  await build({
    entryPoints: files.map((f) => `test/e2e/${f}`),
    outdir: `${CACHE}/e2e`,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const count = `${CACHE}/e2e.json`;
  const built = files.map((f) => `${CACHE}/e2e/${f.replace(/\.ts$/, '.mjs')}`);
  if (built.length) {
    spawnSync(
      process.execPath,
      [
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=./scripts/node-count-reporter.mjs',
        `--test-reporter-destination=${count}`,
        ...built,
      ],
      { stdio: 'inherit' },
    );
    add(count);
  }
}

if (totals.skipped) process.stdout.write(`\n${totals.skipped} skipped`);
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed\n`);
process.exitCode = totals.failed ? 1 : 0;
