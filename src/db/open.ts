/**
 * Opens the app's database, or says clearly why it cannot: no IndexedDB, data from a newer build, data that
 * cannot be read, an upgrade blocked by another tab. None of these paths deletes or rewrites what is stored:
 * a database this build does not understand is closed untouched, and a failed upgrade rolls back.
 */
import { CometError, errorMessage } from '../core/errors.js';
import { log as defaultLog, type Logger } from '../core/log.js';
import { isQuotaError } from '../core/storage.js';
import { CometDB, DB_NAME, SCHEMA_VERSION } from './db.js';
import { layoutProblem, type StoreLayout } from './layout.js';

/** The database, or the reason the app runs without one. */
export type DatabaseStatus =
  { ok: true; db: CometDB; error?: undefined } | { ok: false; error: CometError; db?: undefined };

/** Options of openDatabase. */
export interface OpenDatabaseOptions {
  /** The database name (default DB_NAME); tests use their own. */
  name?: string;
  log?: Logger;
  /** Another tab holds an older version open, so the upgrade waits for it; the open resumes once that tab lets go. */
  onBlocked?: (error: CometError) => void;
  /** Another tab upgraded (or deleted) the database, so this tab closed its connection and stops saving. */
  onClosedForUpgrade?: (error: CometError) => void;
}

/** Dexie stores version n as IndexedDB version n × 10. */
const NATIVE_FACTOR = 10;

/** Errors that mean the stored data (or its upgrade) could not be read, as opposed to storage being off. */
const UNREADABLE = new Set([
  'UpgradeError',
  'SchemaError',
  'UnknownError',
  'NotFoundError',
  'DataError',
  'ConstraintError',
  'DataCloneError',
  'NotReadableError',
]);

/** Opens (creating or upgrading as needed) the app's database. Never throws: failures come back as ok: false. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseStatus> {
  const name = options.name ?? DB_NAME;
  const log = options.log ?? defaultLog;
  const fail = (error: CometError): DatabaseStatus => {
    log.error('db', error.message, { database: name, code: error.code });
    return { ok: false, error };
  };

  const factory = globalThis.indexedDB as IDBFactory | undefined;
  if (!factory)
    return fail(new CometError('storage-unavailable', { reason: 'this browser or window has no IndexedDB' }));

  // Look before Dexie opens. Dexie 4 re-opens a newer database at its version instead of failing, "patches" a
  // database that lacks tables (raising its version), and on upgrade deletes tables it does not know and re-creates
  // tables whose key changed: each of these must be caught here, before anything is written.
  let found: Probe | undefined;
  try {
    found = await probe(factory, name);
  } catch (error) {
    return fail(explainOpenError(error));
  }
  if (found) {
    if (found.version > SCHEMA_VERSION * NATIVE_FACTOR) return fail(futureVersion(found.version));
    const problem = layoutProblem(Math.floor(found.version / NATIVE_FACTOR), found.stores);
    if (problem) return fail(new CometError('storage-corrupt', { reason: problem }));
  }

  const db = new CometDB(name);
  // Dexie calls the last subscriber first; returning false skips its default handlers (a console.warn, and a close
  // that lets the next query re-open the database by itself at whatever version another tab left on disk).
  db.on('blocked', () => {
    const error = new CometError('storage-blocked-upgrade');
    log.warn('db', error.message, { database: name });
    options.onBlocked?.(error);
    return false;
  });
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: true });
    const error = new CometError('storage-closed-for-upgrade');
    log.warn('db', error.message, { database: name });
    options.onClosedForUpgrade?.(error);
    return false;
  });

  try {
    await db.open();
  } catch (error) {
    db.close();
    return fail(explainOpenError(error));
  }
  // Another tab may have upgraded between the look and the open.
  const native = db.backendDB().version;
  if (native > SCHEMA_VERSION * NATIVE_FACTOR) {
    db.close();
    return fail(futureVersion(native));
  }
  try {
    // One row of each table, read back: proves the tables exist and their rows can be deserialised.
    await db.transaction('r', db.tables, () => Promise.all(db.tables.map((table) => table.limit(1).toArray())));
  } catch (error) {
    db.close();
    return fail(new CometError('storage-corrupt', { reason: errorMessage(error) }, { cause: error }));
  }
  log.info('db', `Opened ${name} at version ${db.verno}.`);
  return { ok: true, db };
}

/** What is on disk: its IndexedDB version and object stores. */
interface Probe {
  version: number;
  stores: StoreLayout[];
}

/** Reads the on-disk version and stores without changing anything; undefined when the database does not exist. */
function probe(factory: IDBFactory, name: string): Promise<Probe | undefined> {
  return new Promise((resolve, reject) => {
    let creating = false;
    const request = factory.open(name);
    // Opening without a version creates a missing database: abort that, so nothing exists until Dexie creates it.
    request.onupgradeneeded = () => {
      creating = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      const db = request.result;
      const names = [...db.objectStoreNames];
      const tx = names.length ? db.transaction(names, 'readonly') : undefined;
      const stores = names.map((name) => {
        const store = tx!.objectStore(name);
        return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement };
      });
      db.close();
      resolve({ version: db.version, stores });
    };
    request.onerror = (event) => {
      if (!creating) {
        reject(request.error ?? new Error('IndexedDB refused to open the database'));
        return;
      }
      event.preventDefault();
      resolve(undefined);
    };
  });
}

function futureVersion(native: number): CometError {
  return new CometError('storage-future-version', { found: native / NATIVE_FACTOR, supported: SCHEMA_VERSION });
}

/** The CometError for a failure to open or upgrade. */
function explainOpenError(error: unknown): CometError {
  if (error instanceof CometError) return error;
  const options = { cause: error };
  if (isQuotaError(error)) return new CometError('storage-quota', { what: 'the upgrade of your saved data' }, options);
  // Dexie wraps the real cause: OpenFailedError → UpgradeError → the DOMException or the upgrade's own error.
  let root = error as { name?: unknown; inner?: unknown } | null;
  while (root?.name === 'OpenFailedError' && root.inner) root = root.inner;
  const name = typeof root?.name === 'string' ? root.name : '';
  const reason = errorMessage(root ?? error);
  if (name === 'VersionError')
    return new CometError('storage-future-version', { found: 'newer', supported: SCHEMA_VERSION }, options);
  if (UNREADABLE.has(name)) return new CometError('storage-corrupt', { reason }, options);
  return new CometError('storage-unavailable', { reason }, options);
}
