/**
 * The typed topic → payload map of the event bus. Each module adds its own topics by declaration merging,
 * next to the code that publishes them:
 *
 * ```ts
 * declare module '../core/events.js' {
 *   interface CometEvents { 'workflow.run.started': { runId: string } }
 * }
 * ```
 *
 * Topics are dot-separated, most general part first, so that wildcard subscriptions ('workflow.*') catch a
 * whole family. Payloads cross tabs and workers, so they must be structured-cloneable plain data.
 */
export interface CometEvents {
  /** A liveness or diagnostic message any bus may send (debug inspector, multi-tab checks). */
  'bus.ping': { from: string; note?: string };
  /** A message was added to a persistent queue (or an idempotent enqueue found it already there). */
  'queue.enqueued': { queue: string; id: string; visibleAt: number };
  /** A leased message was acknowledged and removed. */
  'queue.acked': { queue: string; id: string; attempt: number };
  /** A failed message will be leased again after `delayMs`. */
  'queue.retry-scheduled': { queue: string; id: string; attempt: number; delayMs: number; error: string };
  /** A message exhausted its attempts or failed with a non-retryable error. */
  'queue.dead-lettered': { queue: string; id: string; attempt: number; reason: string };
  /** A dead letter was put back on its queue with its attempts reset. */
  'queue.requeued': { queue: string; id: string };
  /** The store finished restoring its persisted slices; `fallback` lists slices whose saved value was unusable. */
  'store.restored': { slices: string[]; fallback: string[] };
  /** A persisted slice could not be saved. */
  'store.persist-failed': { slice: string; code: string; message: string };
}

/** Any topic the bus knows. */
export type Topic = Extract<keyof CometEvents, string>;
