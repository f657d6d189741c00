// How the platform's services stand (database, storage, persistence, offline support), as a store slice
// (not persisted): views render it through selectors, and the debug inspector shows it with the rest of the state.
import { createSlice, type Action } from '../core/store.js';
import type { ServiceWorkerState } from './service-worker.js';

/** An error as the status shows it: its catalogue code and its message for people. */
export interface StatusError {
  code: string;
  message: string;
}

/** Where the database stands. */
export type DatabaseState =
  | { state: 'opening'; name: string }
  | { state: 'open'; name: string; version: number }
  /** Running on memory: nothing is saved until the cause is fixed. */
  | { state: 'unavailable'; name: string; error: StatusError };

/** The browser's storage estimate for this origin. */
export interface StorageStatus {
  usage: number;
  quota: number;
  /** Whether the browser promised not to evict this origin's data under storage pressure. */
  persisted: boolean | 'unsupported';
}

/** Whether the app asked for persistent storage, and what the browser answered. */
export interface PersistenceRequest {
  asked: boolean;
  result?: 'granted' | 'denied' | 'unsupported';
  /** Epoch ms of the request. */
  at?: number;
}

/** The whole status. */
export interface PlatformStatus {
  database: DatabaseState;
  /** Undefined until the first estimate arrives (or when the browser has no StorageManager). */
  storage?: StorageStatus;
  persistence: PersistenceRequest;
  serviceWorker: ServiceWorkerState;
}

type StatusAction = { type: 'platform/status'; payload: Partial<PlatformStatus> };

/** Replaces some fields of the status. */
export const updateStatus = (payload: Partial<PlatformStatus>): StatusAction => ({ type: 'platform/status', payload });

/** The initial status of a page that is starting. */
export function initialStatus(dbName: string): PlatformStatus {
  return {
    database: { state: 'opening', name: dbName },
    persistence: { asked: false },
    serviceWorker: 'unsupported',
  };
}

/** The `platform` slice. */
export function platformSlice(dbName: string) {
  return createSlice({
    name: 'platform',
    initialState: initialStatus(dbName),
    reducer(state: PlatformStatus, action: Action): PlatformStatus {
      return action.type === 'platform/status' ? { ...state, ...(action as StatusAction).payload } : state;
    },
  });
}
