// Persistent storage (navigator.storage.persist()): the app asks once, as soon as the user has data worth
// keeping (the first successful save), remembers in the `meta` table that it asked, and shows the answer.
// Asking earlier would be asking for nothing; asking on every start would nag (some browsers prompt).
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { StorageMonitor } from '../core/storage.js';
import type { Store } from '../core/store.js';
import type { CometDB } from '../db/db.js';
import { updateStatus, type PersistenceRequest, type PlatformStatus } from './platform-status.js';
import type { ToastCenter } from './toasts.js';

/** The `meta` row that records the request. */
export const PERSISTENCE_META_KEY = 'storage.persistence-request';

type StatusStore = Pick<Store<{ platform: PlatformStatus }>, 'getState' | 'dispatch'>;

/** What an earlier session recorded about the request ({ asked: false } when it never asked). */
export async function readPersistenceRequest(db: CometDB): Promise<PersistenceRequest> {
  const row = await db.meta.get(PERSISTENCE_META_KEY);
  const value = row?.value as { result?: PersistenceRequest['result']; at?: number } | undefined;
  return value ? { asked: true, result: value.result, at: value.at } : { asked: false };
}

/** Asks the browser now, records the answer (in `meta` when there is a database) and puts it in the status. */
export async function requestPersistence(deps: {
  db: CometDB | undefined;
  storage: StorageMonitor;
  store: StatusStore;
  log: Logger;
}): Promise<'granted' | 'denied' | 'unsupported'> {
  const result = await deps.storage.requestPersistence();
  const at = Date.now();
  deps.log.info('storage', `Persistent storage: ${result}.`);
  deps.store.dispatch(updateStatus({ persistence: { asked: true, result, at } }));
  await deps.db?.meta.put({ key: PERSISTENCE_META_KEY, value: { result, at } });
  return result;
}

/** The request under way per database, so concurrent saves ask once. */
const asking = new WeakMap<CometDB, Promise<void>>();

/** Asks once per installation, after the first save; later calls (and concurrent ones) do nothing. */
export function askForPersistenceOnce(deps: {
  db: CometDB;
  storage: StorageMonitor;
  store: StatusStore;
  toasts: ToastCenter;
  log: Logger;
}): Promise<void> {
  if (deps.store.getState().platform.persistence.asked) return Promise.resolve();
  const pending = asking.get(deps.db);
  if (pending) return pending;
  const request = (async () => {
    try {
      if ((await readPersistenceRequest(deps.db)).asked) return;
      const result = await requestPersistence(deps);
      if (result === 'granted') {
        deps.toasts.show({
          variant: 'success',
          title: 'Your data is kept on this device',
          message: 'The browser will not clear CometPlatform’s data to free space.',
        });
      } else if (result === 'denied') {
        deps.toasts.show({
          title: 'Storage is best-effort',
          message:
            'The browser did not make storage persistent, so it may clear this site’s data when the disk is nearly full. ' +
            'Installing the app usually changes its answer; you can ask again in Settings › Storage.',
        });
      }
    } catch (error) {
      deps.log.error('storage', `Could not ask for persistent storage: ${errorMessage(error)}`, error);
    } finally {
      asking.delete(deps.db);
    }
  })();
  asking.set(deps.db, request);
  return request;
}
