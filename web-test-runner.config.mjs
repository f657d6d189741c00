// Unit and element tests in real headless Chromium (real IndexedDB, workers, WebCrypto).
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROME_FLAGS, chromePath } from './scripts/chrome.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { storageQuotaPlugin } from './scripts/wtr-storage-quota.mjs';
import { verifyAuditPlugin } from './scripts/wtr-verify-audit.mjs';
import { testRoutes } from './scripts/wtr-test-routes.mjs';

export default {
  files: ['test/**/*.test.ts', '!test/e2e/**'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 180000,
  middleware: [
    // /__test__/echo and friends: a real HTTP server for the http.request capability's tests.
    testRoutes,
    // Source files name a worker as './x.worker.js' next to themselves (as in the flat dist/);
    // here every worker is served from workers/x.worker.ts. A redirect, not a rewrite: the worker's relative
    // imports resolve against its final URL, which must be under /workers/.
    function workerFromSource(context, next) {
      const match = /\/([\w-]+\.worker)\.js(\?.*)?$/.exec(context.url);
      if (match && !context.url.startsWith('/workers/'))
        return context.redirect(`/workers/${match[1]}.ts${match[2] ?? ''}`);
      else if (match) context.url = context.url.replace(/\.js(\?|$)/, '.ts$1');
      return next();
    },
  ],
  plugins: [
    storageQuotaPlugin(),
    verifyAuditPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', define: { __APP_VERSION__: '"test"' } }),
    // Dexie's "import" entry wraps a UMD file; unbundled pages need the real ES module.
    {
      name: 'dexie-esm',
      resolveImport: ({ source }) => (source === 'dexie' ? '/node_modules/dexie/dist/dexie.mjs' : undefined),
    },
    // cronstrue ships only a UMD file (the build's esbuild converts it); unbundled pages get it as an ES module.
    {
      name: 'cronstrue-esm',
      transform: ({ path, body }) =>
        path.endsWith('/node_modules/cronstrue/dist/cronstrue.js')
          ? { body: `var module = { exports: {} }, exports = module.exports;\n${body}\nexport default module.exports;` }
          : undefined,
    },
  ],
  reporters: [defaultReporter(), countReporter()],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromePath(), headless: true, args: CHROME_FLAGS },
    }),
  ],
};
