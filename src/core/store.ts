import type { EventBus } from './bus.js';
import { CometError, errorMessage } from './errors.js';
import { log as defaultLog, type Logger } from './log.js';
import { restoreByShape, type SlicePersistence } from './slice-persistence.js';
import { isQuotaError } from './storage.js';

/** Something that happened, for reducers to turn into new state. */
export interface Action {
  type: string;
  payload?: unknown;
}

/** One named part of the state with its reducer; `persist: true` keeps it in IndexedDB across reloads. */
export interface Slice<S, A extends Action = Action, N extends string = string> {
  name: N;
  initialState: S;
  /** Returns the next state; the same object when the action does not concern this slice. */
  reducer: (state: S, action: A) => S;
  persist?: boolean;
  /** Turns a saved value back into state, or undefined for a value of the wrong shape (default: restoreByShape). */
  restore?: (saved: unknown) => S | undefined;
}

/** Redux-style middleware: sees every action before the reducers and may transform, delay or drop it. */
export type Middleware<State> = (api: {
  getState(): State;
  dispatch(a: Action): void;
}) => (next: (a: Action) => void) => (a: Action) => void;

// Slices differ in state and action types; `any` here is what lets one list hold them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySlice = Slice<any, any>;

/** The store's state: slice name → that slice's state. */
export type StateOf<Slices extends readonly AnySlice[]> = {
  [K in Slices[number] as K['name']]: K['initialState'];
};

/** A Redux-like store of UI state. */
export interface Store<State> {
  getState(): State;
  /** Runs the action through the middleware and every slice's reducer. */
  dispatch(action: Action): void;
  /** Calls `listener` after every dispatch that changed the state; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Calls `listener` with the selected value whenever it changes (Object.is); returns the unsubscribe function. */
  select<R>(selector: (s: State) => R, listener: (value: R) => void): () => void;
  /** Resolves once persisted slices are restored (never rejects: unusable saved values fall back to initial state). */
  readonly ready: Promise<void>;
  /** Saves every pending persisted change now; rejects with the CometError of a failed save. */
  flush(): Promise<void>;
}

/** Options of `createStore`. */
export interface StoreOptions<Slices extends readonly AnySlice[]> {
  slices: Slices;
  middleware?: Middleware<StateOf<Slices>>[];
  /** Where `persist: true` slices live; without it nothing is persisted. */
  persistence?: SlicePersistence;
  log?: Logger;
  /** Receives 'store.restored' and 'store.persist-failed'. */
  bus?: EventBus;
  /** Told about every failed load or save (already logged), e.g. to show a toast. */
  onPersistError?: (error: CometError, slice: string) => void;
}

/** Declares a slice, keeping its name as a literal type so that the store's state is typed by name. */
export function createSlice<S, A extends Action = Action, N extends string = string>(
  slice: Slice<S, A, N>,
): Slice<S, A, N> {
  return slice;
}

/** Creates a store over `slices`; persisted slices are restored in the background (see `ready`). */
export function createStore<Slices extends AnySlice[]>(options: StoreOptions<Slices>): Store<StateOf<Slices>> {
  type State = StateOf<Slices>;
  const logger = options.log ?? defaultLog;
  const slices = options.slices;
  const names = new Set<string>();
  for (const slice of slices) {
    if (names.has(slice.name)) {
      throw new CometError('invalid-argument', { what: `Slice name ${slice.name}`, reason: 'two slices share it' });
    }
    names.add(slice.name);
  }
  let state = Object.fromEntries(slices.map((s) => [s.name, s.initialState])) as Record<string, unknown>;
  const listeners = new Set<() => void>();
  let reducing = false;
  const persisted = options.persistence ? slices.filter((s) => s.persist) : [];

  const report = (error: CometError, slice: string) => {
    logger.error('store', error.message, error);
    options.bus?.publish('store.persist-failed', { slice, code: error.code, message: error.message });
    options.onPersistError?.(error, slice);
  };
  const notify = () => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        logger.error('store', `A store listener threw: ${errorMessage(error)}`, error);
      }
    }
  };

  const ready = restore();
  const saver = new SliceSaver(options.persistence, ready, (name) => state[name], report);

  const reduce = (action: Action) => {
    if (typeof action !== 'object' || action === null || typeof action.type !== 'string') {
      throw new CometError('invalid-argument', { what: 'The dispatched action', reason: 'it needs a string `type`' });
    }
    if (reducing) {
      throw new CometError('invalid-argument', {
        what: `Dispatching ${action.type}`,
        reason: 'reducers must not dispatch; dispatch from middleware or a listener instead',
      });
    }
    let next: Record<string, unknown> | undefined;
    reducing = true;
    try {
      for (const slice of slices) {
        const before = state[slice.name];
        const after = slice.reducer(before, action) as unknown;
        if (Object.is(before, after)) continue;
        next ??= { ...state };
        next[slice.name] = after;
        if (persisted.includes(slice)) saver.schedule(slice.name);
      }
    } finally {
      reducing = false;
    }
    if (!next) return;
    state = next;
    notify();
  };

  let dispatch: (action: Action) => void = () => {
    throw new CometError('invalid-argument', {
      what: 'Dispatching',
      reason: 'middleware may not dispatch while being set up',
    });
  };
  const api = { getState: () => state as State, dispatch: (action: Action) => dispatch(action) };
  dispatch = (options.middleware ?? []).reduceRight<(a: Action) => void>((next, mw) => mw(api)(next), reduce);

  async function restore(): Promise<void> {
    const persistence = options.persistence;
    if (!persistence || persisted.length === 0) return;
    const loaded = await Promise.all(
      persisted.map((slice) =>
        Promise.resolve()
          .then(() => persistence.load(slice.name))
          .then(
            (saved) => ({ slice, saved, ok: true }),
            (error: unknown) => {
              const reason = errorMessage(error);
              report(
                new CometError(
                  'storage-failed',
                  { action: 'Loading', what: `the ${slice.name} state`, reason },
                  { cause: error },
                ),
                slice.name,
              );
              return { slice, saved: undefined, ok: false };
            },
          ),
      ),
    );
    const restored: string[] = [];
    const fallback: string[] = [];
    let next: Record<string, unknown> | undefined;
    for (const { slice, saved, ok } of loaded) {
      if (saved === undefined) {
        if (!ok) fallback.push(slice.name);
        continue;
      }
      const value = restoreSlice(slice, saved, logger);
      if (value === undefined) {
        logger.warn(
          'store',
          `The saved ${slice.name} state has the wrong shape; starting from its initial state`,
          saved,
        );
        fallback.push(slice.name);
        continue;
      }
      restored.push(slice.name);
      // An action dispatched before the restore finished is newer than what was saved: it wins.
      if (state[slice.name] !== slice.initialState) continue;
      next ??= { ...state };
      next[slice.name] = value;
    }
    if (next) {
      state = next;
      notify();
    }
    options.bus?.publish('store.restored', { slices: restored, fallback });
  }

  return {
    getState: () => state as State,
    dispatch: (action) => dispatch(action),
    subscribe(listener) {
      const entry = () => listener();
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    select(selector, listener) {
      let last = selector(state as State);
      const entry = () => {
        const value = selector(state as State);
        if (Object.is(value, last)) return;
        last = value;
        listener(value);
      };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    ready,
    flush: () => saver.flush(),
  };
}

/** The slice's state from a saved value, or undefined when the value is unusable (a throwing `restore` included). */
function restoreSlice(slice: AnySlice, saved: unknown, logger: Logger): unknown {
  try {
    const restore = slice.restore ?? ((v: unknown) => restoreByShape<unknown>(slice.initialState, v));
    return restore(saved) as unknown;
  } catch (error) {
    logger.warn('store', `Restoring the ${slice.name} state threw: ${errorMessage(error)}`, error);
    return undefined;
  }
}

/**
 * Saves changed persisted slices: all changes within one task coalesce into one write per slice, writes run one
 * after another so the last state always lands last, and nothing is written before the restore has finished.
 */
class SliceSaver {
  readonly #dirty = new Set<string>();
  #scheduled = false;
  #chain: Promise<void>;

  constructor(
    private readonly persistence: SlicePersistence | undefined,
    ready: Promise<void>,
    private readonly read: (name: string) => unknown,
    private readonly report: (error: CometError, slice: string) => void,
  ) {
    this.#chain = ready;
  }

  /** Marks slice `name` as changed; it is saved at the end of the current task. */
  schedule(name: string): void {
    this.#dirty.add(name);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      // A failed save was reported already (log, bus, onPersistError); background flushes have no one else to tell.
      this.flush().catch(() => undefined);
    });
  }

  /** Saves every slice changed so far, after any save already under way. */
  flush(): Promise<void> {
    const names = [...this.#dirty];
    this.#dirty.clear();
    const job = this.#chain.then(async () => {
      const failures = await Promise.all(names.map((name) => this.#save(name)));
      const failure = failures.find((f) => f !== undefined);
      if (failure) throw failure;
    });
    this.#chain = job.catch(() => undefined); // the next flush waits for this one, failed or not
    return job;
  }

  async #save(name: string): Promise<CometError | undefined> {
    try {
      // Read the state when the write starts, so a burst of changes writes only its last state.
      await this.persistence?.save(name, this.read(name));
      return undefined;
    } catch (cause) {
      const error = isQuotaError(cause)
        ? new CometError('storage-quota', { what: `the ${name} state` }, { cause })
        : new CometError('storage-failed', { what: `the ${name} state`, reason: errorMessage(cause) }, { cause });
      this.report(error, name);
      return error;
    }
  }
}
