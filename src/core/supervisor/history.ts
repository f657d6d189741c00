/**
 * The session history that temporal policies look at: every call (from the moment it is committed, so calls in
 * flight count too), how it ended, and approvals given in runs. It is kept in memory and indexed for the questions
 * policies ask, so a decision stays fast with 100k entries:
 * - per run, its entries in order (ordering and lookup rules look within a run);
 * - per tracked policy and group, a time-sorted array with prefix sums (counts and totals over a sliding window
 *   are two binary searches).
 * Entries older than the longest window (and at least `retainMs`) are dropped.
 *
 * Clock skew: a series never goes back in time. An entry stamped earlier than the last one is filed at the last
 * one's time, and entries stamped later than `now` count as inside every window. So a clock moved backwards can only
 * make a limit stricter (until time catches up), never let more calls through.
 */
import type { HistoryEntry } from './types.js';

/** Times (non-decreasing) with a value each, and their running sum; old entries are dropped from the front. */
export class TimeSeries {
  #times: number[] = [];
  /** #sums[i] = the sum of values 0..i (cumulative since the series began; differences stay exact enough). */
  #sums: number[] = [];
  /** The running sum before #sums[0] (entries compacted away). */
  #base = 0;
  #head = 0;

  /** Entries kept. */
  get length(): number {
    return this.#times.length - this.#head;
  }

  /** Adds an entry at `time` (raised to the last entry's time, so the series stays sorted). */
  push(time: number, value = 1): void {
    const n = this.#times.length;
    const last = n ? this.#times[n - 1] : -Infinity;
    this.#times.push(Math.max(time, last));
    this.#sums.push((n ? this.#sums[n - 1] : this.#base) + value);
  }

  /** The index of the first entry later than `since`. */
  #after(since: number): number {
    let lo = this.#head;
    let hi = this.#times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#times[mid] > since) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** How many entries are later than `since`. */
  countSince(since: number): number {
    return this.#times.length - this.#after(since);
  }

  /** The sum of the values of entries later than `since`. */
  sumSince(since: number): number {
    const lo = this.#after(since);
    const n = this.#times.length;
    if (lo >= n) return 0;
    return this.#sums[n - 1] - (lo > 0 ? this.#sums[lo - 1] : this.#base);
  }

  /** The time of the k-th most recent entry (k = 1 is the last), if there are that many. */
  timeFromEnd(k: number): number | undefined {
    const i = this.#times.length - k;
    return i >= this.#head ? this.#times[i] : undefined;
  }

  /**
   * The earliest entry time t (later than `since`) such that the entries after t sum to less than `limit`: once
   * t leaves the window, the sum is under the limit again.
   */
  timeSumDropsBelow(since: number, limit: number): number | undefined {
    const n = this.#times.length;
    const total = n ? this.#sums[n - 1] : this.#base;
    let lo = this.#after(since);
    let hi = n - 1;
    if (lo > hi) return undefined;
    // Smallest j in [lo, n) with total - sums[j] < limit; sums grow with j (values are not negative here).
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (total - this.#sums[mid] < limit) hi = mid;
      else lo = mid + 1;
    }
    return this.#times[lo];
  }

  /** Drops entries at or before `time`. */
  prune(time: number): void {
    this.#head = this.#after(time);
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#base = this.#sums[this.#head - 1];
      this.#times = this.#times.slice(this.#head);
      this.#sums = this.#sums.slice(this.#head);
      this.#head = 0;
    }
  }
}

/** What a policy tracks in the history: which entries, their group keys, and (for totals) their values. */
export interface SeriesSpec {
  /** 'start': when a call is committed (counts); 'finish': when it has ended (totals of what it reported). */
  on: 'start' | 'finish';
  windowMs: number;
  matches(entry: HistoryEntry): boolean;
  groups(entry: HistoryEntry): readonly string[];
  /** The entry's value (totals); undefined to skip it. Counts use 1. */
  value?(entry: HistoryEntry): number | undefined;
}

/** A tracked policy's series, one per group. */
export class SeriesIndex {
  readonly #groups = new Map<string, TimeSeries>();
  constructor(readonly spec: SeriesSpec) {}

  /** The series of one group (empty when the group has no entries). */
  series(group: string): TimeSeries | undefined {
    return this.#groups.get(group);
  }

  /** Files an entry (already known to match) at `time`. */
  add(entry: HistoryEntry, time: number): void {
    let value = 1;
    if (this.spec.value) {
      const v = this.spec.value(entry);
      if (v === undefined) return;
      value = v;
    }
    for (const group of this.spec.groups(entry)) {
      let series = this.#groups.get(group);
      if (!series) this.#groups.set(group, (series = new TimeSeries()));
      series.push(time, value);
    }
  }

  /** Drops entries that have left the window as of `now`. */
  prune(now: number): void {
    for (const [group, series] of this.#groups) {
      series.prune(now - this.spec.windowMs);
      if (series.length === 0) this.#groups.delete(group);
    }
  }
}

/** Options of SessionHistory. */
export interface HistoryOptions {
  /** Keep entries at least this long, for run-scoped rules (default 24 h). */
  retainMs?: number;
}

/** The in-memory, indexed session history. */
export class SessionHistory {
  readonly retainMs: number;
  #entries: HistoryEntry[] = [];
  #head = 0;
  readonly #running = new Map<string, HistoryEntry>();
  readonly #runs = new Map<string, HistoryEntry[]>();
  readonly #indexes = new Map<string, SeriesIndex>();
  #sincePrune = 0;
  #latest = -Infinity;

  constructor(options: HistoryOptions = {}) {
    this.retainMs = options.retainMs ?? 24 * 3_600_000;
  }

  /** Entries kept. */
  get size(): number {
    return this.#entries.length - this.#head;
  }

  /** The latest time of any entry (epoch ms), or -Infinity. */
  get latest(): number {
    return this.#latest;
  }

  /** Records a committed call that is starting (status 'running'). */
  start(entry: HistoryEntry): void {
    this.#append(entry);
    if (entry.status === 'running') this.#running.set(entry.id, entry);
    this.#feed(entry, 'start', entry.time);
  }

  /** Records how a running call ended; an unknown id is ignored (it was pruned or never started). Returns the entry. */
  finish(
    id: string,
    ok: boolean,
    output: unknown,
    durationMs: number | undefined,
    time: number,
  ): HistoryEntry | undefined {
    const entry = this.#running.get(id);
    if (!entry) return undefined;
    this.#running.delete(id);
    entry.status = ok ? 'ok' : 'error';
    entry.output = output;
    entry.durationMs = durationMs ?? Math.max(0, time - entry.time);
    this.#feed(entry, 'finish', entry.time + entry.durationMs);
    return entry;
  }

  /** Records a finished entry at once (an approval, or an entry restored from the audit log). */
  add(entry: HistoryEntry): void {
    this.#append(entry);
    this.#feed(entry, 'start', entry.time);
    if (entry.status !== 'running') this.#feed(entry, 'finish', entry.time + (entry.durationMs ?? 0));
    else this.#running.set(entry.id, entry);
  }

  /** The entries of a run, oldest first (empty for an unknown run). */
  run(runId: string): readonly HistoryEntry[] {
    return this.#runs.get(runId) ?? [];
  }

  /** Tracks a series for policy `id` (replacing any before), filled from the entries kept so far. */
  track(id: string, spec: SeriesSpec): SeriesIndex {
    const index = new SeriesIndex(spec);
    for (let i = this.#head; i < this.#entries.length; i++) {
      const entry = this.#entries[i];
      if (!spec.matches(entry)) continue;
      if (spec.on === 'start') index.add(entry, entry.time);
      else if (entry.status !== 'running') index.add(entry, entry.time + (entry.durationMs ?? 0));
    }
    this.#indexes.set(id, index);
    return index;
  }

  /** Stops tracking a policy's series. */
  untrack(id: string): void {
    this.#indexes.delete(id);
  }

  /** Drops what no rule can need any more as of `now`. */
  prune(now: number): void {
    let keep = this.retainMs;
    for (const index of this.#indexes.values()) {
      keep = Math.max(keep, index.spec.windowMs);
      index.prune(now);
    }
    const cutoff = now - keep;
    while (this.#head < this.#entries.length) {
      const entry = this.#entries[this.#head];
      if (entry.time > cutoff || entry.status === 'running') break;
      this.#head++;
      const run = entry.runId === undefined ? undefined : this.#runs.get(entry.runId);
      if (run && run[0] === entry) {
        run.shift();
        if (run.length === 0) this.#runs.delete(entry.runId!);
      }
    }
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }

  #append(entry: HistoryEntry): void {
    this.#entries.push(entry);
    this.#latest = Math.max(this.#latest, entry.time);
    if (entry.runId !== undefined) {
      const run = this.#runs.get(entry.runId);
      if (run) run.push(entry);
      else this.#runs.set(entry.runId, [entry]);
    }
    if (++this.#sincePrune >= 1024) {
      this.#sincePrune = 0;
      this.prune(this.#latest);
    }
  }

  #feed(entry: HistoryEntry, on: 'start' | 'finish', time: number): void {
    for (const index of this.#indexes.values())
      if (index.spec.on === on && index.spec.matches(entry)) index.add(entry, time);
  }
}
