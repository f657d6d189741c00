/**
 * Token counts that API responses report, for per-key usage: OpenAI-style `usage.total_tokens` (or prompt +
 * completion tokens), Anthropic-style `usage.input_tokens + usage.output_tokens`.
 */
import type { KeyUsage } from './types.js';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/** The tokens a response body reports, or undefined when it reports none. */
export function tokensFromResponse(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const usage = (body as { usage?: unknown }).usage;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  const total = count(u.total_tokens);
  if (total !== undefined) return total;
  const input = count(u.input_tokens) ?? count(u.prompt_tokens);
  const output = count(u.output_tokens) ?? count(u.completion_tokens);
  return input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0);
}

/** The UTC day of an instant, as used for daily usage: '2025-03-30'. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** `daily` with one more call (and its tokens) on `day`, keeping the most recent `keep` days. */
export function addDaily(
  daily: Record<string, KeyUsage>,
  day: string,
  tokens: number,
  keep = 60,
): Record<string, KeyUsage> {
  const next = { ...daily, [day]: { calls: (daily[day]?.calls ?? 0) + 1, tokens: (daily[day]?.tokens ?? 0) + tokens } };
  const days = Object.keys(next).sort();
  for (const old of days.slice(0, Math.max(0, days.length - keep))) delete next[old];
  return next;
}
