import { expect } from '@open-wc/testing';
import { EventBus } from '../../src/core/bus.js';
import { CometError, isCometError } from '../../src/core/errors.js';
import { Logger, type LogEntry } from '../../src/core/log.js';
import {
  DexieSlicePersistence,
  MemorySlicePersistence,
  restoreByShape,
  type SlicePersistence,
} from '../../src/core/slice-persistence.js';
import { createSlice, createStore, type Action, type Middleware } from '../../src/core/store.js';
import { CometDB } from '../../src/db/db.js';

interface Settings {
  theme: 'light' | 'dark' | 'system';
  fontSize: number;
  pinned: string[];
}

const counter = createSlice({
  name: 'counter',
  initialState: 0,
  reducer: (n: number, a: Action) => (a.type === 'inc' ? n + 1 : a.type === 'add' ? n + (a.payload as number) : n),
});

const settings = createSlice({
  name: 'settings',
  initialState: { theme: 'system', fontSize: 14, pinned: [] },
  reducer: (s: Settings, a: Action) => {
    if (a.type === 'theme') return { ...s, theme: a.payload as Settings['theme'] };
    if (a.type === 'font') return { ...s, fontSize: a.payload as number };
    return s;
  },
  persist: true,
});

/** A persistence that records every save, over a real in-memory one. */
class RecordingPersistence implements SlicePersistence {
  readonly saves: [string, unknown][] = [];
  fail?: Error;
  constructor(readonly inner: SlicePersistence = new MemorySlicePersistence()) {}
  load(name: string) {
    return this.inner.load(name);
  }
  async save(name: string, state: unknown) {
    if (this.fail) throw this.fail;
    this.saves.push([name, state]);
    await this.inner.save(name, state);
  }
}

/** A logger that keeps what it is told, for asserting warnings and errors. */
function recordingLog(): { logger: Logger; entries: LogEntry[] } {
  const logger = new Logger();
  const entries: LogEntry[] = [];
  logger.subscribe((e) => entries.push(e));
  return { logger, entries };
}

describe('store', () => {
  it('runs every action through every slice and keys the state by slice name', () => {
    const store = createStore({ slices: [counter, settings] });
    store.dispatch({ type: 'inc' });
    store.dispatch({ type: 'add', payload: 10 });
    store.dispatch({ type: 'theme', payload: 'dark' });
    const state = store.getState();
    const count: number = state.counter; // typed by name: this line would not compile otherwise
    expect(count).to.equal(11);
    expect(state.settings.theme).to.equal('dark');
  });

  it('tells subscribers about changes only, and stops after unsubscribe', () => {
    const store = createStore({ slices: [counter] });
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.dispatch({ type: 'inc' });
    store.dispatch({ type: 'nothing' });
    off();
    store.dispatch({ type: 'inc' });
    expect(calls).to.equal(1);
  });

  it('fires a selector listener only when the selected value changes', () => {
    const store = createStore({ slices: [counter, settings] });
    const themes: string[] = [];
    store.select(
      (s) => s.settings.theme,
      (theme) => themes.push(theme),
    );
    store.dispatch({ type: 'inc' });
    store.dispatch({ type: 'font', payload: 20 });
    store.dispatch({ type: 'theme', payload: 'dark' });
    store.dispatch({ type: 'theme', payload: 'dark' });
    store.dispatch({ type: 'theme', payload: 'light' });
    expect(themes).to.deep.equal(['dark', 'light']);
  });

  it('runs middleware in order, lets it transform or drop actions, and routes its dispatches through the chain', () => {
    const seen: string[] = [];
    const logger: Middleware<unknown> = () => (next) => (action) => {
      seen.push(action.type);
      next(action);
    };
    const doubler: Middleware<{ counter: number }> = (api) => (next) => (action) => {
      if (action.type === 'drop') return;
      if (action.type === 'twice') {
        api.dispatch({ type: 'inc' });
        api.dispatch({ type: 'inc' });
        return;
      }
      next(action);
    };
    const store = createStore({ slices: [counter], middleware: [logger, doubler] });
    store.dispatch({ type: 'twice' });
    store.dispatch({ type: 'drop' });
    expect(store.getState().counter).to.equal(2);
    expect(seen).to.deep.equal(['twice', 'inc', 'inc', 'drop']);
  });

  it('refuses a dispatch from inside a reducer', () => {
    let inner: () => void = () => {};
    const reentrant = createSlice({
      name: 'reentrant',
      initialState: 0,
      reducer: (n: number, a: Action) => {
        if (a.type === 'go') inner();
        return n;
      },
    });
    const store = createStore({ slices: [reentrant] });
    inner = () => store.dispatch({ type: 'again' });
    expect(() => store.dispatch({ type: 'go' })).to.throw(CometError, /reducers must not dispatch/);
  });
});

describe('store persistence', () => {
  let db: CometDB | undefined;
  afterEach(async () => {
    db?.close();
    if (db) await db.delete();
    db = undefined;
  });

  it('restores persisted slices after the database is closed and reopened, and only those', async () => {
    const name = `store-test-${crypto.randomUUID()}`;
    db = new CometDB(name);
    const first = createStore({ slices: [counter, settings], persistence: new DexieSlicePersistence(db) });
    await first.ready;
    first.dispatch({ type: 'theme', payload: 'dark' });
    first.dispatch({ type: 'inc' });
    await first.flush();
    db.close();

    db = new CometDB(name); // what a reload does
    const bus = new EventBus();
    const restored = new Promise((resolve) => bus.subscribe('store.restored', resolve));
    const second = createStore({ slices: [counter, settings], persistence: new DexieSlicePersistence(db), bus });
    expect(second.getState().settings.theme, 'not before ready').to.equal('system');
    await second.ready;
    expect(second.getState()).to.deep.equal({ counter: 0, settings: { theme: 'dark', fontSize: 14, pinned: [] } });
    expect(await restored).to.deep.equal({ slices: ['settings'], fallback: [] });
  });

  it('writes a burst of changes to a slice once, with its last state', async () => {
    const persistence = new RecordingPersistence();
    const store = createStore({ slices: [settings], persistence });
    await store.ready;
    for (let size = 1; size <= 50; size++) store.dispatch({ type: 'font', payload: size });
    await store.flush();
    expect(persistence.saves).to.deep.equal([['settings', { theme: 'system', fontSize: 50, pinned: [] }]]);
  });

  it('saves without an explicit flush once the current task ends', async () => {
    const persistence = new RecordingPersistence();
    const store = createStore({ slices: [settings], persistence });
    await store.ready;
    store.dispatch({ type: 'font', payload: 18 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(persistence.saves).to.have.length(1);
  });

  it('falls back to the initial state, with a warning, when the saved value has the wrong shape', async () => {
    const persistence = new MemorySlicePersistence();
    await persistence.save('settings', { theme: 'dark', fontSize: 'huge' });
    const { logger, entries } = recordingLog();
    const store = createStore({ slices: [settings], persistence, log: logger });
    await store.ready;
    expect(store.getState().settings).to.deep.equal(settings.initialState);
    expect(entries.some((e) => e.level === 'warn' && e.message.includes('wrong shape'))).to.be.true;
  });

  it('keeps the saved fields and fills fields added since from the initial state', () => {
    expect(restoreByShape(settings.initialState, { theme: 'dark' })).to.deep.equal({
      theme: 'dark',
      fontSize: 14,
      pinned: [],
    });
    expect(restoreByShape(settings.initialState, [1, 2])).to.equal(undefined);
    expect(restoreByShape(new Map(), new Map([['a', 1]]))).to.be.instanceOf(Map);
  });

  it('lets an action dispatched before the restore finished win over the saved value', async () => {
    const persistence = new MemorySlicePersistence();
    await persistence.save('settings', { theme: 'dark', fontSize: 30, pinned: [] });
    const store = createStore({ slices: [settings], persistence });
    store.dispatch({ type: 'font', payload: 12 });
    await store.ready;
    await store.flush();
    expect(store.getState().settings.fontSize).to.equal(12);
    expect(await persistence.load('settings')).to.deep.equal({ theme: 'system', fontSize: 12, pinned: [] });
  });

  it('reports a quota error as storage-quota to the log and onPersistError, then saves again later', async () => {
    const persistence = new RecordingPersistence();
    const { logger, entries } = recordingLog();
    const reported: [CometError, string][] = [];
    const store = createStore({
      slices: [settings],
      persistence,
      log: logger,
      onPersistError: (error, slice) => reported.push([error, slice]),
    });
    await store.ready;
    persistence.fail = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    store.dispatch({ type: 'font', payload: 99 });
    let flushError: unknown;
    await store.flush().catch((e: unknown) => (flushError = e));
    expect(isCometError(flushError, 'storage-quota')).to.be.true;
    expect(reported.map(([e, s]) => [e.code, s])).to.deep.equal([['storage-quota', 'settings']]);
    expect(entries.filter((e) => e.level === 'error')).to.have.length(1);

    persistence.fail = undefined;
    store.dispatch({ type: 'font', payload: 100 });
    await store.flush();
    expect(await persistence.load('settings')).to.deep.include({ fontSize: 100 });
  });
});
