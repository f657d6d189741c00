/**
 * Approval prompts. A call that a policy says needs a person waits on a promise (nothing else is held up); the
 * prompts queue in the order they were asked, and views follow the queue through subscribe() in this page or the
 * 'supervisor.approvals.pending' bus topic elsewhere, and answer with answer() or the 'supervisor.approval.answer'
 * topic. An unanswered prompt is denied when its timeout passes on the injected clock. "Allow for a time" creates a
 * temporary grant of the prompt's grantScope, so the same principal is not asked again until it expires.
 */
import type { EventBus } from '../bus.js';
import { abortReason, type Clock } from '../clock.js';
import { CometError, errorMessage } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../log.js';
import type { ApprovalSettlement, PendingApproval } from './events.js';
import type { GrantStore } from './grant-store.js';
import type { ApprovalAnswer, Principal } from './types.js';

/** What a caller asks a person to approve. */
export interface ApprovalRequest {
  principal: Principal;
  capability: string;
  /** The input with secrets already redacted by the caller: it is shown as is. */
  input: unknown;
  /** 'policy:<id>'. */
  rule: string;
  /** Why approval is needed, in words (defaults to the rule). */
  reason?: string;
  timeoutMs: number;
  runId?: string;
  /** The workflow step (with runId) that asks, so a run view can show the prompt on the step. */
  stepId?: string;
  /** What "allow for a time" grants (e.g. 'approval:<policy id>'); without it, only once or deny are offered. */
  grantScope?: string;
  /** Cancels the wait (the call was cancelled); the prompt disappears. */
  signal?: AbortSignal;
}

/** What an ApprovalQueue needs. */
export interface ApprovalQueueDeps {
  clock: Clock;
  bus?: EventBus;
  log?: Logger;
  /** Where "allow for a time" grants go. */
  grants?: GrantStore;
}

interface Waiting {
  view: PendingApproval;
  settle(settlement: ApprovalSettlement): void;
}

/** The longest "allow for a time" accepted: 30 days. */
export const MAX_ALLOW_FOR_MS = 30 * 86_400_000;

/** The queue of approval prompts. */
export class ApprovalQueue {
  readonly #deps: ApprovalQueueDeps;
  readonly #waiting = new Map<string, Waiting>();
  readonly #listeners = new Set<(pending: readonly PendingApproval[]) => void>();
  readonly #unsubscribe: (() => void) | undefined;

  constructor(deps: ApprovalQueueDeps) {
    this.#deps = deps;
    this.#unsubscribe = deps.bus?.subscribe('supervisor.approval.answer', ({ id, answer }) => {
      if (this.#waiting.has(id)) this.answer(id, answer);
    });
  }

  /** Asks a person; resolves with their answer, or 'deny' when the prompt times out. Rejects when `signal` aborts. */
  async request(request: ApprovalRequest): Promise<ApprovalAnswer> {
    return (await this.ask(request)).answer;
  }

  /** Like request(), but also says who settled it: a person, the timeout, or a cancellation. */
  ask(request: ApprovalRequest): Promise<ApprovalSettlement> {
    const { clock } = this.#deps;
    if (request.signal?.aborted) return Promise.reject(abortReason(request.signal));
    const now = clock.now();
    const view: PendingApproval = {
      id: newId(),
      principal: request.principal.id,
      principalLabel: request.principal.label,
      capability: request.capability,
      input: request.input,
      rule: request.rule,
      reason: request.reason ?? `Approval required by ${request.rule}`,
      requestedAt: now,
      deadline: now + request.timeoutMs,
      ...(request.runId === undefined ? {} : { runId: request.runId }),
      ...(request.stepId === undefined ? {} : { stepId: request.stepId }),
      ...(request.grantScope === undefined ? {} : { grantScope: request.grantScope }),
    };
    return new Promise<ApprovalSettlement>((resolve, reject) => {
      const onAbort = () => {
        finish();
        this.#publishSettled({ id: view.id, answer: 'deny', by: 'cancelled' });
        reject(abortReason(request.signal!));
      };
      const timer = clock.setTimeout(
        () => this.#settle(view.id, { id: view.id, answer: 'deny', by: 'timeout' }),
        request.timeoutMs,
      );
      const finish = () => {
        clock.clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        this.#waiting.delete(view.id);
        this.#changed();
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(view.id, {
        view,
        settle: (settlement) => {
          finish();
          this.#publishSettled(settlement);
          resolve(settlement);
        },
      });
      this.#changed();
    });
  }

  /**
   * A person's answer to a pending prompt. { allowFor: ms } also grants the prompt's grantScope to the principal
   * until then (resolving once that grant is saved). Throws approval-unknown when the prompt is gone.
   */
  answer(id: string, answer: ApprovalAnswer): void {
    const waiting = this.#waiting.get(id);
    if (!waiting) throw new CometError('approval-unknown', { id });
    if (typeof answer === 'object') {
      const ms = answer.allowFor;
      if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_ALLOW_FOR_MS)
        throw new CometError('invalid-argument', { what: 'allowFor', reason: 'it must be between 1 ms and 30 days' });
      if (waiting.view.grantScope === undefined)
        throw new CometError('invalid-argument', {
          what: 'allowFor',
          reason: 'this prompt can only be allowed once or denied',
        });
      // Taken off the queue now; the call proceeds once the temporary grant is saved (or with a logged failure).
      this.#waiting.delete(id);
      this.#changed();
      void this.#grantFor(waiting.view, ms).then(() => {
        this.#waiting.set(id, waiting);
        this.#settle(id, { id, answer: { allowFor: ms }, by: 'person' });
      });
      return;
    }
    this.#settle(id, { id, answer: answer === 'allow-once' ? 'allow-once' : 'deny', by: 'person' });
  }

  /** The pending prompts, oldest first. */
  pending(): PendingApproval[] {
    return [...this.#waiting.values()].map((w) => w.view);
  }

  /** Calls `listener` with the pending prompts now and after every change; returns the unsubscribe function. */
  subscribe(listener: (pending: readonly PendingApproval[]) => void): () => void {
    this.#listeners.add(listener);
    listener(this.pending());
    return () => this.#listeners.delete(listener);
  }

  /** Denies every pending prompt (the page is going away) and stops listening. */
  dispose(): void {
    for (const id of [...this.#waiting.keys()]) this.#settle(id, { id, answer: 'deny', by: 'cancelled' });
    this.#unsubscribe?.();
    this.#listeners.clear();
  }

  async #grantFor(view: PendingApproval, ms: number): Promise<void> {
    const { grants, clock, log } = this.#deps;
    if (!grants) return;
    try {
      await grants.add({
        principal: view.principal,
        scope: view.grantScope!,
        validUntil: clock.now() + ms,
        source: 'approval',
        note: `Allowed for a time when ${view.capability} asked (${view.rule})`,
      });
    } catch (error) {
      log?.error('supervisor', `The temporary grant for ${view.principal} could not be saved: ${errorMessage(error)}`);
    }
  }

  #settle(id: string, settlement: ApprovalSettlement): void {
    this.#waiting.get(id)?.settle(settlement);
  }

  #publishSettled(settlement: ApprovalSettlement): void {
    this.#deps.bus?.publish('supervisor.approval.settled', settlement);
  }

  #changed(): void {
    const pending = this.pending();
    for (const listener of this.#listeners) listener(pending);
    if (!this.#deps.bus) return;
    try {
      this.#deps.bus.publish('supervisor.approvals.pending', { pending });
    } catch (error) {
      // An input that cannot cross to another context still shows in this page's subscribers.
      this.#deps.log?.warn('supervisor', `Pending approvals could not be published: ${errorMessage(error)}`);
    }
  }
}
