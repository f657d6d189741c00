import type { Table } from 'dexie';
import type { AuditEntry } from '../core/audit/types.js';
import type { VaultKeyRecord } from '../core/vault/types.js';
import type { Grant, Policy } from '../core/supervisor/types.js';
import type { RunEvent, RunRow } from '../modules/workflows/engine/run-types.js';
import type { WorkflowDefinition } from '../modules/workflows/model/types.js';

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

/** One entry of the hash-chained audit log (src/core/audit/), stored as written; never updated or deleted. */
export type AuditRow = AuditEntry;

/** One API key of the vault (src/core/vault/): metadata in clear, the secret encrypted with AES-GCM. */
export type VaultKeyRow = VaultKeyRecord;

/** A row of the vault's own state: its data key (a non-extractable CryptoKey) or that key wrapped by a passphrase. */
export interface VaultMetaRow {
  key: string;
  value: unknown;
}

/** One value of the per-principal key/value store (the kv.get / kv.set capabilities): JSON, size-capped. */
export interface KvRow {
  /** The principal that owns it; no principal reads another's rows. */
  principal: string;
  key: string;
  value: unknown;
  /** Size of the value as JSON, in UTF-8 bytes. */
  bytes: number;
  updatedAt: number;
}

/** A permission grant of the supervisor (src/core/supervisor/grants.ts). */
export type GrantRow = Grant;

/** A temporal policy of the supervisor (src/core/supervisor/policies.ts), stored as its JSON. */
export type PolicyRow = Policy;

/** A token bucket of a rate policy, persisted so that a reload does not refill it. */
export interface RateBucketRow {
  /** 'rate:<policy id>:<group>'. */
  key: string;
  policyId: string;
  tokens: number;
  /** When `tokens` was last brought up to date (epoch ms). */
  updatedAt: number;
}

/** A saved workflow, or a template the user saved (`kind: 'template'`). */
export interface WorkflowRow {
  id: string;
  kind: 'workflow' | 'template';
  definition: WorkflowDefinition;
  createdAt: number;
  updatedAt: number;
}

/** One event of a run's append-only log (key [runId+seq]). */
export type RunEventRow = RunEvent;

/** The state of a schedule or event trigger that must survive a reload: when it last fired. */
export interface TriggerStateRow {
  /** '<workflow id>/<trigger index>'. */
  key: string;
  /** The occurrence (epoch ms) it last fired for. */
  lastFiredAt: number;
}

/** The typed tables of the current schema. */
export interface CometTables {
  slices: Table<SliceRow, string>;
  queue: Table<QueueRow, string>;
  deadLetters: Table<DeadLetterRow, string>;
  meta: Table<MetaRow, string>;
  grants: Table<GrantRow, string>;
  policies: Table<PolicyRow, string>;
  rateBuckets: Table<RateBucketRow, string>;
  kv: Table<KvRow, [string, string]>;
  audit: Table<AuditRow, number>;
  vaultKeys: Table<VaultKeyRow, string>;
  vaultMeta: Table<VaultMetaRow, string>;
  workflows: Table<WorkflowRow, string>;
  runs: Table<RunRow, string>;
  runEvents: Table<RunEventRow, [string, number]>;
  triggerState: Table<TriggerStateRow, string>;
}
