/** `log.write`: a line in the platform log, with the calling principal as its source (a caller cannot pose as another). */
import type { Logger, LogLevel } from '../../log.js';
import type { CapabilityDefinition } from '../types.js';

/** The input of log.write. */
export interface LogWriteInput {
  level?: LogLevel;
  message: string;
  data?: unknown;
}

/** Longest message accepted: the log is for lines, not documents. */
export const MAX_LOG_MESSAGE = 2000;

/** The log.write capability, writing to `logger`. */
export function logWrite(logger: Logger): CapabilityDefinition<LogWriteInput, { time: number }> {
  return {
    name: 'log.write',
    description: 'Writes a line to the app log (debug, info, warn or error), attributed to the caller.',
    inputSchema: {
      type: 'object',
      required: ['message'],
      additionalProperties: false,
      properties: {
        level: { enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
        message: { type: 'string', minLength: 1, maxLength: MAX_LOG_MESSAGE },
        data: { description: 'Any JSON value to show beside the line.' },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['time'],
      additionalProperties: false,
      properties: { time: { type: 'integer' } },
    },
    sideEffects: true,
    source: 'builtin',
    hints: { title: 'Write to the log', destructive: false },
    scopes: () => ['log:write'],
    run: ({ level = 'info', message, data }, ctx) => {
      logger[level](ctx.principal.id, message, data);
      return Promise.resolve({ time: ctx.clock.now() });
    },
  };
}
