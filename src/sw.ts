/// <reference lib="webworker" />
// The one service worker: precaches the app shell (Workbox injectManifest) so the app works offline.
import { precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
