import { expect, waitUntil } from '@open-wc/testing';
import type { BusMessage } from '../../src/core/bus.js';
import { Logger } from '../../src/core/log.js';
import { spawnWorker } from '../../src/core/rpc.js';
import { StorageMonitor } from '../../src/core/storage.js';
import { PERSISTENCE_META_KEY } from '../../src/ui/persistence-request.js';
import type { Platform } from '../../src/ui/platform.js';
import type { ThemePreference } from '../../src/ui/theme.js';
import { createFutureDatabase, deleteDatabase, testPlatform, uniqueName, until } from './helpers.js';

/** navigator.storage, counting the persist() requests that reach it. */
function countingStorage() {
  const real = navigator.storage;
  const counter = {
    persistCalls: 0,
    manager: {
      estimate: () => real.estimate(),
      persisted: () => real.persisted(),
      persist: () => {
        counter.persistCalls++;
        return real.persist();
      },
    } as StorageManager,
  };
  return counter;
}

describe('createPlatform', () => {
  const opened: Platform[] = [];
  const start = (options: Parameters<typeof testPlatform>[0] = {}) => {
    const platform = testPlatform(options);
    opened.push(platform);
    return platform;
  };
  afterEach(async () => {
    const names = new Set(opened.map((p) => p.dbName));
    await Promise.all(opened.map((p) => p.ready));
    for (const p of opened.splice(0)) p.dispose();
    for (const name of names) await deleteDatabase(name);
  });

  it('tells the user when a worker fails to start', async () => {
    const platform = start();
    await platform.ready;
    const handle = spawnWorker('broken', new URL('../core/fixtures/throws-at-start.worker.ts', import.meta.url));
    await handle.ready.catch(() => undefined);
    await waitUntil(() => platform.toasts.items.some((t) => t.title === 'The broken worker stopped'));
    const toast = platform.toasts.items.find((t) => t.title === 'The broken worker stopped')!;
    expect(toast).to.include({ variant: 'danger', message: handle.error!.message });
    handle.terminate();
  });

  it('restores the settings an earlier session saved', async () => {
    const first = start();
    await first.ready;
    first.updateSettings({ theme: 'dark', debug: true });
    await first.store.flush();
    first.dispose();

    const second = start({ dbName: first.dbName });
    await second.ready;
    expect(second.store.getState().settings).to.deep.equal({ theme: 'dark', debug: true });
  });

  it('applies a settings change made in another tab, live, without echoing it back', async () => {
    const channel = uniqueName('comet-bus');
    const tabA = start({ channel });
    const tabB = start({ channel, dbName: tabA.dbName });
    await Promise.all([tabA.ready, tabB.ready]);
    const published: BusMessage[] = [];
    tabB.bus.subscribe('settings.changed', (_p, m) => published.push(m));

    tabA.updateSettings({ theme: 'light' });
    const theme = await until(
      tabB,
      (s) => s.settings.theme,
      (t: ThemePreference) => t === 'light',
    );

    expect(theme).to.equal('light');
    expect(published.map((m) => m.origin)).to.deep.equal([tabA.bus.id]);
  });

  it('turns debug mode on from ?debug=1 and makes the log verbose', async () => {
    const log = new Logger();
    const platform = start({ url: 'http://localhost/comet/?debug=1#/settings', log });
    await platform.ready;
    expect(platform.store.getState().settings.debug).to.be.true;
    expect(log.verbose).to.be.true;
  });

  it('asks for persistent storage once, after the first save, and records that it asked', async () => {
    const storage = countingStorage();
    const platform = start({ storage: new StorageMonitor(storage.manager) });
    await platform.ready;
    expect(storage.persistCalls).to.equal(0); // no data yet: nothing to keep

    platform.updateSettings({ theme: 'dark' });
    const request = await until(
      platform,
      (s) => s.platform.persistence,
      (p) => p.asked,
    );
    platform.updateSettings({ theme: 'light' });
    await platform.store.flush();

    expect(storage.persistCalls).to.equal(1);
    expect(request.result).to.be.oneOf(['granted', 'denied']);
    const row = await platform.db!.meta.get(PERSISTENCE_META_KEY);
    expect(row?.value).to.include({ result: request.result });

    platform.dispose();
    const later = start({ dbName: platform.dbName, storage: new StorageMonitor(storage.manager) });
    await later.ready;
    later.updateSettings({ debug: true });
    await later.store.flush();
    expect(later.store.getState().platform.persistence.asked).to.be.true;
    expect(storage.persistCalls).to.equal(1);
  });

  it('keeps running on memory and says why when the saved data is from a newer version', async () => {
    const dbName = uniqueName('comet-db');
    await createFutureDatabase(dbName);
    const platform = start({ dbName });
    await platform.ready;

    const { database } = platform.store.getState().platform;
    expect(database.state).to.equal('unavailable');
    expect(database.state === 'unavailable' && database.error.code).to.equal('storage-future-version');
    expect(platform.toasts.items.map((t) => t.variant)).to.include('danger');
    platform.updateSettings({ theme: 'dark' });
    await platform.store.flush();
    expect(platform.store.getState().settings.theme).to.equal('dark');
  });

  it('shows a failed save as an error toast instead of swallowing it', async () => {
    const platform = start();
    await platform.ready;
    platform.db!.close(); // as when another tab upgrades the database: the real write then fails
    platform.updateSettings({ theme: 'dark' });
    let error: unknown;
    await platform.store.flush().catch((e: unknown) => (error = e));
    expect(error).to.exist;
    const toast = platform.toasts.items.find((t) => t.variant === 'danger');
    expect(toast?.title).to.equal('Could not save');
    expect(toast?.message).to.contain('settings');
  });

  it('deletes all local data and tells the other tabs', async () => {
    const channel = uniqueName('comet-bus');
    const tabA = start({ channel });
    const tabB = start({ channel, dbName: tabA.dbName });
    await Promise.all([tabA.ready, tabB.ready]);
    tabA.updateSettings({ theme: 'dark' });
    await tabA.store.flush();
    const told = new Promise<string>((resolve) => tabB.bus.subscribe('data.deleted', (p) => resolve(p.database)));

    await tabA.deleteAllData();

    expect(await told).to.equal(tabA.dbName);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.to.include(tabA.dbName);
  });
});
