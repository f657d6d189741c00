import { abortReason, sleep, systemClock, type Clock } from './clock.js';
import { CometError, errorMessage } from './errors.js';

/**
 * The platform's one retry policy: the fields of Temporal's RetryPolicy, with its defaults, plus jitter and
 * Retry-After. Durations are milliseconds.
 */
export interface RetryPolicy {
  /** Delay before the first retry. */
  initialIntervalMs: number;
  /** Each further delay is the previous one times this (≥ 1). */
  backoffCoefficient: number;
  /** Cap on the computed delay (before jitter). */
  maximumIntervalMs: number;
  /** Total attempts including the first; 0 means unlimited. */
  maximumAttempts: number;
  /** Errors whose `name` or CometError `code` is listed here fail at once. */
  nonRetryableErrorTypes: string[];
  /**
   * Spread each delay uniformly over ±jitter of itself (0..1). Many tabs, workers or clients that failed
   * together (a server outage, the network coming back) would otherwise retry in lockstep and knock the
   * recovering service over again; a symmetric spread keeps the average schedule equal to Temporal's.
   */
  jitter: number;
  /** Wait at least as long as an error's `retryAfterMs` (from an HTTP Retry-After header) when it has one. */
  respectRetryAfter: boolean;
}

/** Temporal's defaults, plus 20 % jitter and Retry-After respected. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  initialIntervalMs: 1000,
  backoffCoefficient: 2,
  maximumIntervalMs: 100_000,
  maximumAttempts: 0,
  nonRetryableErrorTypes: [],
  jitter: 0.2,
  respectRetryAfter: true,
});

const invalid = (field: string, value: unknown, reason: string) =>
  new CometError('invalid-argument', { what: `Retry policy field ${field} (${String(value)})`, reason, field });

/** Fills a partial policy with the defaults (maximumIntervalMs defaults to 100 × initialIntervalMs) and validates it. */
export function normalizeRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const initialIntervalMs = partial.initialIntervalMs ?? DEFAULT_RETRY_POLICY.initialIntervalMs;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    maximumIntervalMs: 100 * initialIntervalMs,
    ...definedOnly(partial),
    nonRetryableErrorTypes: [...(partial.nonRetryableErrorTypes ?? [])],
  };
  const { backoffCoefficient, maximumIntervalMs, maximumAttempts, jitter } = policy;
  if (!Number.isFinite(initialIntervalMs) || initialIntervalMs < 0) {
    throw invalid('initialIntervalMs', initialIntervalMs, 'it must be a finite number of milliseconds ≥ 0');
  }
  if (!Number.isFinite(backoffCoefficient) || backoffCoefficient < 1) {
    throw invalid('backoffCoefficient', backoffCoefficient, 'it must be a finite number ≥ 1');
  }
  if (!Number.isFinite(maximumIntervalMs) || maximumIntervalMs < initialIntervalMs) {
    throw invalid(
      'maximumIntervalMs',
      maximumIntervalMs,
      `it must be finite and ≥ initialIntervalMs (${initialIntervalMs})`,
    );
  }
  if (!Number.isInteger(maximumAttempts) || maximumAttempts < 0) {
    throw invalid('maximumAttempts', maximumAttempts, 'it must be a whole number ≥ 0 (0 = unlimited)');
  }
  if (!policy.nonRetryableErrorTypes.every((t) => typeof t === 'string')) {
    throw invalid('nonRetryableErrorTypes', policy.nonRetryableErrorTypes, 'it must be a list of error names or codes');
  }
  if (!(jitter >= 0 && jitter <= 1)) throw invalid('jitter', jitter, 'it must be a fraction from 0 to 1');
  if (typeof policy.respectRetryAfter !== 'boolean') {
    throw invalid('respectRetryAfter', policy.respectRetryAfter, 'it must be true or false');
  }
  return policy;
}

/**
 * The delay before retrying after failed attempt number `attempt` (1-based): initial × coefficient^(attempt−1),
 * capped at maximumIntervalMs, spread by jitter, and never shorter than `retryAfterMs` when the policy respects it.
 */
export function retryDelay(
  policy: Partial<RetryPolicy>,
  attempt: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const p = normalizeRetryPolicy(policy);
  const growth = p.backoffCoefficient ** (Math.max(1, attempt) - 1); // may reach Infinity: the cap takes over
  const base = p.initialIntervalMs === 0 ? 0 : Math.min(p.initialIntervalMs * growth, p.maximumIntervalMs);
  const spread = 1 + p.jitter * (2 * random() - 1);
  const delay = Math.max(0, Math.round(base * spread));
  return p.respectRetryAfter && retryAfterMs !== undefined && retryAfterMs > delay ? Math.ceil(retryAfterMs) : delay;
}

/** The delays before retries 1..attempts−1 of a run of `attempts` attempts, for showing a policy as a timeline. */
export function retrySchedule(
  policy: Partial<RetryPolicy>,
  attempts: number,
  random: () => number = () => 0.5,
): number[] {
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, i) => retryDelay(policy, i + 1, random));
}

/** The names an error answers to in nonRetryableErrorTypes: its `name` and, for CometErrors and their serialized form, its `code`. */
export function errorTypes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const { name, code } = error as { name?: unknown; code?: unknown };
  return [name, code].filter((t): t is string => typeof t === 'string');
}

/** The server-requested wait carried by an error: `retryAfterMs` on the error or in a CometError's details. */
export function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { retryAfterMs?: unknown }).retryAfterMs;
  const detail = (error as { details?: { retryAfterMs?: unknown } }).details?.retryAfterMs;
  const value = typeof own === 'number' ? own : detail;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Milliseconds an HTTP Retry-After header asks for (delta-seconds or an HTTP date), or undefined if unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Why `error` must not be retried under the policy, or undefined when its type allows retries. */
function nonRetryableReason(p: RetryPolicy, error: unknown): string | undefined {
  const type = errorTypes(error).find((t) => p.nonRetryableErrorTypes.includes(t));
  if (type !== undefined) return `${type} is a non-retryable error type`;
  if ((error as { nonRetryable?: unknown } | null)?.nonRetryable === true) return 'the error is marked non-retryable';
  return undefined;
}

/** Whether failed attempt number `attempt` (1-based) should be retried, and why. */
export function shouldRetry(
  policy: Partial<RetryPolicy>,
  attempt: number,
  error: unknown,
): { retry: boolean; reason: string } {
  const p = normalizeRetryPolicy(policy);
  const refusal = nonRetryableReason(p, error);
  if (refusal !== undefined) return { retry: false, reason: refusal };
  if (p.maximumAttempts > 0 && attempt >= p.maximumAttempts) {
    return { retry: false, reason: `reached maximumAttempts (${p.maximumAttempts})` };
  }
  const of = p.maximumAttempts > 0 ? ` of ${p.maximumAttempts}` : '';
  return { retry: true, reason: `attempt ${attempt}${of} failed: ${errorMessage(error)}` };
}

/** What `onRetry` is told before each backoff sleep. */
export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  error: unknown;
  reason: string;
}

/** Options of `retry`. */
export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  clock?: Clock;
  signal?: AbortSignal;
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

/**
 * Calls `fn` until it resolves, sleeping on the clock between attempts as the policy says. A non-retryable
 * error is rethrown as is; running out of attempts throws CometError 'retry-exhausted' with the last error
 * as its cause; an abort (also during a sleep) rejects with the signal's reason.
 */
export async function retry<T>(
  fn: (attempt: number, signal: AbortSignal) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy = normalizeRetryPolicy(options.policy);
  const clock = options.clock ?? systemClock;
  const signal = options.signal ?? new AbortController().signal;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw abortReason(signal);
    try {
      return await fn(attempt, signal);
    } catch (error) {
      if (signal.aborted) throw abortReason(signal);
      const decision = shouldRetry(policy, attempt, error);
      if (!decision.retry) {
        if (nonRetryableReason(policy, error) !== undefined) throw error;
        throw new CometError('retry-exhausted', { attempts: attempt, reason: errorMessage(error) }, { cause: error });
      }
      const delayMs = retryDelay(policy, attempt, options.random, retryAfterOf(error));
      options.onRetry?.({ attempt, delayMs, error, reason: decision.reason });
      await sleep(clock, delayMs, signal);
    }
  }
}

/** The entries of `partial` whose value is not undefined, so `{ jitter: undefined }` keeps the default. */
function definedOnly<T extends object>(partial: T): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}
