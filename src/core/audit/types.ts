/**
 * The audit log's vocabulary: what a caller records, what is stored (a hash-chained entry), how the viewer asks
 * for entries, and what verify() finds.
 */
import type { JsonValue } from '../redact.js';
import type { PolicyMode, Verdict, WouldHave } from '../supervisor/types.js';

/**
 * Where a call stands: 'pending' is the decision written before the action runs (or an approval prompt that
 * opened); 'ok', 'error' and 'timeout' are how a call that ran ended; 'denied' is a call that never ran.
 */
export type AuditOutcome = 'pending' | 'ok' | 'error' | 'denied' | 'timeout';

/** Every outcome, for filters and forms. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['pending', 'ok', 'error', 'denied', 'timeout'];

/** One decision and its outcome, as a caller hands it to append(); the log redacts it and chains it. */
export interface AuditRecord {
  /** Epoch ms; defaults to the log's clock. */
  time?: number;
  /** The principal's id, e.g. 'agent:researcher'. */
  principal: string;
  capability: string;
  runId?: string;
  stepId?: string;
  /** Ties the entries of one call together: its decision ('pending') and its outcome. */
  callId?: string;
  verdict: Verdict;
  /** The rule that decided: 'grant:<id>', 'policy:<id>', 'default-deny', … */
  rule: string;
  /** Why, in words. */
  reason?: string;
  /** The deciding policy's mode (default 'enforce'). */
  mode?: PolicyMode;
  /** The scopes the call needed (the decision's scopes): temporal policies read hosts and keys from them. */
  scopes?: readonly string[];
  /** The call's input; stored as a redacted summary. */
  input?: unknown;
  /** The call's output; stored as a redacted summary (temporal policies read it, e.g. a reported cost). */
  output?: unknown;
  outcome: AuditOutcome;
  /** The error message of a failed, denied or timed-out call; redacted. */
  error?: string;
  durationMs?: number;
  /** What log-only policies would have done. */
  wouldHave?: WouldHave[];
}

/** The version of the entry format (and of how its hash is computed). */
export const AUDIT_FORMAT = 1;

/**
 * A stored entry. Absent optional values are stored as null, so that every entry has the same fields.
 * `hash` = hex SHA-256 of UTF-8(`prevHash` + canonical JSON (RFC 8785) of every other field).
 */
export interface AuditEntry {
  /** The format version (AUDIT_FORMAT). */
  v: number;
  /** Position in the chain: 1, 2, 3, … with no gaps. */
  seq: number;
  time: number;
  principal: string;
  capability: string;
  runId: string | null;
  stepId: string | null;
  callId: string | null;
  verdict: Verdict;
  rule: string;
  reason: string;
  mode: PolicyMode;
  scopes: string[];
  input: JsonValue;
  output: JsonValue;
  outcome: AuditOutcome;
  error: string | null;
  durationMs: number;
  wouldHave: WouldHave[];
  /** The previous entry's hash (64 zeros for the first entry). */
  prevHash: string;
  hash: string;
}

/** The fields an entry's hash covers: everything but prevHash (prepended) and the hash itself. */
export type AuditContent = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** The newest entry's position and hash: what the next entry chains to. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/** Which entries a viewer wants. Every given field must match. */
export interface AuditFilter {
  principal?: string;
  capability?: string;
  verdict?: Verdict;
  outcome?: AuditOutcome;
  runId?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Case-insensitive text found in the principal, capability, rule, reason, error, run, input or output. */
  text?: string;
}

/** A page of a filtered list: newest first unless `order` is 'asc'. */
export interface AuditQuery extends AuditFilter {
  offset?: number;
  /** Page size (default 100). */
  limit?: number;
  order?: 'asc' | 'desc';
}

/** What a tampered log shows at its first bad entry. */
export type AuditProblem = 'altered' | 'removed' | 'reordered' | 'inserted';

/** The result of walking the chain: intact, or the first bad entry and what is wrong with it. */
export type VerifyResult =
  { ok: true; count: number; head: AuditHead } | { ok: false; seq: number; problem: AuditProblem; detail: string };

/** Progress of verify() for a progress bar. */
export interface VerifyProgress {
  checked: number;
  total: number;
}
