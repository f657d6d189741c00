/**
 * Token buckets of rate policies, persisted in `rateBuckets` so that a reload does not refill them. A decision reads
 * the in-memory copy (synchronously); Supervisor.commit takes the token inside a database transaction, which is the
 * authority when several tabs share a bucket.
 *
 * Clock skew: time that goes backwards refills nothing; the bucket's clock moves back with it, so it refills
 * normally from then on and a changed clock never hands out extra tokens.
 */
import { CometError } from '../errors.js';
import type { CometDB } from '../../db/db.js';
import type { RateBucketRow } from '../../db/schema.js';
import type { BucketCharge } from './types.js';

/** A bucket's state at a moment. */
export interface BucketLevel {
  tokens: number;
  /** 0 when a token is there; else how long until one is. */
  retryAfterMs: number;
}

/** The level of a bucket holding `row` (undefined: never used, so full) at `now`. */
export function levelAt(
  row: Pick<RateBucketRow, 'tokens' | 'updatedAt'> | undefined,
  charge: BucketCharge,
  now: number,
): BucketLevel {
  const { capacity, refillEveryMs } = charge;
  const elapsed = row ? Math.max(0, now - row.updatedAt) : 0;
  const tokens = row ? Math.min(capacity, row.tokens + elapsed / refillEveryMs) : capacity;
  return { tokens, retryAfterMs: tokens >= 1 ? 0 : Math.ceil((1 - tokens) * refillEveryMs) };
}

/** Every bucket, in memory and in the database. */
export class RateBuckets {
  readonly #db: CometDB;
  #rows = new Map<string, RateBucketRow>();

  private constructor(db: CometDB) {
    this.#db = db;
  }

  /** Opens the buckets and loads their saved levels. */
  static async open(db: CometDB): Promise<RateBuckets> {
    const buckets = new RateBuckets(db);
    await buckets.reload();
    return buckets;
  }

  /** Reads every bucket from the database again. */
  async reload(): Promise<void> {
    this.#rows = new Map((await this.#db.rateBuckets.toArray()).map((row) => [row.key, row]));
  }

  /** The level of a bucket now (from memory; another tab's use shows after commit or reload). */
  level(charge: BucketCharge, now: number): BucketLevel {
    return levelAt(this.#rows.get(charge.key), charge, now);
  }

  /**
   * Takes one token from each bucket, inside the caller's transaction over `rateBuckets`. An enforced bucket without
   * a token throws rate-limited (and the transaction rolls back); a log-only bucket is drained to zero at most.
   */
  async takeRows(charges: readonly BucketCharge[], now: number, what: string): Promise<RateBucketRow[]> {
    const rows: RateBucketRow[] = [];
    for (const charge of charges) {
      const level = levelAt(await this.#db.rateBuckets.get(charge.key), charge, now);
      if (charge.mode === 'enforce' && level.tokens < 1)
        throw new CometError('rate-limited', {
          what,
          policy: charge.policyId,
          retryAfterMs: level.retryAfterMs,
          retryAfter: `${Math.ceil(level.retryAfterMs / 1000)} s`,
        });
      const row = { key: charge.key, policyId: charge.policyId, tokens: Math.max(0, level.tokens - 1), updatedAt: now };
      await this.#db.rateBuckets.put(row);
      rows.push(row);
    }
    return rows;
  }

  /** Makes committed rows the in-memory levels. */
  apply(rows: readonly RateBucketRow[]): void {
    for (const row of rows) this.#rows.set(row.key, row);
  }

  /** Forgets every bucket of a policy (it was deleted or its rule changed). */
  async removeFor(policyId: string): Promise<void> {
    await this.#db.rateBuckets.where('policyId').equals(policyId).delete();
    for (const [key, row] of this.#rows) if (row.policyId === policyId) this.#rows.delete(key);
  }
}
