// A throw-away copy of dist/ that a test can "deploy a new version" to, the way a real deploy changes a
// static host: new file contents, and a service worker whose precache manifest lists their new revisions.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Copies dist/ to a new temporary folder and returns its path. */
export async function copyDist(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'comet-e2e-dist-'));
  await cp('dist', dir, { recursive: true });
  return dir;
}

/** Removes a folder made by {@link copyDist}. */
export async function removeCopy(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The version the copy in `dir` was built as (dist/version.json). */
export async function versionOf(dir: string): Promise<string> {
  return (JSON.parse(await readFile(join(dir, 'version.json'), 'utf8')) as { version: string }).version;
}

/**
 * Rewrites the build's version to `next` in every precached file that carries it (version.json, the
 * bundles), then updates those files' revisions in sw.js exactly as Workbox's injectManifest computes them
 * (MD5 of the contents), so the browser sees a changed service worker with a changed precache.
 */
export async function deployNewVersion(dir: string, next: string): Promise<void> {
  const current = await versionOf(dir);
  const swPath = join(dir, 'sw.js');
  let sw = await readFile(swPath, 'utf8');
  let changed = 0;
  for (const file of await filesUnder(dir)) {
    const url = relative(dir, file).split('\\').join('/');
    if (url === 'sw.js' || !/\.(js|mjs|json|html)$/.test(url)) continue;
    const text = await readFile(file, 'utf8');
    if (!text.includes(current)) continue;
    const updated = text.split(current).join(next);
    await writeFile(file, updated);
    const entry = new RegExp(`\\{"revision":"[0-9a-f]+","url":"${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\}`);
    if (!entry.test(sw)) continue; // not precached (source maps, meta.json)
    const revision = createHash('md5').update(updated).digest('hex');
    sw = sw.replace(entry, JSON.stringify({ revision, url }));
    changed++;
  }
  if (changed === 0) throw new Error(`No precached file in ${dir} carries the version ${current}`);
  await writeFile(swPath, sw);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
