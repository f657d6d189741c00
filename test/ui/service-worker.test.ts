import { expect } from '@open-wc/testing';
import { Logger } from '../../src/core/log.js';
import { registerServiceWorker, type ServiceWorkerController } from '../../src/ui/service-worker.js';

/** Resolves once the controller leaves 'installing'. */
const settled = (sw: ServiceWorkerController) =>
  new Promise<void>((resolve) => {
    if (sw.state !== 'installing') return resolve();
    const off = sw.subscribe(() => {
      off();
      resolve();
    });
  });

// Fixture workers register with their folder as scope, so they never control this test page; the app's
// own offline behaviour is covered end to end in test/e2e/pwa.test.ts.
describe('registerServiceWorker', () => {
  afterEach(async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  });

  it('fails with a clear, logged error when the script cannot be fetched, and keeps the page running', async () => {
    const log = new Logger();
    const sw = registerServiceWorker({ log, url: new URL('./fixtures/missing.sw.js', import.meta.url).href });
    expect(sw.state).to.equal('installing');
    await settled(sw);
    expect(sw.state).to.equal('failed');
    expect(sw.error?.code).to.equal('service-worker-failed');
    expect(sw.error?.message).to.match(/^Offline support could not be installed/);
    expect(log.entries().some((e) => e.level === 'error' && e.source === 'sw')).to.be.true;
  });

  it('fails when the worker loads but its install step fails', async () => {
    const log = new Logger();
    const sw = registerServiceWorker({ log, url: new URL('./fixtures/install-fails.sw.ts', import.meta.url).href });
    await settled(sw);
    expect(sw.state).to.equal('failed');
    expect(sw.error?.message).to.include('install step failed');
  });

  it('is ready once a first install has activated', async () => {
    const sw = registerServiceWorker({
      log: new Logger(),
      url: new URL('./fixtures/installs.sw.ts', import.meta.url).href,
    });
    await settled(sw);
    expect(sw.state).to.equal('ready');
    expect(sw.error).to.be.undefined;
  });

  it('has nothing to apply when no new version is waiting', async () => {
    const log = new Logger();
    const sw = registerServiceWorker({ log, url: new URL('./fixtures/installs.sw.ts', import.meta.url).href });
    await settled(sw);
    sw.applyUpdate();
    expect(log.entries().at(-1)?.message).to.include('nothing to apply');
  });
});
