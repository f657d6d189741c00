/**
 * What a capability is: a named action with JSON Schemas for its input and output, the grants a call needs,
 * and the function that does it. Built-ins and plugins describe themselves with the same shape.
 */
import type { Clock } from '../clock.js';
import type { InvocationContext, Principal } from '../supervisor/types.js';
import type { JsonSchema } from './schema.js';

/** A capability name: `http.request`, `memory.search`, `plugin.<id>.<fn>` (see names.ts for the grammar). */
export type CapabilityName = string;

/** A log that writes with the calling principal as its source. */
export interface CapabilityLog {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** What a running capability receives besides its input. */
export interface CapabilityContext {
  /** Who called (issued by the host, never claimed by the caller). */
  readonly principal: Principal;
  /** The call's run, step and idempotency key, as the caller gave them. */
  readonly context: InvocationContext;
  /** Aborts when the caller cancels or the call times out: pass it to fetch and every wait. */
  readonly signal: AbortSignal;
  /** The host's clock: the only source of time. */
  readonly clock: Clock;
  /** The platform log, with this principal and capability as the source. */
  readonly log: CapabilityLog;
  /** Calls another capability as the same principal in the same run (it passes the supervisor like any call). */
  readonly invoke: (capability: CapabilityName, input: unknown) => Promise<unknown>;
}

/** Hints for tool exports (MCP annotations); each defaults from `sideEffects`. */
export interface CapabilityHints {
  /** A short human title. */
  title?: string;
  /** May destroy or overwrite data (default: sideEffects). */
  destructive?: boolean;
  /** Repeating a call with the same input has no further effect (default: !sideEffects). */
  idempotent?: boolean;
  /** Reaches beyond the app: the network, other systems (default false). */
  openWorld?: boolean;
}

/** A capability as registered: description, schemas, the scopes an input needs, and `run`. */
export interface CapabilityDefinition<I = unknown, O = unknown> {
  readonly name: CapabilityName;
  /** One or two sentences for people and LLMs: what it does and when to use it. */
  readonly description: string;
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema;
  /** True when a call changes something outside its result (writes, sends, deletes). */
  readonly sideEffects: boolean;
  /** The grant scopes this input needs, e.g. ['net:https://api.example.com/v1/items', 'keys:use:openai']. */
  readonly scopes: (input: I) => string[];
  /** Does the work; receives input that has passed inputSchema. */
  readonly run: (input: I, ctx: CapabilityContext) => Promise<O>;
  /** Longest a call may run before it is aborted (default: the host's, 30 s). */
  readonly timeoutMs?: number;
  /** Who provides it: 'builtin', 'plugin:<id>', 'module:<name>'. */
  readonly source?: string;
  readonly hints?: CapabilityHints;
}

/** What the registry shows about a capability: everything but its functions. */
export type CapabilityInfo = Omit<CapabilityDefinition, 'scopes' | 'run'>;
