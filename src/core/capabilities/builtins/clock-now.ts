/** `clock.now`: the host's current time, from the injected clock (so workflows and tests see the same time). */
import type { CapabilityDefinition } from '../types.js';

/** The output of clock.now. */
export interface ClockNowOutput {
  /** Milliseconds since the Unix epoch. */
  epochMs: number;
  /** The same instant in ISO 8601 (UTC). */
  iso: string;
  /** The user's IANA time zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
}

/** The clock.now capability. */
export function clockNow(): CapabilityDefinition<Record<string, never>, ClockNowOutput> {
  return {
    name: 'clock.now',
    description: "Returns the current time: epoch milliseconds, ISO 8601 (UTC) and the user's time zone.",
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    outputSchema: {
      type: 'object',
      required: ['epochMs', 'iso', 'timeZone'],
      additionalProperties: false,
      properties: {
        epochMs: { type: 'integer' },
        iso: { type: 'string', format: 'date-time' },
        timeZone: { type: 'string' },
      },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Current time' },
    scopes: () => ['clock:read'],
    run: (_input, ctx) => {
      const epochMs = ctx.clock.now();
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return Promise.resolve({ epochMs, iso: new Date(epochMs).toISOString(), timeZone });
    },
  };
}
