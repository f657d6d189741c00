/**
 * What a probe works with: a scratch principal (kind 'probe', issued for this run and revoked after), a scratch
 * capability that needs a scope of its own, a driven clock, and helpers that add grants and policies for that
 * principal only and remove every one of them afterwards, whatever happened. Scratch databases (for the audit and
 * vault probes) are deleted afterwards too. Nothing a probe does is audited: probes call decide(), never invoke().
 *
 * Time: decide() takes `now`, so probes move a ManualClock instead of waiting. The supervisor remembers the latest
 * time it has seen (so a clock set back cannot revive an expired grant); probes therefore only move time forward,
 * by well under a second, and the next probe starts where the last one stopped.
 */
import { ManualClock } from '../../../core/clock.js';
import { errorMessage } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { Logger } from '../../../core/log.js';
import { matchesGlob } from '../../../core/supervisor/index.js';
import {
  principalMatches,
  type Grant,
  type GrantInput,
  type InvocationContext,
  type Policy,
  type PolicyRule,
  type Principal,
  type SupervisedCapability,
  type Supervisor,
  type SupervisorDecision,
} from '../../../core/supervisor/index.js';
import { CometDB } from '../../../db/db.js';
import type { SupervisorServices } from '../supervisor-services.js';
import type { ProbeStep } from './probe.js';

/** Principals of probes are 'probe:checklist-…'; their grants and policies carry this mark, for leftovers. */
export const PROBE_PRINCIPAL_PREFIX = 'probe:checklist-';
/** Ids of the policies probes add start with this. */
export const PROBE_POLICY_PREFIX = 'checklist-probe-';
/** The capability every probe calls (it runs nothing: probes only ask the supervisor about it). */
export const PROBE_CAPABILITY = 'probe.checklist';

/** The furthest time probes have shown each supervisor, so the next probe never steps back behind it. */
const horizon = new WeakMap<Supervisor, number>();

/** A probe's scratch principal, capability, clock and clean-up. */
export class ProbeKit {
  readonly services: SupervisorServices;
  readonly principal: Principal;
  /** The scope the scratch capability needs: 'plugin:call:checklist-probe-<id>', which no user grant names. */
  readonly scope: string;
  readonly capability: SupervisedCapability;
  /** Drives decide(); starts at the services' time (or where the last probe stopped, if later). */
  readonly clock: ManualClock;
  /** The run every decision of this probe belongs to. */
  readonly runId: string;
  /** A log of its own, so scratch services never write into the user's log. */
  readonly log = new Logger(100);
  readonly steps: ProbeStep[] = [];
  /** The app's database, for probes that read (never write) the user's stored data. */
  readonly liveDb: CometDB | undefined;
  readonly #short: string;
  readonly #policies: string[] = [];
  readonly #databases: CometDB[] = [];

  constructor(services: SupervisorServices, probeId: string, liveDb?: CometDB) {
    this.services = services;
    this.liveDb = liveDb;
    this.#short = newId().replaceAll('-', '').slice(0, 10);
    this.principal = services.principals.issue(
      'probe',
      `${PROBE_PRINCIPAL_PREFIX.slice('probe:'.length)}${probeId}-${this.#short}`,
      `Checklist probe (${probeId})`,
    );
    this.scope = `plugin:call:checklist-probe-${this.#short}`;
    const scope = this.scope;
    this.capability = { name: PROBE_CAPABILITY, requiredScopes: () => [scope] };
    this.runId = `checklist-${this.#short}`;
    this.clock = new ManualClock(Math.max(services.clock.now(), horizon.get(services.supervisor) ?? -Infinity));
  }

  /** Moves the probe clock up to the services' time if that has passed it (after awaiting storage, say). */
  catchUp(): void {
    this.clock.set(Math.max(this.clock.now(), this.services.clock.now()));
  }

  /** Notes something the probe did. */
  did(text: string): void {
    this.steps.push({ kind: 'did', text });
  }

  /** Notes something the probe saw; ok: false marks it as what was wrong. */
  saw(text: string, ok?: boolean): void {
    this.steps.push({ kind: 'saw', text, ...(ok === undefined ? {} : { ok }) });
  }

  /** Asks the live supervisor about one call of the scratch capability, at the probe clock's time. */
  decide(input: unknown = { probe: this.runId }, context: InvocationContext = {}): SupervisorDecision {
    return this.decideAs(this.principal, input, context);
  }

  /** decide() for whatever a caller passes as the principal (the default-deny probe passes a copy). */
  decideAs(principal: Principal, input: unknown = { probe: this.runId }, context: InvocationContext = {}) {
    const now = this.clock.now();
    horizon.set(this.services.supervisor, Math.max(now, horizon.get(this.services.supervisor) ?? -Infinity));
    return this.services.supervisor.decide(principal, this.capability, input, { runId: this.runId, ...context }, now);
  }

  /** Grants the scratch principal the scratch scope (with `extra` time or input conditions). */
  grant(extra: Partial<GrantInput> = {}): Promise<Grant> {
    return this.services.supervisor.grants.add({
      principal: this.principal.id,
      scope: this.scope,
      source: 'probe',
      note: 'Added by the supervisor checklist; removed when the probe ends.',
      ...extra,
    });
  }

  /** Adds a policy for the scratch principal and capability only. */
  async policy(name: string, mode: Policy['mode'], rule: PolicyRule): Promise<Policy> {
    const id = `${PROBE_POLICY_PREFIX}${this.#short}-${name}`;
    this.#policies.push(id);
    return this.services.supervisor.policies.put({
      id,
      name: `Checklist probe: ${name}`,
      mode,
      principal: this.principal.id,
      capability: PROBE_CAPABILITY,
      rule,
      note: 'Added by the supervisor checklist; removed when the probe ends.',
    });
  }

  /** The user's enabled policies of these kinds that would also see the scratch principal's calls. */
  foreignPolicies(kinds: readonly PolicyRule['kind'][]): Policy[] {
    return this.services.supervisor.policies
      .list()
      .filter(
        (p) =>
          !this.#policies.includes(p.id) &&
          p.enabled !== false &&
          kinds.includes(p.rule.kind) &&
          principalMatches(p.principal ?? '*', this.principal.id) &&
          matchesGlob(p.capability ?? '*', PROBE_CAPABILITY),
      );
  }

  /** A new, empty database of the app's schema, deleted when the probe ends. */
  async scratchDatabase(): Promise<CometDB> {
    const db = new CometDB(`comet-checklist-${this.#short}-${this.#databases.length}`);
    this.#databases.push(db);
    await db.open();
    return db;
  }

  /**
   * Removes what the probe added: its policies (with their rate buckets), its principal's grants, the principal
   * itself and its scratch databases. Every step runs even if one fails; failures are returned, never swallowed.
   */
  async cleanUp(): Promise<string[]> {
    const failures: string[] = [];
    const attempt = async (what: string, step: () => Promise<unknown>) => {
      try {
        await step();
      } catch (error) {
        failures.push(`${what}: ${errorMessage(error)}`);
      }
    };
    const { supervisor, principals } = this.services;
    for (const id of this.#policies) await attempt(`removing policy ${id}`, () => supervisor.removePolicy(id));
    await attempt(`removing the grants of ${this.principal.id}`, () => supervisor.grants.removeFor(this.principal.id));
    principals.revoke(this.principal);
    for (const db of this.#databases) await attempt(`deleting the scratch database ${db.name}`, () => db.delete());
    return failures;
  }
}
