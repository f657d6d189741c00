/**
 * A window onto a filtered audit log for a virtualised table: the count up front, then entries a page at a time as
 * rows come into view, newest first. Only the pages near what was looked at stay in memory, so a log of 100k
 * entries costs a few pages, never the whole table.
 */
import type { AuditLog } from '../../core/audit/index.js';
import type { AuditEntry, AuditFilter } from '../../core/audit/types.js';
import { errorMessage } from '../../core/errors.js';

/** Entries read per query. */
export const PAGE_SIZE = 200;
/** Pages kept in memory (least recently used go first). */
const MAX_PAGES = 40;

/** Pages of one filter's entries, loaded on demand. */
export class AuditPager {
  /** How many entries match (undefined until counted). */
  count: number | undefined;
  /** Why the last read failed, if it did. */
  error: string | undefined;
  readonly #pages = new Map<number, AuditEntry[]>();
  readonly #loading = new Set<number>();
  #disposed = false;

  constructor(
    private readonly audit: Pick<AuditLog, 'query' | 'count'>,
    readonly filter: AuditFilter,
    /** Called whenever the count or a page arrives. */
    private readonly onChange: () => void,
  ) {}

  /** Counts the matching entries and reads the first page. */
  async start(): Promise<void> {
    try {
      this.count = await this.audit.count(this.filter);
      if (this.#disposed) return;
      await this.#load(0);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The entry at `index` (0 is the newest), or undefined while its page loads. */
  get(index: number): AuditEntry | undefined {
    const page = Math.floor(index / PAGE_SIZE);
    const rows = this.#pages.get(page);
    if (rows) {
      // Most recently used last, so eviction drops pages scrolled away from.
      this.#pages.delete(page);
      this.#pages.set(page, rows);
      return rows[index % PAGE_SIZE];
    }
    void this.#load(page);
    return undefined;
  }

  /** Stops delivering pages (the filter changed, or the view closed). */
  dispose(): void {
    this.#disposed = true;
  }

  async #load(page: number): Promise<void> {
    if (this.#loading.has(page) || this.#pages.has(page) || this.#disposed) return;
    this.#loading.add(page);
    try {
      const rows = await this.audit.query({ ...this.filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (this.#disposed) return;
      this.#pages.set(page, rows);
      while (this.#pages.size > MAX_PAGES) this.#pages.delete(this.#pages.keys().next().value!);
      this.onChange();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#loading.delete(page);
    }
  }

  #fail(error: unknown): void {
    if (this.#disposed) return;
    this.error = errorMessage(error);
    this.onChange();
  }
}
