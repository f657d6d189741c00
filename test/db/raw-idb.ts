// Plain IndexedDB for the database tests: set up data as another build (or another tab) would have, and read
// everything back afterwards to prove it was left untouched.

/** A database name no other test uses. */
export const uniqueName = (label: string) => `test-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** Opens `name` at `version`, running `upgrade` if it is created or upgraded; the caller closes it. */
export function rawOpen(
  name: string,
  version?: number,
  upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result, request.transaction!);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`could not open ${name}`));
  });
}

/** Everything in a database: its version and every row of every store. */
export interface Snapshot {
  version: number;
  stores: Record<string, unknown[]>;
}

/** Reads every row of every store of an existing database. */
export async function snapshot(name: string): Promise<Snapshot> {
  const db = await rawOpen(name);
  try {
    const names = [...db.objectStoreNames];
    const stores: Record<string, unknown[]> = {};
    if (names.length) {
      const tx = db.transaction(names, 'readonly');
      await Promise.all(
        names.map(
          (store) =>
            new Promise<void>((resolve, reject) => {
              const request = tx.objectStore(store).getAll();
              request.onsuccess = () => resolve(void (stores[store] = request.result as unknown[]));
              request.onerror = () => reject(request.error ?? new Error(`could not read ${store}`));
            }),
        ),
      );
    }
    return { version: db.version, stores };
  } finally {
    db.close();
  }
}

/** Deletes a database (after its connections are closed). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
  });
}
