/**
 * The layout of the database on disk (its object stores and their primary keys) compared with the layout a schema
 * version declares. Dexie deletes stores a schema does not name and re-creates a store whose primary key changed,
 * both silently: a database whose layout is not exactly what its version wrote must not be upgraded by Dexie.
 */
import { migrations } from './migrations.js';

/** One object store as IndexedDB describes it. */
export interface StoreLayout {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
}

/** The stores, with their primary keys, that schema version `version` declares (0: none). */
export function declaredLayout(version: number): StoreLayout[] {
  const specs: Record<string, string | null> = {};
  for (const migration of migrations.slice(0, version)) Object.assign(specs, migration.stores);
  return Object.entries(specs)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, spec]) => ({ name, ...primaryKey(spec) }));
}

/** The primary key of a Dexie store spec: 'id', '++id', '[a+b]', or '' / '++' for keys kept outside the rows. */
function primaryKey(spec: string): Omit<StoreLayout, 'name'> {
  let key = spec.split(',')[0].trim();
  const autoIncrement = key.startsWith('++');
  if (autoIncrement) key = key.slice(2);
  if (key.startsWith('[')) return { keyPath: key.slice(1, -1).split('+'), autoIncrement };
  return { keyPath: key === '' ? null : key, autoIncrement };
}

/** Why `stores` is not the layout that schema version `version` wrote, or undefined when it is. */
export function layoutProblem(version: number, stores: StoreLayout[]): string | undefined {
  const declared = new Map(declaredLayout(version).map((store) => [store.name, store]));
  const found = new Map(stores.map((store) => [store.name, store]));
  const unknown = stores.filter((store) => !declared.has(store.name)).map((store) => store.name);
  if (unknown.length) return `it has tables version ${version} never had (${unknown.join(', ')})`;
  const missing = [...declared.keys()].filter((name) => !found.has(name));
  if (missing.length) return `its tables ${missing.join(', ')} are missing`;
  const rekeyed = stores.filter((store) => !sameKey(store, declared.get(store.name)!)).map((store) => store.name);
  if (rekeyed.length) return `the keys of its tables ${rekeyed.join(', ')} are not the ones version ${version} used`;
  return undefined;
}

const sameKey = (a: StoreLayout, b: StoreLayout) =>
  a.autoIncrement === b.autoIncrement && JSON.stringify(a.keyPath) === JSON.stringify(b.keyPath);
