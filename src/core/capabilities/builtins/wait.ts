/**
 * `wait`: a timer on the host's clock, for a duration or until an instant. The workflow engine makes it durable: it
 * turns a duration into an absolute `until` when the step first starts and keeps that in the run's log, so a call
 * repeated after a reload sleeps only what is left.
 */
import { sleep } from '../../clock.js';
import { errorMessage } from '../../errors.js';
import { parseDuration } from '../../../modules/workflows/model/duration.js';
import type { CapabilityDefinition } from '../types.js';
import { badInput } from './data-limits.js';

const NAME = 'wait';

/** The longest wait: 24 days, inside what one browser timer can hold (2^31 − 1 ms, about 24.8 days). */
export const MAX_WAIT_MS = 24 * 86_400_000;

/** The input of wait: exactly one of `duration` and `until`. */
export type WaitInput = { duration: number | string; until?: never } | { until: number | string; duration?: never };

/** The output of wait. */
export interface WaitOutput {
  /** How long this call slept (0 when `until` had passed). */
  waitedMs: number;
  /** The instant it waited for, in epoch milliseconds. */
  until: number;
}

/** The epoch milliseconds the input asks to wait for, counted from `now`. */
function deadline(input: WaitInput, now: number): number {
  if (input.duration !== undefined) {
    try {
      return now + parseDuration(input.duration, 'duration');
    } catch (error) {
      throw badInput(NAME, errorMessage(error), error);
    }
  }
  const until = typeof input.until === 'number' ? input.until : Date.parse(input.until);
  if (!Number.isFinite(until))
    throw badInput(NAME, `until "${input.until}" is not an ISO 8601 date-time like 2026-01-05T09:00:00Z`);
  return until;
}

/** The wait capability. */
export function wait(): CapabilityDefinition<WaitInput, WaitOutput> {
  return {
    name: NAME,
    description:
      "Waits for a duration ('30s', '5m', '1h30m', or milliseconds) or until an instant (epoch ms or ISO 8601), " +
      'at most 24 days. In a workflow the wait survives reloads.',
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        duration: {
          type: ['string', 'number'],
          description: "How long: milliseconds, or text like '500ms', '30s', '5m', '1h30m', '2d'.",
        },
        until: {
          type: ['string', 'number'],
          description: 'Until when: epoch milliseconds, or an ISO 8601 date-time (2026-01-05T09:00:00Z).',
        },
      },
      oneOf: [{ required: ['duration'] }, { required: ['until'] }],
    },
    outputSchema: {
      type: 'object',
      required: ['waitedMs', 'until'],
      additionalProperties: false,
      properties: { waitedMs: { type: 'number', minimum: 0 }, until: { type: 'number' } },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Wait' },
    // The wait governs its own length: the host's deadline must never cut it short.
    timeoutMs: MAX_WAIT_MS + 60_000,
    scopes: () => [],
    run: async (input, ctx) => {
      const started = ctx.clock.now();
      const until = deadline(input, started);
      if (until - started > MAX_WAIT_MS)
        throw badInput(NAME, `the wait of ${until - started} ms is longer than the limit of 24 days`);
      // A timer may fire a little early (clock adjustments, a throttled tab): sleep again for what is left.
      while (ctx.clock.now() < until) await sleep(ctx.clock, until - ctx.clock.now(), ctx.signal);
      return { waitedMs: ctx.clock.now() - started, until };
    },
  };
}
