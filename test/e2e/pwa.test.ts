import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { serviceWorkerControls, shellRendered, startApp, type AppSession } from './harness.js';
import { mainNav, navEntries, viewShows } from './shell.js';

interface Manifest {
  name: string;
  short_name: string;
  id: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
}

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// Served under a sub-path, the way a user deploys to https://example.org/comet/. A profile on disk,
// because Chromium never offers to install an app from an incognito-like context.
describe('the installable, offline app under a sub-path (/comet/)', () => {
  let app: AppSession;
  let page: Page;

  before(async () => {
    app = await startApp({ base: '/comet/', persistent: true });
    page = await app.open();
  });
  after(() => app.close());

  it('links a manifest with names, colours, standalone display and URLs relative to the app', async () => {
    const manifest = (await (await fetch(new URL('manifest.webmanifest', app.url))).json()) as Manifest;
    assert.equal(manifest.name, 'CometPlatform');
    assert.ok(
      manifest.short_name.length > 0 && manifest.short_name.length <= 12,
      'a short name that fits a home screen',
    );
    assert.equal(manifest.display, 'standalone');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
    for (const key of ['id', 'start_url', 'scope'] as const) {
      assert.ok(
        !manifest[key].startsWith('/') && !/^[a-z]+:/i.test(manifest[key]),
        `${key} is relative: ${manifest[key]}`,
      );
    }
    const linked = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=manifest]')?.href);
    assert.equal(linked, new URL('manifest.webmanifest', app.url).href);
  });

  it('has real PNG icons of 192 and 512 pixels, and a maskable one', async () => {
    const { icons } = (await (await fetch(new URL('manifest.webmanifest', app.url))).json()) as Manifest;
    const wanted = [
      { sizes: '192x192', purpose: 'any' },
      { sizes: '512x512', purpose: 'any' },
      { sizes: '512x512', purpose: 'maskable' },
    ];
    for (const { sizes, purpose } of wanted) {
      const icon = icons.find((i) => i.sizes === sizes && (i.purpose ?? 'any').split(' ').includes(purpose));
      assert.ok(icon, `an icon ${sizes} for ${purpose}`);
      const response = await fetch(new URL(icon.src, new URL('manifest.webmanifest', app.url)));
      assert.equal(response.status, 200, icon.src);
      const [width, height] = sizes.split('x').map(Number);
      assert.deepEqual(pngSize(Buffer.from(await response.arrayBuffer())), { width, height }, icon.src);
    }
  });

  it('becomes offline-ready after the first visit: a service worker scoped to the sub-path controls the page', async () => {
    await serviceWorkerControls(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, app.url);
    await page
      .getByText(/offline ready/i)
      .first()
      .waitFor();
  });

  it('is installable: Chromium reports no installability errors', async () => {
    const cdp = await app.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string; errorArguments: unknown[] }>;
    };
    assert.deepEqual(installabilityErrors, []);
    await cdp.detach();
  });

  it('reloads and works with the network off and the server gone, deep links included', async () => {
    await app.context.setOffline(true);
    await app.stopServer();

    await page.reload();
    await shellRendered(page);
    await page.getByText('Offline', { exact: true }).first().waitFor(); // the status bar says so
    const entries = await navEntries(page);
    for (const { title } of entries) {
      await mainNav(page).getByRole('link', { name: title }).first().click();
      await viewShows(page, title);
    }

    const deep = await app.context.newPage();
    await deep.goto(`${app.url}#/settings`);
    await shellRendered(deep);
    await viewShows(deep, 'Settings');
    assert.equal(await deep.evaluate(() => navigator.onLine), false);
    await deep.close();
  });
});
