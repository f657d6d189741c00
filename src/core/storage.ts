/**
 * The browser's storage budget for this site (usage, quota, persistence) and the explanation of storage errors.
 * No DOM: navigator.storage exists in workers too.
 */
import { CometError, errorMessage, isCometError } from './errors.js';

/** Usage and quota in bytes, and whether the browser promised not to evict the data. */
export interface StorageEstimateInfo {
  usage: number;
  quota: number;
  persisted: boolean | 'unsupported';
}

/** Reads this site's storage use and asks for persistent storage. */
export class StorageMonitor {
  /** `storage` defaults to navigator.storage, which is missing outside secure contexts (plain http on a LAN). */
  constructor(private readonly storage: StorageManager | null = globalThis.navigator?.storage ?? null) {}

  /** Usage and quota as the browser reports them; throws CometError 'storage-unavailable' where it cannot. */
  async estimate(): Promise<StorageEstimateInfo> {
    if (!this.storage?.estimate) {
      throw new CometError('storage-unavailable', {
        reason: 'this page cannot read its storage quota (navigator.storage needs https or localhost)',
      });
    }
    const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([
      this.storage.estimate(),
      this.storage.persisted ? this.storage.persisted() : Promise.resolve('unsupported' as const),
    ]);
    return { usage, quota, persisted };
  }

  /** Asks the browser to keep this site's data under storage pressure; 'granted' when it already does. */
  async requestPersistence(): Promise<'granted' | 'denied' | 'unsupported'> {
    if (!this.storage?.persist) return 'unsupported';
    if (this.storage.persisted && (await this.storage.persisted())) return 'granted';
    return (await this.storage.persist()) ? 'granted' : 'denied';
  }
}

/** Error names that mean the storage quota is exhausted (Firefox's legacy name for localStorage included). */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/** The legacy DOMException code of QuotaExceededError. */
const QUOTA_EXCEEDED_ERR = 22;

/** How deep wrapped errors are searched; Dexie nests at most two or three levels. */
const MAX_DEPTH = 5;

/** The errors `error` wraps: Dexie's `inner`, `cause`, and the failures of a BulkError or ModifyError. */
function innerErrors(error: object): unknown[] {
  const e = error as { inner?: unknown; cause?: unknown; failures?: unknown; failuresByPos?: unknown };
  const failures = Array.isArray(e.failures)
    ? (e.failures as unknown[])
    : e.failuresByPos && typeof e.failuresByPos === 'object'
      ? Object.values(e.failuresByPos as Record<string, unknown>)
      : [];
  return [e.inner, e.cause, ...failures];
}

/**
 * True when `error` means the storage quota is full: a DOMException or Dexie QuotaExceededError, or any Dexie
 * error (AbortError, BulkError, ModifyError, OpenFailedError, …) that wraps one, or a CometError 'storage-quota'.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  if (isCometError(error, 'storage-quota')) return true;
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof name === 'string' && QUOTA_NAMES.has(name)) return true;
  if (error instanceof DOMException && code === QUOTA_EXCEEDED_ERR) return true;
  return innerErrors(error).some((inner) => isQuotaError(inner, depth + 1));
}

/** The name of `error`, or of the first error it wraps that has a telling one (Dexie wraps DOMExceptions). */
function rootName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { name, inner } = error as { name?: unknown; inner?: unknown };
  if ((name === 'AbortError' || name === 'OpenFailedError') && inner) return rootName(inner) || String(name);
  return typeof name === 'string' ? name : '';
}

/** Errors that mean the browser will not let us store anything at all right now. */
const UNAVAILABLE_NAMES = new Set([
  'MissingAPIError',
  'DatabaseClosedError',
  'InvalidStateError',
  'SecurityError',
  'InvalidAccessError',
]);

/** Errors that mean stored data could not be read back. */
const CORRUPT_NAMES = new Set(['UnknownError', 'NotReadableError']);

/**
 * Turns any error from IndexedDB or Dexie into a CometError a person can act on. `what` names what was being
 * stored, e.g. 'the workflow "Daily report"'. Quota errors become 'storage-quota'; a CometError is returned as is.
 */
export function explainStorageError(error: unknown, what: string): CometError {
  if (error instanceof CometError) return error;
  const options = { cause: error };
  if (isQuotaError(error)) return new CometError('storage-quota', { what }, options);
  const name = rootName(error);
  const reason = errorMessage(error);
  if (UNAVAILABLE_NAMES.has(name)) return new CometError('storage-unavailable', { reason }, options);
  if (CORRUPT_NAMES.has(name)) return new CometError('storage-corrupt', { reason }, options);
  return new CometError('storage-failed', { what, reason }, options);
}
