/**
 * Follows the pending approval prompts of every approval queue that shares the bus (this tab's, and those of other
 * tabs through the BroadcastChannel), so the shell can show them over any page without loading the supervisor.
 * Each queue publishes its whole list on each change; the lists are kept per publishing bus and merged.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EventBus } from '../../core/bus.js';
import type { PendingApproval } from '../../core/supervisor/events.js';

/** Re-renders its host with the pending approval prompts, oldest first. */
export class PendingApprovalsController implements ReactiveController {
  /** The pending prompts of every queue, oldest first. */
  pending: readonly PendingApproval[] = [];
  readonly #byOrigin = new Map<string, readonly PendingApproval[]>();
  #unsubscribe: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getBus: () => EventBus | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const bus = this.getBus();
    if (!bus) return;
    this.#unsubscribe = [
      bus.subscribe('supervisor.approvals.pending', ({ pending }, message) => {
        this.#byOrigin.set(message.origin, pending);
        this.#changed();
      }),
      // A queue in a tab that closed never publishes again: its prompts go once answered or timed out anywhere.
      bus.subscribe('supervisor.approval.settled', ({ id }) => {
        for (const [origin, list] of this.#byOrigin)
          this.#byOrigin.set(
            origin,
            list.filter((p) => p.id !== id),
          );
        this.#changed();
      }),
    ];
  }

  hostDisconnected(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  #changed(): void {
    this.pending = [...this.#byOrigin.values()].flat().sort((a, b) => a.requestedAt - b.requestedAt);
    this.host.requestUpdate();
  }
}
