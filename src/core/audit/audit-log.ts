/**
 * The tamper-evident audit log: an append-only IndexedDB table of every decision and outcome, each entry chained to
 * the one before by a SHA-256 hash. Appends are serialised (one writer per tab, and an optimistic check of the
 * recorded head inside each write transaction across tabs), so the chain never forks. A write that fails rejects
 * with 'audit-failed', and the caller must then not act.
 */
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { CometError, errorMessage } from '../errors.js';
import { log as defaultLog, type Logger } from '../log.js';
import { redact, redactText } from '../redact.js';
import { explainStorageError, isQuotaError } from '../storage.js';
import type { CometDB } from '../../db/db.js';
import type { HistoryEntry } from '../supervisor/types.js';
import { MatchCache, isEmptyFilter, normalizeFilter } from './audit-query.js';
import { GENESIS_HASH, chain, contentOf, entryHash } from './chain.js';
import { ChainWalker, NEEDS_LATER } from './chain-walker.js';
import { historyFromAudit } from './history.js';
import {
  AUDIT_FORMAT,
  AUDIT_OUTCOMES,
  type AuditContent,
  type AuditEntry,
  type AuditFilter,
  type AuditHead,
  type AuditQuery,
  type AuditRecord,
  type VerifyProgress,
  type VerifyResult,
} from './types.js';

/** Where the head (seq and hash of the newest entry) is recorded, in the meta table. */
export const AUDIT_HEAD_KEY = 'audit.head';

/** How much of an input or output an entry keeps: enough for temporal policies to read after a reload. */
const SUMMARY = { maxString: 500, maxDepth: 6, maxItems: 50 };
/** Rows read per transaction by verify() and exportJsonl(). */
const CHUNK = 1000;
/** Most records written in one transaction. */
const MAX_BATCH = 500;
/** Retries when another tab appended between reading the head and writing. */
const MAX_ATTEMPTS = 20;

const VERDICTS = new Set(['allow', 'deny', 'ask']);
const MODES = new Set(['enforce', 'log-only']);
const OUTCOMES = new Set<string>(AUDIT_OUTCOMES);

/** What the audit log needs. */
export interface AuditLogOptions {
  db: CometDB;
  clock?: Clock;
  log?: Logger;
  /** The known secrets (the vault's) to remove from every entry; asked before each write. */
  secrets?: () => readonly string[] | Promise<readonly string[]>;
}

interface Pending {
  records: readonly AuditRecord[];
  resolve: (entries: AuditEntry[]) => void;
  reject: (error: CometError) => void;
}

/** The hash-chained audit log of one database. */
export class AuditLog {
  readonly #db: CometDB;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #secrets: () => readonly string[] | Promise<readonly string[]>;
  readonly #pending: Pending[] = [];
  readonly #listeners = new Set<(entries: readonly AuditEntry[]) => void>();
  readonly #cache = new MatchCache();
  #writing = false;
  /** The head as this tab last wrote or read it; re-read after a failure. */
  #head: AuditHead | undefined;

  constructor(options: AuditLogOptions) {
    this.#db = options.db;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? defaultLog;
    this.#secrets = options.secrets ?? (() => []);
  }

  /** Records one decision and outcome; rejects with 'audit-failed' when it could not be stored. */
  async append(record: AuditRecord): Promise<AuditEntry> {
    const [entry] = await this.appendMany([record]);
    return entry;
  }

  /** Records several in order, in one transaction; rejects with 'audit-failed' (and stores none) on failure. */
  appendMany(records: readonly AuditRecord[]): Promise<AuditEntry[]> {
    if (records.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#pending.push({ records, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  /** Calls `listener` with the entries of every successful write; returns the unsubscribe function. */
  onAppend(listener: (entries: readonly AuditEntry[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The newest entry's seq and hash as recorded (seq 0 and the genesis hash when the log is empty). */
  async head(): Promise<AuditHead> {
    return (await this.#recordedHead()) ?? (await this.#lastStored());
  }

  /**
   * Walks the whole chain and returns the first bad entry and what happened to it, or the count and head hash of
   * an intact log. Reads in chunks; `onProgress` follows them.
   */
  async verify(
    options: { onProgress?: (progress: VerifyProgress) => void; signal?: AbortSignal } = {},
  ): Promise<VerifyResult> {
    const total = await this.#db.audit.count();
    const walker = new ChainWalker();
    let after: unknown = -Infinity;
    let checked = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      // The chunk and the recorded head are read together, so an append during the walk cannot look like a removal.
      const { rows, recorded } = await this.#db.transaction('r', this.#db.audit, this.#db.meta, async () => ({
        rows: await this.#db.audit.where('seq').above(after).limit(CHUNK).toArray(),
        recorded: await this.#recordedHead(),
      }));
      const selfOk = await Promise.all(rows.map((row) => hashMatches(row)));
      for (let i = 0; i < rows.length; i++) {
        let found = walker.check(rows[i], selfOk[i]);
        if (found === NEEDS_LATER) {
          const later = await this.#hashesAfter(rows[i].seq);
          found = walker.check(rows[i], selfOk[i], (hash) => later.get(hash));
        }
        if (found) return found;
      }
      checked += rows.length;
      options.onProgress?.({ checked, total: Math.max(total, checked) });
      if (rows.length < CHUNK) return walker.finish(recorded);
      after = rows[rows.length - 1].seq;
    }
  }

  /** The whole log as JSON Lines (one stored entry per line, oldest first), read in chunks as it is consumed. */
  exportJsonl(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let after: unknown = -Infinity;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const rows = await this.#db.audit.where('seq').above(after).limit(CHUNK).toArray();
        if (rows.length === 0) {
          controller.close();
          return;
        }
        after = rows[rows.length - 1].seq;
        controller.enqueue(encoder.encode(rows.map((row) => JSON.stringify(row) + '\n').join('')));
      },
    });
  }

  /** One page of the entries that match, newest first unless `order` is 'asc'. */
  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const offset = Math.max(0, query.offset ?? 0);
    const limit = Math.max(0, query.limit ?? 100);
    const descending = query.order !== 'asc';
    if (isEmptyFilter(query)) {
      const ordered = descending ? this.#db.audit.orderBy('seq').reverse() : this.#db.audit.orderBy('seq');
      return ordered.offset(offset).limit(limit).toArray();
    }
    const seqs = await this.#matches(query);
    const page = descending
      ? seqs.slice(Math.max(0, seqs.length - offset - limit), Math.max(0, seqs.length - offset)).reverse()
      : seqs.slice(offset, offset + limit);
    const rows = await this.#db.audit.bulkGet(page);
    return rows.filter((row): row is AuditEntry => row !== undefined);
  }

  /** How many entries match. */
  async count(filter: AuditFilter = {}): Promise<number> {
    if (isEmptyFilter(filter)) return this.#db.audit.count();
    return (await this.#matches(filter)).length;
  }

  /**
   * The supervisor's history of calls and approvals recorded at or after `since` (and before `until`), oldest
   * first: Supervisor.open({ loadHistory: () => audit.loadHistory(since) }) after a reload.
   */
  async loadHistory(since: number, until = Infinity): Promise<HistoryEntry[]> {
    const rows = await this.#db.audit.where('time').between(since, until, true, false).toArray();
    return historyFromAudit(rows.sort((a, b) => a.seq - b.seq));
  }

  async #matches(filter: AuditFilter): Promise<number[]> {
    const last = await this.#db.audit.orderBy('seq').reverse().limit(1).primaryKeys();
    return this.#cache.seqs(this.#db.audit, normalizeFilter(filter), last[0] ?? 0);
  }

  /** Writes what is pending, a batch at a time, until nothing is left. */
  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#pending.length) {
        const batch: Pending[] = [];
        let size = 0;
        while (this.#pending.length && (size === 0 || size + this.#pending[0].records.length <= MAX_BATCH)) {
          const next = this.#pending.shift()!;
          batch.push(next);
          size += next.records.length;
        }
        await this.#writeBatch(batch);
      }
    } finally {
      this.#writing = false;
    }
  }

  async #writeBatch(batch: Pending[]): Promise<void> {
    let entries: AuditEntry[];
    try {
      entries = await this.#write(batch.flatMap((pending) => pending.records));
    } catch (error) {
      this.#head = undefined;
      const failure = auditFailed(error, batch);
      this.#log.error('audit', failure.message, { code: failure.code });
      for (const pending of batch) pending.reject(failure);
      return;
    }
    let start = 0;
    for (const pending of batch) {
      pending.resolve(entries.slice(start, (start += pending.records.length)));
    }
    for (const listener of this.#listeners) {
      try {
        listener(entries);
      } catch (error) {
        this.#log.error('audit', `An audit listener failed: ${errorMessage(error)}`);
      }
    }
  }

  /** Redacts, chains and stores `records` after the recorded head, retrying when another tab moved it. */
  async #write(records: readonly AuditRecord[]): Promise<AuditEntry[]> {
    const secrets = await this.#secrets();
    const drafts = records.map((record) => this.#draft(record, secrets));
    const db = this.#db;
    for (let attempt = 1; ; attempt++) {
      const head = this.#head ?? (await this.head());
      const entries = await chain(
        head.hash,
        drafts.map((draft, i) => ({ v: AUDIT_FORMAT, seq: head.seq + 1 + i, ...draft })),
      );
      const last = entries[entries.length - 1];
      const moved = await db.transaction('rw', db.audit, db.meta, async () => {
        const recorded = (await this.#recordedHead()) ?? (await this.#lastStored());
        if (recorded.seq !== head.seq || recorded.hash !== head.hash) return true;
        await db.audit.bulkAdd(entries);
        await db.meta.put({ key: AUDIT_HEAD_KEY, value: { seq: last.seq, hash: last.hash } satisfies AuditHead });
        return false;
      });
      if (!moved) {
        this.#head = { seq: last.seq, hash: last.hash };
        return entries;
      }
      this.#head = undefined;
      if (attempt === MAX_ATTEMPTS) throw new Error('other tabs kept appending; the write was given up');
    }
  }

  /** A record as stored, without its place in the chain: validated, redacted and cut to size. */
  #draft(record: AuditRecord, secrets: readonly string[]): Omit<AuditContent, 'v' | 'seq'> {
    if (!VERDICTS.has(record.verdict))
      throw new Error(`the entry's verdict "${String(record.verdict)}" is not allow, deny or ask`);
    if (!OUTCOMES.has(record.outcome))
      throw new Error(`the entry's outcome "${String(record.outcome)}" is not one of ${AUDIT_OUTCOMES.join(', ')}`);
    const mode = record.mode ?? 'enforce';
    if (!MODES.has(mode)) throw new Error(`the entry's mode "${String(mode)}" is not enforce or log-only`);
    const text = (value: unknown, max: number) => redactText(String(value), secrets, max);
    const optional = (value: unknown, max: number) => (value === undefined || value === null ? null : text(value, max));
    const summary = (value: unknown) => (value === undefined ? null : redact(value, { secrets, ...SUMMARY }));
    const { time, durationMs } = record;
    return {
      time: typeof time === 'number' && Number.isFinite(time) ? time : this.#clock.now(),
      principal: text(record.principal, 200),
      capability: text(record.capability, 200),
      runId: optional(record.runId, 200),
      stepId: optional(record.stepId, 200),
      callId: optional(record.callId, 200),
      verdict: record.verdict,
      rule: text(record.rule, 300),
      reason: text(record.reason ?? '', 1000),
      mode,
      scopes: (record.scopes ?? []).slice(0, 50).map((scope) => text(scope, 500)),
      input: summary(record.input),
      output: summary(record.output),
      outcome: record.outcome,
      error: optional(record.error, 2000),
      durationMs:
        typeof durationMs === 'number' && Number.isFinite(durationMs)
          ? Math.max(0, Math.round(durationMs * 1000) / 1000)
          : 0,
      wouldHave: (record.wouldHave ?? []).map((would) => ({
        policyId: text(would.policyId, 200),
        verdict: would.verdict,
        reason: text(would.reason, 1000),
      })),
    };
  }

  /** The head recorded in the meta table, if it is there and well-formed. */
  async #recordedHead(): Promise<AuditHead | undefined> {
    const value = (await this.#db.meta.get(AUDIT_HEAD_KEY))?.value as Partial<AuditHead> | undefined;
    return typeof value?.seq === 'number' && typeof value.hash === 'string'
      ? { seq: value.seq, hash: value.hash }
      : undefined;
  }

  /** The newest stored entry's seq and hash (a log written before the head was recorded, or one edited by hand). */
  async #lastStored(): Promise<AuditHead> {
    const last = await this.#db.audit.orderBy('seq').last();
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Hash → seq of every entry after `seq` (to tell a reordering from an alteration). */
  async #hashesAfter(seq: unknown): Promise<Map<string, number>> {
    const hashes = new Map<string, number>();
    await this.#db.audit
      .where('seq')
      .above(seq)
      .each((row) => hashes.set(String(row.hash), row.seq));
    return hashes;
  }
}

/** True when a stored row's hash is the hash of its own content after its own prevHash. */
async function hashMatches(row: AuditEntry): Promise<boolean> {
  if (typeof row.prevHash !== 'string' || typeof row.hash !== 'string') return false;
  try {
    return (await entryHash(row.prevHash, contentOf(row))) === row.hash;
  } catch (error) {
    // A row edited into something JSON cannot hold (NaN, a lone surrogate) matches no hash: it is reported as bad.
    if (!(error instanceof CometError)) throw error;
    return false;
  }
}

/** The 'audit-failed' error for a failed write of `batch`. */
function auditFailed(error: unknown, batch: Pending[]): CometError {
  const capabilities = [...new Set(batch.flatMap((pending) => pending.records.map((record) => record.capability)))];
  const what = capabilities.length === 1 ? String(capabilities[0]) : `${capabilities.length} actions`;
  const cause = error instanceof CometError ? error : explainStorageError(error, 'the audit entry');
  const reason = isQuotaError(error)
    ? 'the storage quota is full'
    : (error as { name?: unknown } | null)?.name === 'DatabaseClosedError'
      ? 'the database is closed'
      : errorMessage(error);
  return new CometError('audit-failed', { capability: what, reason }, { cause });
}
