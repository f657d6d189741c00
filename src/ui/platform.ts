// The page's services, started in an order that never holds up first paint: the log, the bus (joined to the
// other tabs), the store (usable at once with default state), then in the background the database (loaded
// lazily: Dexie is not part of the first screen), the restored settings, the storage estimate and the service
// worker. A database that cannot open leaves the app running on memory, with the reason shown.
import { EventBus } from '../core/bus.js';
import type { Clock } from '../core/clock.js';
import { errorMessage, type CometError } from '../core/errors.js';
import { log as defaultLog, type Logger } from '../core/log.js';
import { DexieSlicePersistence, MemorySlicePersistence } from '../core/slice-persistence.js';
import { StorageMonitor } from '../core/storage.js';
import { createStore, type Store } from '../core/store.js';
import { workerRegistry, type WorkerRegistryView } from '../core/worker-registry.js';
import type { CometDB } from '../db/db.js';
import type { SupervisorServices } from '../modules/supervisor/supervisor-services.js';
import type { WorkflowServices } from '../modules/workflows/services/workflow-services.js';
import { BusRecorder } from './bus-recorder.js';
import { DeferredSlicePersistence } from './deferred-persistence.js';
import { installErrorBoundary } from './error-boundary.js';
import { askForPersistenceOnce, readPersistenceRequest, requestPersistence } from './persistence-request.js';
import { platformSlice, updateStatus, type StatusError } from './platform-status.js';
import { registerServiceWorker, type ServiceWorkerController } from './service-worker.js';
import { changeSettings, followOtherTabs, settingsBroadcast, settingsSlice, type Settings } from './settings.js';
import { ToastCenter } from './toasts.js';

declare module '../core/events.js' {
  interface CometEvents {
    /** A tab deleted all local data; every other tab reloads without writing anything back. */
    'data.deleted': { database: string };
  }
}

/** Options of createPlatform; the defaults are the real app's, tests pass their own names. */
export interface PlatformOptions {
  /** IndexedDB database name (default: the app's). */
  dbName?: string;
  /** BroadcastChannel the bus joins to reach other tabs; false for none. */
  channel?: string | false;
  /** Register the service worker (default true). */
  serviceWorker?: boolean;
  /**
   * Join the workflow engine's leader election once the database is open (default true), so unfinished runs continue
   * and schedules fire after a reload without any view being opened. Tests of other parts pass false.
   */
  orchestrator?: boolean;
  /** The page URL whose `?debug=1` turns debug mode on (default: location.href). */
  url?: string;
  /** Where uncaught errors and `pagehide` are listened for (default: window); null for nowhere. */
  window?: Window | null;
  log?: Logger;
  storage?: StorageMonitor;
  /** Drives toast timers (tests pass a ManualClock). */
  clock?: Clock;
}

type AppSlices = [typeof settingsSlice, ReturnType<typeof platformSlice>];

/** The store of the shell. */
export type AppStore = Store<{ settings: Settings; platform: ReturnType<typeof platformSlice>['initialState'] }>;

/** The services every element reaches through the platform context. */
export interface Platform {
  readonly log: Logger;
  readonly bus: EventBus;
  readonly store: AppStore;
  readonly storage: StorageMonitor;
  readonly toasts: ToastCenter;
  /** Recent bus messages, for the debug inspector. */
  readonly busHistory: BusRecorder;
  readonly workers: WorkerRegistryView;
  /** Undefined when service workers are not registered (tests, or turned off). */
  readonly serviceWorker: ServiceWorkerController | undefined;
  /** The database, once open; undefined while opening or when unavailable (see store status). */
  readonly db: CometDB | undefined;
  readonly dbName: string;
  /** Resolves once the database has opened (or failed over to memory) and the settings are restored. */
  readonly ready: Promise<void>;
  /** Changes settings here and in every other tab. */
  updateSettings(patch: Partial<Settings>): void;
  /** Reads the storage estimate again. */
  refreshStorage(): Promise<void>;
  /** Asks the browser for persistent storage (the "Keep data on this device" button) and records the answer. */
  requestPersistence(): Promise<'granted' | 'denied' | 'unsupported'>;
  /** Deletes the database (closing it first) and tells other tabs; the caller reloads. Nothing is written after. */
  deleteAllData(): Promise<void>;
  /** The supervisor's services (loaded and created on first call, then the same promise); outside agents use it. */
  supervisor(): Promise<SupervisorServices>;
  /** The workflow module's services (loaded on first call, then the same promise); agents and e2e tests use it. */
  workflows(): Promise<WorkflowServices>;
  /** Stops listening and closes the database and channel (tests; the real page just goes away). */
  dispose(): void;
}

/** Creates and starts the platform; returns at once (see `ready`). */
export function createPlatform(options: PlatformOptions = {}): Platform {
  const log = options.log ?? defaultLog;
  const win = options.window === undefined ? globalThis.window : options.window;
  const dbName = options.dbName ?? 'comet';
  const bus = new EventBus();
  const disposers: (() => void)[] = [];
  if (options.channel !== false) disposers.push(bus.connectBroadcastChannel(options.channel ?? 'comet-bus'));
  const toasts = new ToastCenter({ clock: options.clock });
  const storage = options.storage ?? new StorageMonitor();
  const busHistory = new BusRecorder(bus);
  let db: CometDB | undefined;

  const opened = openDatabaseLazily(dbName, log, toasts);
  const persistence = new DeferredSlicePersistence(
    opened.then((r) => (r.ok ? new DexieSlicePersistence(r.db) : new MemorySlicePersistence())),
    () => afterSave(),
  );
  const store: AppStore = createStore<AppSlices>({
    slices: [settingsSlice, platformSlice(dbName)],
    middleware: [settingsBroadcast(bus)],
    persistence,
    log,
    bus,
    onPersistError: (error) =>
      toasts.show({
        variant: 'danger',
        title: error.code === 'storage-quota' ? 'Storage is full' : 'Could not save',
        message: error.message,
      }),
  });
  disposers.push(followOtherTabs(bus, (action) => store.dispatch(action)));
  disposers.push(explainWorkerFailures(workerRegistry, toasts));
  disposers.push(
    store.select(
      (s) => s.settings.debug,
      (debug) => (log.verbose = debug),
    ),
  );

  const refreshStorage = async () => {
    try {
      store.dispatch(updateStatus({ storage: await storage.estimate() }));
    } catch (error) {
      log.warn('storage', `No storage estimate: ${errorMessage(error)}`);
    }
  };
  let storageTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  /** Work started in the background that must finish before the database closes. */
  const background = new Set<Promise<unknown>>();
  const afterSave = () => {
    if (disposed) return;
    // Writes come in bursts; one estimate after the burst is enough.
    clearTimeout(storageTimer);
    storageTimer = setTimeout(() => void refreshStorage(), 500);
    if (!db) return;
    const asking = askForPersistenceOnce({ db, storage, store, toasts, log });
    background.add(asking);
    void asking.finally(() => background.delete(asking));
  };

  const ready = opened.then(async (result) => {
    if (result.ok) {
      db = result.db;
      store.dispatch(updateStatus({ database: { state: 'open', name: dbName, version: result.db.verno } }));
      store.dispatch(updateStatus({ persistence: await readPersistenceRequest(result.db) }));
    } else {
      store.dispatch(updateStatus({ database: { state: 'unavailable', name: dbName, error: asStatus(result.error) } }));
    }
    await store.ready;
    const debug = new URL(options.url ?? globalThis.location?.href ?? 'about:blank').searchParams.get('debug');
    if (debug === '1' || debug === '0') store.dispatch(changeSettings({ debug: debug === '1' }));
    await refreshStorage();
  });

  let serviceWorker: ServiceWorkerController | undefined;
  if (options.serviceWorker !== false) {
    serviceWorker = registerServiceWorker({ log });
    const sw = serviceWorker;
    let explained = false;
    const mirror = () => {
      store.dispatch(updateStatus({ serviceWorker: sw.state }));
      // Say why once, where the user looks; the status bar keeps showing the state.
      if (sw.state === 'failed' && sw.error && !explained) {
        explained = true;
        toasts.show({ variant: 'warning', title: 'Offline support failed', message: sw.error.message });
      }
    };
    mirror();
    disposers.push(sw.subscribe(mirror));
  }

  let deleting = false;
  if (win) {
    disposers.push(installErrorBoundary(win, { log, toasts }));
    // The last chance to save: bfcache and mobile browsers may never fire unload.
    const onPageHide = () => {
      if (!deleting) store.flush().catch((error: unknown) => log.error('store', errorMessage(error), error));
    };
    win.addEventListener('pagehide', onPageHide);
    disposers.push(() => win.removeEventListener('pagehide', onPageHide));
    disposers.push(
      bus.subscribe('data.deleted', ({ database }, message) => {
        if (message.origin === bus.id || database !== dbName) return;
        deleting = true;
        persistence.discard();
        win.location.reload();
      }),
    );
  }

  let workflows: Promise<WorkflowServices> | undefined;
  const platform: Platform = {
    log,
    bus,
    store,
    storage,
    toasts,
    busHistory,
    workers: workerRegistry,
    serviceWorker,
    get db() {
      return db;
    },
    dbName,
    ready,
    updateSettings: (patch) => store.dispatch(changeSettings(patch)),
    refreshStorage,
    async requestPersistence() {
      const result = await requestPersistence({ db, storage, store, log });
      await refreshStorage();
      return result;
    },
    async deleteAllData() {
      deleting = true;
      persistence.discard();
      await opened; // never race the open
      await Promise.allSettled([...background]);
      // The engine's worker holds the database open too: stop it first (another tab takes over after the reload).
      await workflows?.then((services) => services.dispose()).catch(() => undefined);
      db?.close();
      await deleteDatabase(dbName);
      log.info('db', `Deleted all local data (${dbName}).`);
      bus.publish('data.deleted', { database: dbName });
    },
    supervisor() {
      return import('../modules/supervisor/supervisor-services.js').then((m) => m.supervisorServices(this));
    },
    workflows() {
      workflows ??= import('../modules/workflows/services/workflow-services.js').then((m) => m.workflowServices(this));
      workflows.catch(() => (workflows = undefined));
      return workflows;
    },
    dispose() {
      disposed = true;
      for (const dispose of disposers.splice(0)) dispose();
      clearTimeout(storageTimer);
      busHistory.dispose();
      toasts.dispose();
      bus.close();
      void Promise.allSettled([ready, ...background]).then(() => db?.close());
    },
  };
  if (options.orchestrator !== false) {
    void ready.then(() => {
      // After first paint and the database: the engine's code is a lazy chunk, like every module.
      const start = () => void platform.workflows().catch((e: unknown) => log.error('workflows', errorMessage(e), e));
      if (db && !disposed) setTimeout(start, 0);
    });
  }
  return platform;
}

/** Opens the database through a dynamic import, so Dexie loads after first paint, in its own chunk. */
async function openDatabaseLazily(name: string, log: Logger, toasts: ToastCenter) {
  const { openDatabase } = await import('../db/open.js');
  const result = await openDatabase({
    name,
    log,
    onBlocked: (error) => toasts.show({ variant: 'warning', title: 'Waiting for other tabs', message: error.message }),
    onClosedForUpgrade: (error) =>
      toasts.show({
        variant: 'warning',
        title: 'Saving stopped',
        message: error.message,
        duration: Infinity,
        action: { label: 'Reload', run: () => location.reload() },
      }),
  });
  if (!result.ok) toasts.show({ variant: 'danger', title: 'Your data cannot be saved', message: result.error.message });
  return result;
}

function asStatus(error: CometError): StatusError {
  return { code: error.code, message: error.message };
}

/** Deletes an IndexedDB database; other tabs' connections close themselves on `versionchange` (src/db/open.ts). */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete the database ${name}`));
  });
}

/** Tells the user, once per worker, when one fails to start or crashes: the features it serves are unavailable. */
function explainWorkerFailures(registry: WorkerRegistryView, toasts: ToastCenter): () => void {
  const explained = new Set<string>();
  return registry.subscribe(() => {
    for (const worker of registry.list()) {
      const key = `${worker.name}@${worker.startedAt}`;
      if (worker.state !== 'failed' || explained.has(key)) continue;
      explained.add(key);
      toasts.show({
        variant: 'danger',
        title: `The ${worker.name} worker stopped`,
        message: worker.error ?? 'It failed without saying why. Reload to try again.',
      });
    }
  });
}
