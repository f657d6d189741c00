import type { CometDB } from '../db/db.js';
import { systemClock, type Clock } from './clock.js';

/** Where the store keeps the slices that opt into persistence. */
export interface SlicePersistence {
  /** The saved state of slice `name`, or undefined when nothing was saved. */
  load(name: string): Promise<unknown>;
  /** Replaces the saved state of slice `name`. */
  save(name: string, state: unknown): Promise<void>;
}

/** Slices saved in the `slices` table of the app database, one row per slice. */
export class DexieSlicePersistence implements SlicePersistence {
  constructor(
    private readonly db: CometDB,
    private readonly clock: Clock = systemClock,
  ) {}

  async load(name: string): Promise<unknown> {
    return (await this.db.slices.get(name))?.state;
  }

  async save(name: string, state: unknown): Promise<void> {
    await this.db.slices.put({ name, state, updatedAt: this.clock.now() });
  }
}

/** Slices kept in memory only: for when IndexedDB is unavailable (private mode, blocked), and for tests. */
export class MemorySlicePersistence implements SlicePersistence {
  readonly #states = new Map<string, unknown>();

  load(name: string): Promise<unknown> {
    // Hand out a copy, as IndexedDB would, so callers never share objects with the saved value.
    return Promise.resolve(this.#states.has(name) ? structuredClone(this.#states.get(name)) : undefined);
  }

  save(name: string, state: unknown): Promise<void> {
    // Cloning inside the executor turns an uncloneable state into a rejection, as IndexedDB would.
    return new Promise((resolve) => {
      this.#states.set(name, structuredClone(state));
      resolve();
    });
  }
}

/**
 * The default way a saved value becomes state again: it must be the same kind of value as the initial state
 * (array, Map, number, …). For plain objects, fields present in both must be of the same kind (a null initial
 * field accepts anything) and fields missing from the saved value take their initial value, so adding a field in
 * a new release keeps the rest of what the user saved. Returns undefined for a value of the wrong shape.
 */
export function restoreByShape<S>(initial: S, saved: unknown): S | undefined {
  if (initial === null || initial === undefined) return saved as S;
  if (kind(saved) !== kind(initial)) return undefined;
  if (kind(initial) !== 'Object') return saved as S;
  const fields = initial as Record<string, unknown>;
  const values = saved as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key in values && fields[key] != null && kind(values[key]) !== kind(fields[key])) return undefined;
  }
  return { ...fields, ...values } as S;
}

/** 'Object' for plain objects, 'Array', 'Map', 'Date', … for others, 'number', 'string', … for primitives. */
function kind(value: unknown): string {
  if (typeof value !== 'object' || value === null) return value === null ? 'null' : typeof value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) return 'Object';
  return Object.prototype.toString.call(value).slice(8, -1);
}
