/**
 * The compiled policies, split the way decide() walks them (enforced rules, log-only rules, rate limits) and
 * indexed by capability, so a decision only looks at the policies that can apply to its capability.
 */
import type { SessionHistory } from './history.js';
import { matchesGlob } from './paths.js';
import { compilePolicy, type CompiledPolicy } from './policies.js';
import type { Policy } from './types.js';

/** The policies that can apply to one capability, in the order decide() evaluates them. */
export interface PolicyLists {
  enforced: readonly CompiledPolicy[];
  logOnly: readonly CompiledPolicy[];
  rates: readonly CompiledPolicy[];
}

/** Compiled policies, recompiled whenever the policy list changes. */
export class PolicyEngine {
  readonly #history: SessionHistory;
  #compiled: CompiledPolicy[] = [];
  #byCapability = new Map<string, PolicyLists>();

  constructor(history: SessionHistory) {
    this.#history = history;
  }

  /** Replaces the policies: compiles them and (re)builds the history series their rules need. */
  set(policies: readonly Policy[]): void {
    const kept = new Set(policies.map((p) => p.id));
    for (const old of this.#compiled) if (!kept.has(old.policy.id)) this.#history.untrack(old.policy.id);
    this.#compiled = policies.filter((p) => p.enabled !== false).map((p) => compilePolicy(p, this.#history));
    for (const p of policies) if (p.enabled === false) this.#history.untrack(p.id);
    this.#byCapability = new Map();
  }

  /** Every compiled (enabled) policy. */
  get compiled(): readonly CompiledPolicy[] {
    return this.#compiled;
  }

  /** The policies whose capability pattern matches `capability`. */
  for(capability: string): PolicyLists {
    let lists = this.#byCapability.get(capability);
    if (lists) return lists;
    const matching = this.#compiled.filter((c) => matchesGlob(c.policy.capability ?? '*', capability));
    const rate = (c: CompiledPolicy) => c.policy.rule.kind === 'rate';
    lists = {
      enforced: matching.filter((c) => !rate(c) && c.policy.mode === 'enforce'),
      logOnly: matching.filter((c) => !rate(c) && c.policy.mode === 'log-only'),
      rates: matching.filter(rate),
    };
    if (this.#byCapability.size > 5000) this.#byCapability.clear();
    this.#byCapability.set(capability, lists);
    return lists;
  }
}
