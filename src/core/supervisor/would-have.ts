/**
 * What log-only policies would have done, kept for the UI ("this policy would have blocked 12 calls today") and
 * published on the bus as it happens.
 */
import type { EventBus } from '../bus.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import './events.js';
import type { PrincipalId, WouldHave } from './types.js';

/** A log-only policy's "would have", as the UI lists it. */
export interface WouldHaveEvent extends WouldHave {
  time: number;
  principal: PrincipalId;
  capability: string;
}

/** The most recent would-haves, bounded. */
export class WouldHaveLog {
  readonly #events: WouldHaveEvent[] = [];

  constructor(
    private readonly bus: EventBus | undefined,
    private readonly log: Logger | undefined,
    private readonly capacity = 500,
  ) {}

  /** Notes the would-haves of one decision. */
  note(wouldHave: readonly WouldHave[], call: { time: number; principal: PrincipalId; capability: string }): void {
    for (const w of wouldHave) {
      const event = { ...w, time: call.time, principal: call.principal, capability: call.capability };
      this.#events.push(event);
      if (this.#events.length > this.capacity) this.#events.shift();
      try {
        this.bus?.publish('supervisor.would-have', event);
      } catch (error) {
        this.log?.warn('supervisor', `A log-only finding could not be published: ${errorMessage(error)}`);
      }
    }
  }

  /** The kept events, oldest first (optionally of one policy). */
  list(policyId?: string): WouldHaveEvent[] {
    return policyId === undefined ? [...this.#events] : this.#events.filter((e) => e.policyId === policyId);
  }
}
