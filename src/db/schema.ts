import type { Table } from 'dexie';

/** A persisted store slice: the latest state of one opted-in slice of the UI store. */
export interface SliceRow {
  name: string;
  state: unknown;
  updatedAt: number;
}

/** A message of the persistent queue (src/core/queue.ts). */
export interface QueueRow {
  id: string;
  /** The queue it belongs to, e.g. 'workflow-steps'. */
  queue: string;
  payload: unknown;
  /** How many leases it has had. */
  attempts: number;
  /** Epoch ms when it may next be leased: now for new messages, lease end while leased, retry time after a failure. */
  visibleAt: number;
  /** The current lease, if leased; an ack must present it. */
  leaseId: string | null;
  createdAt: number;
  lastError: SerializedError | null;
  /** Position in the queue (since schema v3): among messages visible at the same time, the lower seq goes first. */
  seq: number;
}

/** A message that exhausted its attempts or failed with a non-retryable error. */
export interface DeadLetterRow extends Omit<QueueRow, 'leaseId' | 'visibleAt' | 'seq'> {
  deadAt: number;
  reason: string;
}

/** A key-value row for small app facts (when data was first written, whether persistence was asked, …). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** An error as stored or sent across a boundary: name, message, stack and an optional catalogue code. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  details?: Record<string, unknown>;
}

/** The typed tables of the current schema. */
export interface CometTables {
  slices: Table<SliceRow, string>;
  queue: Table<QueueRow, string>;
  deadLetters: Table<DeadLetterRow, string>;
  meta: Table<MetaRow, string>;
}
