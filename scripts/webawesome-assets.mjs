// Web Awesome's assets, served by the app itself (offline, and under `style-src 'self'`):
// - copyWebAwesomeStyles(out): the default theme and the files it @imports, into <out>/webawesome/.
//   Only these: themes/awesome.css @imports a font from a CDN, and the native/utility sheets are unused.
// - writeSystemIcons(dir): the "system" icons its components draw (close, chevrons, check…) as SVG files.
//   Web Awesome ships them as data: URLs that it fetch()es, which `connect-src 'self'` blocks; the app
//   registers a library that fetches these same-origin files instead (src/ui/webawesome.ts).
//   `node scripts/webawesome-assets.mjs` refreshes public/webawesome/icons after a Web Awesome upgrade;
//   test/ui/webawesome.test.ts fails when they drift.
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';

const STYLES = 'node_modules/@awesome.me/webawesome/dist/styles';
const FILES = [
  'layers.css',
  'themes/default.css',
  'color/palettes/base.css',
  'color/palettes/default.css',
  'color/variants.css',
];

/** Copies the default theme with its imports to `<out>/webawesome/`, keeping their relative paths. */
export async function copyWebAwesomeStyles(out) {
  const variants = (await readdir(`${STYLES}/color/variants`)).map((f) => `color/variants/${f}`);
  for (const file of [...FILES, ...variants]) {
    await mkdir(`${out}/webawesome/${file.split('/').slice(0, -1).join('/')}`, { recursive: true });
    await cp(`${STYLES}/${file}`, `${out}/webawesome/${file}`);
  }
}

/**
 * Writes every system icon as `<dir>/<variant>/<name>.svg`, every name in every variant with the library's own
 * fallback (the variant's icon, else the regular one), so a resolver needs no list of names.
 */
export async function writeSystemIcons(dir) {
  const { icons } = await import('@awesome.me/webawesome/dist/components/icon/library.system.js');
  const names = new Set(Object.values(icons).flatMap((set) => Object.keys(set)));
  for (const [variant, set] of Object.entries(icons)) {
    await mkdir(`${dir}/${variant}`, { recursive: true });
    for (const name of names)
      await writeFile(`${dir}/${variant}/${name}.svg`, (set[name] ?? icons.regular[name]) + '\n');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeSystemIcons('public/webawesome/icons/system');
}
