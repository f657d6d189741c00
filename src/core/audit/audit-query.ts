/**
 * Filtered views of the audit log for a virtualised viewer. A filter's matching seqs are found once through the
 * most selective index and kept; since the log only grows, later calls look only at entries appended since.
 */
import type { Collection, Table } from 'dexie';
import type { AuditEntry, AuditFilter } from './types.js';

const FILTER_FIELDS = ['principal', 'capability', 'verdict', 'outcome', 'runId', 'from', 'to', 'text'] as const;

/** The filter without its empty fields (undefined, or '' text). */
export function normalizeFilter(filter: AuditFilter): AuditFilter {
  const out: Record<string, unknown> = {};
  for (const field of FILTER_FIELDS) {
    const value = filter[field];
    if (value !== undefined && value !== null && value !== '')
      out[field] = field === 'text' ? String(value).toLowerCase() : value;
  }
  return out;
}

/** True when the filter lets every entry through. */
export function isEmptyFilter(filter: AuditFilter): boolean {
  return Object.keys(normalizeFilter(filter)).length === 0;
}

/** The words of an entry the text filter searches, lower-cased. */
function searchableText(entry: AuditEntry): string {
  return [
    entry.principal,
    entry.capability,
    entry.rule,
    entry.reason,
    entry.error ?? '',
    entry.runId ?? '',
    JSON.stringify(entry.input),
    JSON.stringify(entry.output),
  ]
    .join('\n')
    .toLowerCase();
}

/** A predicate for a normalised filter. */
export function matcher(filter: AuditFilter): (entry: AuditEntry) => boolean {
  const { principal, capability, verdict, outcome, runId, from, to, text } = filter;
  return (entry) =>
    (principal === undefined || entry.principal === principal) &&
    (capability === undefined || entry.capability === capability) &&
    (verdict === undefined || entry.verdict === verdict) &&
    (outcome === undefined || entry.outcome === outcome) &&
    (runId === undefined || entry.runId === runId) &&
    (from === undefined || entry.time >= from) &&
    (to === undefined || entry.time < to) &&
    (text === undefined || searchableText(entry).includes(text));
}

/** The entries with seq above `after` that may match, read through the most selective index. */
function candidates(
  table: Table<AuditEntry, number>,
  filter: AuditFilter,
  after: number,
): Collection<AuditEntry, number> {
  if (after > 0) return table.where('seq').above(after);
  if (filter.runId !== undefined) return table.where('runId').equals(filter.runId);
  if (filter.principal !== undefined) return table.where('principal').equals(filter.principal);
  if (filter.capability !== undefined) return table.where('capability').equals(filter.capability);
  if (filter.from !== undefined || filter.to !== undefined) {
    return table.where('time').between(filter.from ?? -Infinity, filter.to ?? Infinity, true, false);
  }
  return table.toCollection();
}

/** Seqs of the entries matching `filter` above `after`, ascending. */
export async function matchingSeqs(
  table: Table<AuditEntry, number>,
  filter: AuditFilter,
  after: number,
): Promise<number[]> {
  const keys = await candidates(table, filter, after).filter(matcher(filter)).primaryKeys();
  return keys.sort((a, b) => a - b);
}

/** The matching seqs of the last few filters, each valid up to the head seq it was computed at. */
export class MatchCache {
  readonly #entries = new Map<string, { upTo: number; seqs: number[] }>();

  constructor(private readonly capacity = 8) {}

  /** The seqs of `filter` up to `head`, computing only what is new since the last call. */
  async seqs(table: Table<AuditEntry, number>, filter: AuditFilter, head: number): Promise<number[]> {
    const key = JSON.stringify(filter);
    const cached = this.#entries.get(key);
    this.#entries.delete(key);
    let entry = cached && cached.upTo <= head ? cached : { upTo: 0, seqs: [] };
    if (entry.upTo < head) {
      const added = await matchingSeqs(table, filter, entry.upTo);
      entry = { upTo: head, seqs: entry.seqs.concat(added.filter((seq) => seq <= head)) };
    }
    this.#entries.set(key, entry);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return entry.seqs;
  }

  /** Forgets everything (after the log was cleared or replaced). */
  clear(): void {
    this.#entries.clear();
  }
}
