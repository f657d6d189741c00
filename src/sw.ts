/// <reference lib="webworker" />
// The one service worker (DESIGN.md "one service worker"): precaches the app shell with Workbox
// injectManifest so that after one visit the app loads and works with the network off. Later features
// that need a service worker (the MSW mock server, offline model files) add their routes here.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation in scope gets the precached page, resolved next to this script, so deep links work
// offline under any sub-path (/comet/ as well as /). Paths naming a file (x.js, x.png) are left alone.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL(new URL('index.html', self.location.href).href), {
    denylist: [/\/[^/?]+\.[^/?]+(\?.*)?$/],
  }),
);

// The first install has nothing to replace, so it takes over at once. A later version waits until the
// page asks (the user clicked "Update available — reload"), so no open page switches under its user.
let firstInstall = false;
self.addEventListener('install', () => {
  firstInstall = !self.registration.active;
  if (firstInstall) void self.skipWaiting();
});
self.addEventListener('activate', (event) => {
  if (firstInstall) event.waitUntil(self.clients.claim());
});
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
