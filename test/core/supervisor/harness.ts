/**
 * A supervisor on its own database and a ManualClock, with the capabilities the tests call, and helpers to run a
 * call the way invoke() does (decide → commit → record).
 */
import Dexie from 'dexie';
import { ManualClock } from '../../../src/core/clock.js';
import { Logger } from '../../../src/core/log.js';
import {
  keyScope,
  netScope,
  PrincipalRegistry,
  Supervisor,
  type SupervisorDeps,
} from '../../../src/core/supervisor/index.js';
import type {
  HistoryEntry,
  InvocationContext,
  Principal,
  SupervisedCapability,
  SupervisorDecision,
} from '../../../src/core/supervisor/types.js';
import { CometDB } from '../../../src/db/db.js';

/** http.request: a net scope for the URL and a keys:use scope when it names a key. */
export const http: SupervisedCapability = {
  name: 'http.request',
  requiredScopes: (input) => {
    const { url, key } = input as { url: string; key?: string };
    return key ? [netScope(url), keyScope(key)] : [netScope(url)];
  },
};

/** A capability needing one fixed scope. */
export const capability = (name: string, ...scopes: string[]): SupervisedCapability => ({
  name,
  requiredScopes: () => scopes,
});

/** A supervisor under test. */
export interface Rig {
  db: CometDB;
  clock: ManualClock;
  principals: PrincipalRegistry;
  supervisor: Supervisor;
  log: Logger;
  /** A second supervisor on the same database, as after a page reload (same clock and principals). */
  reopen(options?: Partial<SupervisorDeps>): Promise<Supervisor>;
  close(): Promise<void>;
}

/** Opens a supervisor on a fresh database at `start`. */
export async function rig(
  start: number | Date = Date.UTC(2026, 0, 5, 12),
  options: Partial<SupervisorDeps> = {},
): Promise<Rig> {
  const name = `supervisor-test-${crypto.randomUUID()}`;
  const clock = new ManualClock(start);
  const principals = new PrincipalRegistry();
  const log = new Logger(500, () => clock.now());
  const dbs: CometDB[] = [];
  const supervisors: Supervisor[] = [];
  const open = async (extra: Partial<SupervisorDeps> = {}) => {
    const db = new CometDB(name);
    dbs.push(db);
    const supervisor = await Supervisor.open({ db, clock, principals, log, ...options, ...extra });
    supervisors.push(supervisor);
    return supervisor;
  };
  const supervisor = await open();
  return {
    db: dbs[0],
    clock,
    principals,
    supervisor,
    log,
    reopen: open,
    async close() {
      supervisors.forEach((s) => s.dispose());
      dbs.forEach((db) => db.close());
      await Dexie.delete(name);
    },
  };
}

/** Runs a call as invoke() would: decide, and when allowed commit and record `output` as a success. */
export async function call(
  supervisor: Supervisor,
  principal: Principal,
  cap: SupervisedCapability,
  input: unknown,
  context: InvocationContext = {},
  output: unknown = { ok: true },
): Promise<SupervisorDecision> {
  const decision = supervisor.decide(principal, cap, input, context);
  if (decision.verdict !== 'allow') return decision;
  const ticket = await supervisor.commit(decision);
  supervisor.record({ call: ticket, ok: true, output });
  return decision;
}

/** A finished history entry, as an audit-log loader would hand it over. */
export function entry(
  fields: Partial<HistoryEntry> & Pick<HistoryEntry, 'time' | 'principal' | 'capability'>,
): HistoryEntry {
  return { id: crypto.randomUUID(), kind: 'call', status: 'ok', ...fields };
}

/** The rejection of a promise (fails the test when it fulfils). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The error a function throws (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;
