/**
 * The policies, kept in the `policies` table and mirrored in memory; changes are published on the bus so other tabs
 * reload theirs. Policies are data: each is checked against the published schema before it is saved.
 */
import type { EventBus } from '../bus.js';
import { CometError } from '../errors.js';
import type { Logger } from '../log.js';
import type { CometDB } from '../../db/db.js';
import './events.js';
import { policyProblems } from './policy-validation.js';
import { formatProblems } from './problems.js';
import type { Policy, PolicyMode } from './types.js';

/** What a PolicyStore needs. */
export interface PolicyStoreDeps {
  db: CometDB;
  bus?: EventBus;
  log?: Logger;
}

/** Every policy, in the database and in memory (ordered by id, so evaluation order is stable). */
export class PolicyStore {
  readonly #deps: PolicyStoreDeps;
  #policies: Policy[] = [];
  readonly #listeners = new Set<(policies: readonly Policy[]) => void>();
  readonly #unsubscribe: (() => void) | undefined;

  private constructor(deps: PolicyStoreDeps) {
    this.#deps = deps;
    this.#unsubscribe = deps.bus?.subscribe('supervisor.policies.changed', (_payload, message) => {
      if (message.origin !== deps.bus!.id) void this.reload();
    });
  }

  /** Opens the store and loads every policy. */
  static async open(deps: PolicyStoreDeps): Promise<PolicyStore> {
    const store = new PolicyStore(deps);
    await store.reload();
    return store;
  }

  /** Reads every policy from the database again; unreadable rows are skipped and logged, never guessed at. */
  async reload(): Promise<void> {
    const rows = await this.#deps.db.policies.toArray();
    this.#set(
      rows.filter((row) => {
        const problems = policyProblems(row);
        if (problems.length)
          this.#deps.log?.error(
            'supervisor',
            `Policy ${row.id} is unreadable and was ignored: ${formatProblems(problems)}`,
          );
        return problems.length === 0;
      }),
      [],
    );
  }

  /** Every policy. */
  list(): readonly Policy[] {
    return this.#policies;
  }

  /** The policy with this id. */
  get(id: string): Policy | undefined {
    return this.#policies.find((p) => p.id === id);
  }

  /** Checks and saves a policy (new or replacing the one with its id). Throws policy-invalid. */
  async put(policy: Policy): Promise<Policy> {
    const copy = structuredClone(policy);
    const problems = policyProblems(copy);
    if (problems.length) throw new CometError('policy-invalid', { problems: formatProblems(problems), list: problems });
    await this.#deps.db.policies.put(copy);
    this.#set([...this.#policies.filter((p) => p.id !== copy.id), copy], [copy.id]);
    return copy;
  }

  /** Switches a policy between enforce and log-only. Throws policy-unknown. */
  async setMode(id: string, mode: PolicyMode): Promise<Policy> {
    const policy = this.get(id);
    if (!policy) throw new CometError('policy-unknown', { id });
    return this.put({ ...policy, mode });
  }

  /** Deletes policies; unknown ids are ignored. */
  async remove(...ids: string[]): Promise<void> {
    await this.#deps.db.policies.bulkDelete(ids);
    this.#set(
      this.#policies.filter((p) => !ids.includes(p.id)),
      ids,
    );
  }

  /** Calls `listener` with every policy after each change (here or in another tab); returns the unsubscribe function. */
  subscribe(listener: (policies: readonly Policy[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops following other tabs. */
  dispose(): void {
    this.#unsubscribe?.();
    this.#listeners.clear();
  }

  #set(policies: Policy[], changed: string[]): void {
    this.#policies = policies.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const listener of this.#listeners) listener(this.#policies);
    if (changed.length) this.#deps.bus?.publish('supervisor.policies.changed', { ids: changed });
  }
}
