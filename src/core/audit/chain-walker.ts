/**
 * Walks a stored chain in key order and names the first bad entry and what happened to it. The same rules are
 * written out again in scripts/verify-audit.mjs (an independent verifier must not import the app): keep them in step.
 *
 * At each entry, with `e` the seq expected next and `prev` the hash of the last good entry:
 * - a seq that is not a whole number or is below e: 'inserted' there;
 * - a seq above e: entries e… are 'removed';
 * - prevHash = prev but the hash does not match the content: 'altered';
 * - prevHash ≠ prev and prevHash is the hash of an earlier entry s: the entries after s were 'inserted';
 * - prevHash ≠ prev and prevHash is the hash of a later entry: 'reordered';
 * - prevHash known nowhere: the entry (if its own hash fails too) or the one before it was 'altered'.
 */
import { GENESIS_HASH } from './chain.js';
import type { AuditHead, AuditProblem, VerifyResult } from './types.js';

/** The fields of a stored entry the walk reads; they are unknown because the store may have been edited by hand. */
export interface StoredLink {
  seq: unknown;
  prevHash: unknown;
  hash: unknown;
}

/** The first bad entry. */
export interface ChainFailure {
  ok: false;
  seq: number;
  problem: AuditProblem;
  detail: string;
}

/** The walker needs the hashes of the entries after this one to tell a reordering from an alteration. */
export const NEEDS_LATER = 'needs-later';

const fail = (seq: number, problem: AuditProblem, detail: string): ChainFailure => ({
  ok: false,
  seq,
  problem,
  detail,
});
const range = (from: number, to: number) => (from === to ? `Entry ${from} is` : `Entries ${from}–${to} are`);

/** The state of one walk over a chain. */
export class ChainWalker {
  #head: AuditHead = { seq: 0, hash: GENESIS_HASH };
  /** Hash → seq of every entry accepted so far. */
  readonly #seen = new Map<string, number>();

  /** The last good entry (seq 0 and the genesis hash before the first). */
  get head(): AuditHead {
    return this.#head;
  }

  /**
   * Checks the next stored entry. `selfOk` says whether its hash matches its content and prevHash. Returns
   * undefined when the entry is good (and accepts it), the failure, or NEEDS_LATER when the answer depends on the
   * entries after it: call again with `laterSeq`, which gives the seq of a later entry carrying a hash.
   */
  check(entry: StoredLink, selfOk: boolean): ChainFailure | typeof NEEDS_LATER | undefined;
  check(entry: StoredLink, selfOk: boolean, laterSeq: (hash: string) => number | undefined): ChainFailure | undefined;
  check(
    entry: StoredLink,
    selfOk: boolean,
    laterSeq?: (hash: string) => number | undefined,
  ): ChainFailure | typeof NEEDS_LATER | undefined {
    const expected = this.#head.seq + 1;
    const { seq, prevHash } = entry;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < expected) {
      const at = typeof seq === 'number' ? seq : expected;
      return fail(
        at,
        'inserted',
        `Entry ${String(seq)} is not part of the sequence (entry ${expected} was due): it was inserted.`,
      );
    }
    if (seq > expected) {
      return fail(
        expected,
        'removed',
        `${range(expected, seq - 1)} missing: entry ${seq} follows entry ${expected - 1}.`,
      );
    }
    if (prevHash === this.#head.hash) {
      if (!selfOk)
        return fail(
          seq,
          'altered',
          `Entry ${seq} was changed after it was written: its content no longer matches its hash.`,
        );
      this.#head = { seq, hash: String(entry.hash) };
      this.#seen.set(this.#head.hash, seq);
      return undefined;
    }
    const earlier = typeof prevHash === 'string' ? this.#seen.get(prevHash) : undefined;
    if (earlier !== undefined) {
      return fail(
        earlier + 1,
        'inserted',
        `${range(earlier + 1, seq - 1)} not part of the chain: entry ${seq} was written right after entry ${earlier}. They were inserted.`,
      );
    }
    if (!laterSeq) return NEEDS_LATER;
    const later = typeof prevHash === 'string' ? laterSeq(prevHash) : undefined;
    if (later !== undefined) {
      return fail(
        seq,
        'reordered',
        `Entry ${seq} is out of order: it was written right after the entry now stored as ${later}.`,
      );
    }
    if (!selfOk)
      return fail(
        seq,
        'altered',
        `Entry ${seq} was changed: neither its content nor its link to entry ${seq - 1} matches.`,
      );
    if (seq === 1) return fail(1, 'altered', 'Entry 1 does not start the chain: its link to the start was changed.');
    return fail(
      seq - 1,
      'altered',
      `Entry ${seq - 1} was changed and its hash recomputed: entry ${seq} was chained to a different hash.`,
    );
  }

  /** The result once every stored entry was accepted, checked against the head the log last recorded (if any). */
  finish(recorded?: AuditHead): VerifyResult {
    const head = this.#head;
    if (recorded && recorded.seq > head.seq) {
      return fail(
        head.seq + 1,
        'removed',
        `${range(head.seq + 1, recorded.seq)} missing from the end: the log had recorded ${recorded.seq} entries.`,
      );
    }
    if (recorded && recorded.seq === head.seq && recorded.hash !== head.hash) {
      return fail(head.seq, 'altered', `Entry ${head.seq} is not the last entry the log wrote: it was replaced.`);
    }
    if (recorded && recorded.seq < head.seq) {
      return fail(
        recorded.seq + 1,
        'inserted',
        `${range(recorded.seq + 1, head.seq)} added without going through the log.`,
      );
    }
    return { ok: true, count: head.seq, head };
  }
}
