/**
 * The grants, kept in the `grants` table and mirrored in memory, indexed by principal and by scope (kind, and host
 * for net scopes), so a decision looks at a handful of candidates however many grants there are. Changes are
 * published on the bus; other tabs reload.
 */
import type { EventBus } from '../bus.js';
import type { Clock } from '../clock.js';
import { CometError } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../log.js';
import type { CometDB } from '../../db/db.js';
import './events.js';
import { compileGrant, grantBlocker, grantProblems, type CompiledGrant } from './grants.js';
import { principalMatches } from './principals.js';
import { formatProblems } from './problems.js';
import { covers, type ParsedScope } from './scopes.js';
import { userTimeZone } from './time-windows.js';
import type { Grant, GrantInput, PrincipalId } from './types.js';

/** What a GrantStore needs. */
export interface GrantStoreDeps {
  db: CometDB;
  clock: Clock;
  bus?: EventBus;
  log?: Logger;
}

const NONE: readonly CompiledGrant[] = Object.freeze([]);

/** Every grant, in the database and indexed in memory. */
export class GrantStore {
  readonly #deps: GrantStoreDeps;
  #all = new Map<string, CompiledGrant>();
  /** Grants of exact principals: principal → index key → grants. */
  #exact = new Map<string, Map<string, CompiledGrant[]>>();
  /** Grants of principal patterns ('workflow:*'): index key → grants. */
  #patterns = new Map<string, CompiledGrant[]>();
  /** Per principal and index key, exact and matching pattern grants together (rebuilt lazily after a change). */
  #merged = new Map<string, readonly CompiledGrant[]>();
  readonly #listeners = new Set<(grants: readonly Grant[]) => void>();
  readonly #unsubscribe: (() => void) | undefined;

  private constructor(deps: GrantStoreDeps) {
    this.#deps = deps;
    this.#unsubscribe = deps.bus?.subscribe('supervisor.grants.changed', (_payload, message) => {
      if (message.origin !== deps.bus!.id) void this.reload();
    });
  }

  /** Opens the store and loads every grant. */
  static async open(deps: GrantStoreDeps): Promise<GrantStore> {
    const store = new GrantStore(deps);
    await store.reload();
    return store;
  }

  /** Reads every grant from the database again (another tab changed them). */
  async reload(): Promise<void> {
    const rows = await this.#deps.db.grants.toArray();
    const all = new Map<string, CompiledGrant>();
    for (const row of rows) {
      const problems = grantProblems(row);
      if (problems.length) {
        // A row this build cannot read must not silently widen or narrow anything: skip it and say so.
        this.#deps.log?.error(
          'supervisor',
          `Grant ${row.id} is unreadable and was ignored: ${formatProblems(problems)}`,
        );
        continue;
      }
      all.set(row.id, compileGrant(row));
    }
    this.#replace(all);
  }

  /** Every grant, oldest first. */
  list(): Grant[] {
    return [...this.#all.values()].map((c) => c.grant).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The grant with this id. */
  get(id: string): Grant | undefined {
    return this.#all.get(id)?.grant;
  }

  /** Checks and saves a new grant; windows without a time zone get the user's. Throws grant-invalid. */
  async add(input: GrantInput): Promise<Grant> {
    const grant: Grant = {
      ...structuredClone(input),
      id: input.id ?? newId(),
      createdAt: this.#deps.clock.now(),
      source: input.source ?? 'user',
    };
    if (grant.windows?.length && grant.timeZone === undefined) grant.timeZone = userTimeZone();
    return (await this.#save([grant]))[0];
  }

  /** Changes a grant (not its id or creation time). Throws grant-unknown or grant-invalid. */
  async update(id: string, patch: Partial<GrantInput>): Promise<Grant> {
    const current = this.get(id);
    if (!current) throw new CometError('grant-unknown', { id });
    const grant: Grant = { ...current, ...structuredClone(patch), id, createdAt: current.createdAt };
    return (await this.#save([grant]))[0];
  }

  /** Saves grants as they are (import, restore); all or nothing. Throws grant-invalid. */
  async putAll(grants: Grant[]): Promise<void> {
    await this.#save(grants);
  }

  /** Deletes grants; unknown ids are ignored. */
  async remove(...ids: string[]): Promise<void> {
    await this.#deps.db.grants.bulkDelete(ids);
    const all = new Map(this.#all);
    ids.forEach((id) => all.delete(id));
    this.#replace(all);
    this.#changed(ids);
  }

  /** Deletes every grant of an exact principal id or pattern (a plugin uninstalled, a probe finished). */
  async removeFor(principal: string): Promise<void> {
    const ids = [...this.#all.values()].filter((c) => c.grant.principal === principal).map((c) => c.grant.id);
    if (ids.length) await this.remove(...ids);
  }

  /** Grants that may apply to `principal` for scopes indexed under `indexKey` (a needed scope's key, or '<kind>:*'). */
  candidates(principal: PrincipalId, indexKey: string): readonly CompiledGrant[] {
    const key = `${principal}\u0000${indexKey}`;
    let list = this.#merged.get(key);
    if (list) return list;
    const exact = this.#exact.get(principal)?.get(indexKey) ?? NONE;
    const patterns = (this.#patterns.get(indexKey) ?? NONE).filter((c) =>
      principalMatches(c.grant.principal, principal),
    );
    list = patterns.length ? [...exact, ...patterns] : exact;
    if (this.#merged.size > 20_000) this.#merged.clear();
    this.#merged.set(key, list);
    return list;
  }

  /**
   * Which grants cover every scope a call needs: the ids used, the one-shot ones among them, the scopes no grant
   * covers, and why the closest grant of a missing scope did not apply (for the denial's reason).
   */
  cover(
    principal: PrincipalId,
    needed: readonly ParsedScope[],
    input: unknown,
    now: number,
    latest: number,
  ): { used: string[]; oneShots: string[]; missing: string[]; nearMiss?: string } {
    const used: string[] = [];
    const oneShots: string[] = [];
    const missing: string[] = [];
    let nearMiss: string | undefined;
    for (const scope of needed) {
      const found = this.find(principal, scope, input, now, latest, true);
      if (found.grant) {
        used.push(found.grant.grant.id);
        if (found.grant.grant.oneShot && !oneShots.includes(found.grant.grant.id)) oneShots.push(found.grant.grant.id);
      } else {
        missing.push(scope.scope);
        nearMiss ??= found.blocked;
      }
    }
    return { used, oneShots, missing, ...(nearMiss === undefined ? {} : { nearMiss }) };
  }

  /**
   * The grant that lets `principal` use `needed` for `input` at `now` (standing grants before one-shot ones, which
   * only count when `oneShotOk`), or why the closest candidate did not apply. `latest` is the latest time seen.
   */
  find(
    principal: PrincipalId,
    needed: ParsedScope,
    input: unknown,
    now: number,
    latest: number,
    oneShotOk: boolean,
  ): { grant?: CompiledGrant; blocked?: string } {
    let oneShot: CompiledGrant | undefined;
    let blocked: string | undefined;
    for (const key of [needed.indexKey, `${needed.kind}:*`]) {
      for (const candidate of this.candidates(principal, key)) {
        if (!covers(candidate.scope, needed)) continue;
        const blocker = grantBlocker(candidate, input, now, latest);
        if (blocker) {
          blocked ??= `grant ${candidate.grant.id} (${candidate.grant.scope}) does not apply: ${blocker}`;
          continue;
        }
        if (!candidate.grant.oneShot) return { grant: candidate };
        if (oneShotOk) oneShot ??= candidate;
      }
    }
    return oneShot ? { grant: oneShot } : { blocked };
  }

  /** Grants that name `principal` or a pattern matching it, for "which grant would allow this" reasons. */
  forPrincipal(principal: PrincipalId): Grant[] {
    return this.list().filter((g) => principalMatches(g.principal, principal));
  }

  /**
   * Marks one-shot grants used, in memory at once (so a second call in this page cannot take them) and then in
   * the database inside the caller's transaction (so a second tab cannot either). Throws grant-consumed.
   * Returns the undo for when the transaction fails.
   */
  reserve(ids: readonly string[], time: number): () => void {
    const taken: CompiledGrant[] = [];
    for (const id of ids) {
      const compiled = this.#all.get(id);
      if (!compiled || compiled.grant.consumedAt !== undefined) {
        taken.forEach((c) => delete (c.grant as { consumedAt?: number }).consumedAt);
        throw new CometError('grant-consumed', { id });
      }
      (compiled.grant as { consumedAt?: number }).consumedAt = time;
      taken.push(compiled);
    }
    return () => taken.forEach((c) => delete (c.grant as { consumedAt?: number }).consumedAt);
  }

  /** The database half of reserve(): run inside a transaction over `grants`. Throws grant-consumed. */
  async consumeRows(ids: readonly string[], time: number): Promise<void> {
    for (const id of ids) {
      const row = await this.#deps.db.grants.get(id);
      if (!row || row.consumedAt !== undefined) throw new CometError('grant-consumed', { id });
      await this.#deps.db.grants.put({ ...row, consumedAt: time });
    }
  }

  /** Tells listeners and other tabs that one-shot grants were used. */
  consumed(ids: readonly string[]): void {
    this.#changed([...ids]);
  }

  /** Calls `listener` with every grant after each change; returns the unsubscribe function. */
  subscribe(listener: (grants: readonly Grant[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops following other tabs. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#listeners.clear();
  }

  async #save(grants: Grant[]): Promise<Grant[]> {
    const problems = grants.flatMap((grant, i) => grantProblems(grant, grants.length > 1 ? `grants[${i}]` : ''));
    if (problems.length) throw new CometError('grant-invalid', { problems: formatProblems(problems), list: problems });
    await this.#deps.db.grants.bulkPut(grants);
    const all = new Map(this.#all);
    for (const grant of grants) all.set(grant.id, compileGrant(grant));
    this.#replace(all);
    this.#changed(grants.map((g) => g.id));
    return grants;
  }

  #replace(all: Map<string, CompiledGrant>): void {
    this.#all = all;
    this.#exact = new Map();
    this.#patterns = new Map();
    this.#merged = new Map();
    for (const compiled of all.values()) {
      const { principal } = compiled.grant;
      const key = compiled.scope.indexKey;
      let byKey: Map<string, CompiledGrant[]> | undefined;
      if (principal.includes('*')) byKey = this.#patterns;
      else if (!(byKey = this.#exact.get(principal)))
        this.#exact.set(principal, (byKey = new Map<string, CompiledGrant[]>()));
      const list = byKey.get(key);
      if (list) list.push(compiled);
      else byKey.set(key, [compiled]);
    }
  }

  #changed(ids: string[]): void {
    const grants = this.list();
    for (const listener of this.#listeners) listener(grants);
    this.#deps.bus?.publish('supervisor.grants.changed', { ids });
  }
}
