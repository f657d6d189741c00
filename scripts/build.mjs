// `npm run build`: bundles the app, its workers and its service worker into a static dist/.
// Every file lands flat in dist/ so that `new URL('./x.worker.js', import.meta.url)` resolves the same way
// from any module or chunk, and relative URLs keep the app working under any sub-path.
import { build } from 'esbuild';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { injectManifest } from 'workbox-build';
import { copyWebAwesomeStyles } from './webawesome-assets.mjs';

const OUT = 'dist';
const pkg = JSON.parse(await readFile('package.json', 'utf8'));
const version = `${pkg.version}+${new Date()
  .toISOString()
  .replace(/[-:.TZ]/g, '')
  .slice(0, 14)}`;
const production = process.env.NODE_ENV !== 'development';

/** The worker entry points, one per file in workers/ (kept flat in dist/). */
async function workerEntries() {
  const names = (await readdir('workers')).filter((f) => f.endsWith('.worker.ts'));
  return Object.fromEntries(names.map((f) => [f.replace(/\.ts$/, ''), `workers/${f}`]));
}

const shared = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: production,
  sourcemap: true,
  legalComments: 'linked',
  define: {
    __APP_VERSION__: JSON.stringify(version),
    'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
  },
  logLevel: 'warning',
};

/**
 * Publishes the supervisor's and the workflows' JSON Schemas as static files (schemas/*.schema.json) so that editors
 * and other tools can validate policy and workflow files without the app; the sources of truth stay
 * src/core/supervisor/policy-schema.ts and src/modules/workflows/model/schema.ts.
 */
async function publishSchemas(dir) {
  const bundled = await build({
    stdin: {
      contents:
        "export * from './src/core/supervisor/policy-schema.ts';\n" +
        "export * from './src/modules/workflows/model/schema.ts';\n",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  const source = bundled.outputFiles[0].text;
  const schemas = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  await mkdir(dir, { recursive: true });
  const files = {
    'policy-file': schemas.policyFileSchema,
    policy: schemas.policySchema,
    grant: schemas.grantSchema,
    workflow: schemas.workflowSchema,
  };
  for (const [name, schema] of Object.entries(files)) {
    await writeFile(`${dir}/${name}.schema.json`, JSON.stringify(schema, null, 2) + '\n');
  }
}

export async function buildApp() {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });

  const app = await build({
    ...shared,
    entryPoints: { main: 'src/main.ts', ...(await workerEntries()) },
    outdir: OUT,
    splitting: true,
    chunkNames: '[name]-[hash]',
    metafile: true,
    // Lit prints a dev-mode banner unless its production export condition is picked.
    conditions: production ? ['production'] : ['development'],
  });
  await writeFile(`${OUT}/meta.json`, JSON.stringify(app.metafile));

  await build({
    ...shared,
    entryPoints: { sw: 'src/sw.ts' },
    outdir: OUT,
    format: 'iife',
  });

  await cp('public', OUT, { recursive: true });
  await copyWebAwesomeStyles(OUT);
  await cp('index.html', `${OUT}/index.html`);
  await cp('manifest.webmanifest', `${OUT}/manifest.webmanifest`);
  await writeFile(`${OUT}/version.json`, JSON.stringify({ version }) + '\n');
  await publishSchemas(`${OUT}/schemas`);

  const { count, size, warnings } = await injectManifest({
    swSrc: `${OUT}/sw.js`,
    swDest: `${OUT}/sw.js`,
    globDirectory: OUT,
    globPatterns: ['**/*.{html,js,mjs,css,json,webmanifest,png,svg,ico,wasm,onnx,txt}'],
    globIgnores: ['sw.js', 'meta.json', '**/*.map', '**/*.LEGAL.txt'],
    maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  });
  for (const warning of warnings) process.stderr.write(`workbox: ${warning}\n`);
  process.stdout.write(`Built ${version} into ${OUT}/ (${count} files precached, ${(size / 1024).toFixed(0)} KB)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildApp();
}
