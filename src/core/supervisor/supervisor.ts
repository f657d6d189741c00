/**
 * The supervisor: every capability call is decided here. decide() is synchronous and walks, in order:
 *   1. the principal: it must be one the host issued (a copy or a look-alike is refused with an error);
 *   2. the scopes the capability needs for this input (unknown or malformed scopes are errors);
 *   3. grants, default deny: each scope needs a grant that applies now; a denial names the scopes that would allow it
 *      and why a near-miss grant did not apply;
 *   4. enforced policies: a deny wins over an ask; an ask carries what must be approved;
 *   5. log-only policies: never block, only add `wouldHave`;
 *   6. rate limits: a denial says `retryAfterMs`.
 * An allowed decision is then committed (commit(): one-shot grants and tokens are taken, atomically, only for a call
 * that really runs), and the call's outcome recorded (record()) into the session history that temporal policies read.
 *
 * Clock skew: the supervisor remembers the latest time it has seen. Grant expiry is judged against that latest time,
 * so setting the clock back cannot revive an expired grant; history and buckets treat times after `now` as now
 * (see history.ts, rate-limits.ts). Going back in time can only make decisions stricter.
 */
import type { EventBus } from '../bus.js';
import type { Clock } from '../clock.js';
import { CometError } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../log.js';
import type { CometDB } from '../../db/db.js';
import { ApprovalQueue } from './approvals.js';
import { describeDuration } from './describe.js';
import './events.js';
import { GrantStore } from './grant-store.js';
import { SessionHistory, type HistoryOptions } from './history.js';
import type { CallFacts, PolicyEnv } from './policies.js';
import { PolicyEngine } from './policy-engine.js';
import { exportPolicyFile, importPolicyFile } from './policy-io.js';
import { PolicyStore } from './policy-store.js';
import type { PrincipalRegistry } from './principals.js';
import { RateBuckets } from './rate-limits.js';
import { parseScope } from './scopes.js';
import type {
  BucketCharge,
  CallOutcome,
  CallTicket,
  HistoryEntry,
  InvocationContext,
  Principal,
  SupervisedCapability,
  SupervisorDecision,
  WouldHave,
} from './types.js';
import { WouldHaveLog, type WouldHaveEvent } from './would-have.js';

/** What a Supervisor needs. */
export interface SupervisorDeps {
  db: CometDB;
  clock: Clock;
  principals: PrincipalRegistry;
  log?: Logger;
  bus?: EventBus;
  /** The approval queue the UI answers (default: a new one on the same clock, bus and grants). */
  approvals?: ApprovalQueue;
  /** The history of earlier calls, e.g. from the audit log, oldest first; read once by open(). */
  loadHistory?: () => Promise<Iterable<HistoryEntry>> | Iterable<HistoryEntry>;
  history?: HistoryOptions;
}

/** Options of authorize(). */
export interface AuthorizeOptions {
  /** The input as an approval prompt may show it (secrets redacted); without it the prompt shows no input. */
  redactedInput?: unknown;
}

const NO_APPROVALS: ReadonlySet<string> = new Set();
/** How far back the clock may step (ms) before the supervisor logs it as a clock change. */
const SKEW_TOLERANCE_MS = 1000;

/** The private part of a decision commit() needs (never on the decision itself, which is audited). */
interface Pending {
  input: unknown;
  context: InvocationContext;
}

/** Decides every capability call. Create it with Supervisor.open(). */
export class Supervisor {
  readonly principals: PrincipalRegistry;
  readonly grants: GrantStore;
  readonly policies: PolicyStore;
  readonly approvals: ApprovalQueue;
  readonly history: SessionHistory;
  readonly #deps: SupervisorDeps;
  readonly #buckets: RateBuckets;
  readonly #engine: PolicyEngine;
  readonly #pending = new WeakMap<SupervisorDecision, Pending>();
  readonly #committed = new WeakSet<SupervisorDecision>();
  readonly #wouldHave: WouldHaveLog;
  readonly #unsubscribe: () => void;
  #latest = -Infinity;

  private constructor(deps: SupervisorDeps, grants: GrantStore, policies: PolicyStore, buckets: RateBuckets) {
    this.#deps = deps;
    this.principals = deps.principals;
    this.grants = grants;
    this.policies = policies;
    this.#buckets = buckets;
    this.history = new SessionHistory(deps.history);
    this.approvals = deps.approvals ?? new ApprovalQueue({ clock: deps.clock, bus: deps.bus, log: deps.log, grants });
    this.#engine = new PolicyEngine(this.history);
    this.#wouldHave = new WouldHaveLog(deps.bus, deps.log);
    this.#unsubscribe = policies.subscribe((list) => this.#engine.set(list));
  }

  /** Loads grants, policies, rate buckets and the earlier history, and returns the ready supervisor. */
  static async open(deps: SupervisorDeps): Promise<Supervisor> {
    const [grants, policies, buckets] = await Promise.all([
      GrantStore.open(deps),
      PolicyStore.open(deps),
      RateBuckets.open(deps.db),
    ]);
    const supervisor = new Supervisor(deps, grants, policies, buckets);
    // History first, then the policies' series are built from it in one pass each.
    for (const entry of (await deps.loadHistory?.()) ?? []) supervisor.history.add(entry);
    supervisor.#engine.set(policies.list());
    supervisor.#latest = supervisor.history.latest;
    return supervisor;
  }

  /**
   * Decides a call: allow, deny or ask, with the rule that decided and a reason. Throws principal-not-issued for a
   * principal the host did not issue, and scope-unknown / scope-invalid when the capability needs a scope that is
   * not well formed.
   */
  decide(
    principal: Principal,
    capability: SupervisedCapability,
    input: unknown,
    context: InvocationContext = {},
    now: number = this.#deps.clock.now(),
  ): SupervisorDecision {
    return this.#decide(principal, capability, input, context, now, NO_APPROVALS);
  }

  /**
   * decide(), and when the answer is 'ask', a prompt in the approval queue: the returned promise settles with the
   * final allow or deny once a person answers or the prompt times out. Rejects when context.signal aborts.
   */
  async authorize(
    principal: Principal,
    capability: SupervisedCapability,
    input: unknown,
    context: InvocationContext = {},
    options: AuthorizeOptions = {},
  ): Promise<SupervisorDecision> {
    const approved = new Set<string>();
    const { clock } = this.#deps;
    let decision = this.#decide(principal, capability, input, context, clock.now(), approved);
    while (decision.verdict === 'ask' && decision.approval && !approved.has(decision.approval.policyId)) {
      const need = decision.approval;
      const settlement = await this.approvals.ask({
        principal,
        capability: capability.name,
        input: options.redactedInput ?? '(input not shown)',
        rule: decision.rule,
        reason: decision.reason,
        timeoutMs: need.timeoutMs,
        grantScope: need.grantScope,
        ...(context.runId === undefined ? {} : { runId: context.runId }),
        ...(context.stepId === undefined ? {} : { stepId: context.stepId }),
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      });
      if (settlement.answer === 'deny') {
        const reason =
          settlement.by === 'timeout'
            ? `No one answered the approval prompt within ${describeDuration(need.timeoutMs)}, so the call was denied`
            : 'A person denied this call';
        // The rule says how the prompt ended, so the audit log and the UI need not read the reason's words.
        const rule = `${settlement.by === 'timeout' ? 'approval-timeout' : 'approval-denied'}:${need.policyId}`;
        return this.#issue({ ...decision, verdict: 'deny', rule, reason, approval: undefined }, undefined);
      }
      approved.add(need.policyId);
      this.history.add({
        id: newId(),
        kind: 'approval',
        time: clock.now(),
        principal: principal.id,
        capability: capability.name,
        status: 'ok',
        policyId: need.policyId,
        ...(context.runId === undefined ? {} : { runId: context.runId }),
        ...(context.stepId === undefined ? {} : { stepId: context.stepId }),
      });
      decision = this.#decide(principal, capability, input, context, clock.now(), approved);
    }
    if (decision.verdict === 'ask')
      return this.#issue({ ...decision, verdict: 'deny', approval: undefined }, undefined);
    return decision;
  }

  /**
   * Commits an allowed decision just before its call runs: takes its one-shot grants and rate tokens in one
   * transaction (all or none; throws grant-consumed or rate-limited when another call got there first) and starts
   * the call's history entry. Throws decision-not-committable for a decision that is not an unused 'allow' of this
   * supervisor.
   */
  async commit(decision: SupervisorDecision): Promise<CallTicket> {
    const pending = this.#pending.get(decision);
    if (!pending) throw new CometError('decision-not-committable', { reason: 'it was not made by this supervisor' });
    if (decision.verdict !== 'allow')
      throw new CometError('decision-not-committable', { reason: `its verdict is ${decision.verdict}` });
    if (this.#committed.has(decision))
      throw new CometError('decision-not-committable', { reason: 'it was already committed' });
    this.#committed.add(decision);
    const now = this.#deps.clock.now();
    const oneShots = decision.consumes?.grants ?? [];
    const charges = decision.consumes?.buckets ?? [];
    if (oneShots.length || charges.length) await this.#consume(decision, oneShots, charges, now);
    const { runId, stepId } = pending.context;
    const ticket: CallTicket = {
      callId: newId(),
      time: now,
      principal: decision.principal,
      capability: decision.capability,
      ...(runId === undefined ? {} : { runId }),
      ...(stepId === undefined ? {} : { stepId }),
    };
    this.history.start({
      ...ticket,
      id: ticket.callId,
      kind: 'call',
      status: 'running',
      scopes: decision.scopes,
      input: pending.input,
    });
    return ticket;
  }

  /** Records how a committed call ended (its output feeds totals, ordering and lookup rules). */
  record(outcome: CallOutcome): void {
    const entry = this.history.finish(
      outcome.call.callId,
      outcome.ok,
      outcome.output,
      outcome.durationMs,
      this.#deps.clock.now(),
    );
    if (!entry) this.#deps.log?.warn('supervisor', `An outcome was recorded for unknown call ${outcome.call.callId}`);
  }

  /** Recent "would have denied / asked" of log-only policies, newest last (optionally of one policy). */
  wouldHave(policyId?: string): WouldHaveEvent[] {
    return this.#wouldHave.list(policyId);
  }

  /** Every policy (and, with grants: true, every grant) as a policy file (JSON text). */
  exportPolicies(options: { grants?: boolean } = {}): string {
    return exportPolicyFile(this.policies, options.grants ? this.grants : undefined, this.#deps.clock.now());
  }

  /**
   * Imports a policy file (JSON text or parsed): all of it in one transaction, or nothing. replace: true first
   * deletes the policies the file does not hold. Throws policy-file-invalid with every problem located
   * ('policies[2].rule.windowMs: must be a positive integer (milliseconds)').
   */
  async importPolicies(
    json: unknown,
    options: { replace?: boolean } = {},
  ): Promise<{ policies: number; grants: number }> {
    const { policyIds, grantIds } = await importPolicyFile(this.#deps.db, json, options.replace ?? false);
    await Promise.all([this.policies.reload(), this.grants.reload()]);
    this.#deps.bus?.publish('supervisor.policies.changed', { ids: policyIds });
    if (grantIds.length) this.#deps.bus?.publish('supervisor.grants.changed', { ids: grantIds });
    return { policies: policyIds.length, grants: grantIds.length };
  }

  /** Deletes a policy and its rate buckets. */
  async removePolicy(id: string): Promise<void> {
    await this.policies.remove(id);
    await this.#buckets.removeFor(id);
  }

  /** Stops following stores and other tabs; denies pending approval prompts. */
  dispose(): void {
    this.#unsubscribe();
    this.grants.dispose();
    this.policies.dispose();
    this.approvals.dispose();
  }

  #decide(
    principal: Principal,
    capability: SupervisedCapability,
    input: unknown,
    context: InvocationContext,
    now: number,
    approved: ReadonlySet<string>,
  ): SupervisorDecision {
    this.principals.assertIssued(principal);
    const latest = this.#observe(now);
    const needed = capability.requiredScopes(input).map((scope) => parseScope(scope, false));
    const base = {
      time: now,
      principal: principal.id,
      capability: capability.name,
      scopes: needed.map((s) => s.scope),
    };

    // Grants: default deny.
    const { used, oneShots, missing, nearMiss } = this.grants.cover(principal.id, needed, input, now, latest);
    if (missing.length) {
      const reason = `No grant lets ${principal.id} use ${missing.join(' and ')}${nearMiss ? `; ${nearMiss}` : ''}`;
      return this.#issue(
        { ...base, verdict: 'deny', rule: 'default-deny', reason, wouldAllowWith: missing },
        undefined,
      );
    }

    // Policies.
    const facts: CallFacts = {
      principal: principal.id,
      capability: capability.name,
      input,
      scopes: base.scopes,
      runId: context.runId,
    };
    const env: PolicyEnv = {
      now,
      history: this.history,
      buckets: this.#buckets,
      approved,
      preApproved: (policyId) =>
        this.grants.find(principal.id, parseScope(`approval:${policyId}`, false), input, now, latest, false).grant !==
        undefined,
    };
    const lists = this.#engine.for(capability.name);
    let ask: SupervisorDecision | undefined;
    for (const compiled of lists.enforced) {
      if (!compiled.applies(facts)) continue;
      const objection = compiled.check(facts, env);
      if (!objection) continue;
      const { policy } = compiled;
      const decision = {
        ...base,
        verdict: objection.verdict,
        rule: `policy:${policy.id}`,
        reason: objection.reason,
        grants: used,
        policy: { id: policy.id, kind: policy.rule.kind, mode: policy.mode },
        ...(objection.retryAfterMs === undefined ? {} : { retryAfterMs: objection.retryAfterMs }),
        ...(objection.approval ? { approval: objection.approval } : {}),
      };
      if (objection.verdict === 'deny') return this.#issue(decision, undefined);
      ask ??= decision;
    }
    if (ask) return this.#issue(ask, undefined);

    const wouldHave: WouldHave[] = [];
    for (const compiled of lists.logOnly) {
      if (!compiled.applies(facts)) continue;
      const objection = compiled.check(facts, env);
      if (objection)
        wouldHave.push({ policyId: compiled.policy.id, verdict: objection.verdict, reason: objection.reason });
    }

    // Rate limits last: a call another rule stops takes no token.
    const charges: BucketCharge[] = [];
    for (const compiled of lists.rates) {
      if (!compiled.applies(facts)) continue;
      const objection = compiled.check(facts, env);
      const { policy } = compiled;
      if (objection && policy.mode === 'enforce') {
        this.#wouldHave.note(wouldHave, base);
        return this.#issue(
          {
            ...base,
            verdict: 'deny',
            rule: `rate:${policy.id}`,
            reason: objection.reason,
            grants: used,
            retryAfterMs: objection.retryAfterMs,
            policy: { id: policy.id, kind: 'rate', mode: policy.mode },
            ...(wouldHave.length ? { wouldHave } : {}),
          },
          undefined,
        );
      }
      if (objection) wouldHave.push({ policyId: policy.id, verdict: 'deny', reason: objection.reason });
      charges.push(...compiled.charges!(facts));
    }

    this.#wouldHave.note(wouldHave, base);
    const [firstApproval] = approved;
    const grantWords = used.length ? `grant ${used.join(', ')}` : 'no grant (the call needs no permission)';
    return this.#issue(
      {
        ...base,
        verdict: 'allow',
        rule: firstApproval ? `approval:${firstApproval}` : used.length ? `grant:${used[0]}` : 'no-scope',
        reason: firstApproval
          ? `A person approved it (policy ${[...approved].join(', ')}); allowed by ${grantWords}`
          : `Allowed by ${grantWords}`,
        grants: used,
        consumes: { grants: oneShots, buckets: charges },
        ...(wouldHave.length ? { wouldHave } : {}),
      },
      { input, context },
    );
  }

  /** Remembers the latest time seen; logs when the clock has gone back. Returns the latest time. */
  #observe(now: number): number {
    if (now < this.#latest - SKEW_TOLERANCE_MS)
      this.#deps.log?.warn(
        'supervisor',
        `The clock went back by ${describeDuration(this.#latest - now)}; time rules stay as strict as at the latest time seen`,
      );
    else if (now > this.#latest) this.#latest = now;
    return Math.max(now, this.#latest);
  }

  #issue(decision: SupervisorDecision, pending: Pending | undefined): SupervisorDecision {
    if (decision.approval === undefined) delete decision.approval;
    this.#pending.set(decision, pending ?? { input: undefined, context: {} });
    return decision;
  }

  async #consume(
    decision: SupervisorDecision,
    oneShots: string[],
    charges: BucketCharge[],
    now: number,
  ): Promise<void> {
    const { db } = this.#deps;
    const undo = this.grants.reserve(oneShots, now);
    try {
      const rows = await db.transaction('rw', db.grants, db.rateBuckets, async () => {
        await this.grants.consumeRows(oneShots, now);
        return this.#buckets.takeRows(charges, now, `${decision.capability} for ${decision.principal}`);
      });
      this.#buckets.apply(rows);
    } catch (error) {
      undo();
      throw error;
    }
    if (oneShots.length) this.grants.consumed(oneShots);
  }
}
