// Web Awesome draws a few icons of its own (a dialog's close button, a select's chevron…). It ships them as
// data: URLs and fetch()es them, which our `connect-src 'self'` blocks; its default library fetches from
// Font Awesome's CDN. Both are replaced here by same-origin files (public/webawesome/icons/, written by
// scripts/webawesome-assets.mjs), so no component ever reaches another origin and icons work offline.
import { registerIconLibrary } from '@awesome.me/webawesome/dist/components/icon/library.js';

const VARIANTS = new Set(['solid', 'regular']);

/**
 * Points Web Awesome's 'system' and 'default' icon libraries at `base` (a folder of `<variant>/<name>.svg`
 * files); by default the app's own copy next to index.html, so it works under any sub-path.
 */
export function useLocalIcons(base: string | URL = new URL('webawesome/icons/system/', document.baseURI)): void {
  const folder = new URL(base, document.baseURI).href.replace(/\/?$/, '/');
  const resolver = (name: string, _family: string, variant: string) =>
    `${folder}${VARIANTS.has(variant) ? variant : 'solid'}/${encodeURIComponent(name)}.svg`;
  const mutator = (svg: SVGElement) => {
    if (!svg.hasAttribute('fill')) svg.setAttribute('fill', 'currentColor');
  };
  registerIconLibrary('system', { resolver, mutator });
  registerIconLibrary('default', { resolver, mutator });
}
