/**
 * Temporal policies compiled for evaluation. Each policy applies to the calls that match its principal, capability
 * and input conditions, and checks one rule against the session history: counts and totals over a sliding window,
 * ordering and lookup within the run, a person's approval, or a token bucket. A check returns nothing when the call
 * passes, or a verdict (deny / ask) with a reason a person can read.
 */
import { allHold, compileCondition, type CompiledCondition } from './conditions.js';
import { describeDuration } from './describe.js';
import type { SeriesIndex, SessionHistory } from './history.js';
import { matchesGlob, parsePath, sameValue, someValueAt, valueAt, type PathSegment } from './paths.js';
import { principalMatches } from './principals.js';
import type { RateBuckets } from './rate-limits.js';
import { scopeHost, scopeKey } from './scopes.js';
import type { ApprovalNeed, BucketCharge, GroupBy, HistoryEntry, Policy, PrincipalId } from './types.js';

/** The call a policy is asked about. */
export interface CallFacts {
  principal: PrincipalId;
  capability: string;
  input?: unknown;
  /** The scopes it needs (hosts and keys are read from them). */
  scopes?: readonly string[];
  runId?: string;
}

/** What a check may consult. */
export interface PolicyEnv {
  now: number;
  history: SessionHistory;
  buckets: RateBuckets;
  /** Policies a person approved for this very call. */
  approved: ReadonlySet<string>;
  /** True when the principal holds a live 'approval:<policy id>' grant ("allow for a time"). */
  preApproved(policyId: string): boolean;
}

/** A policy's objection to a call. */
export interface PolicyObjection {
  verdict: 'deny' | 'ask';
  reason: string;
  retryAfterMs?: number;
  approval?: ApprovalNeed;
}

/** A policy ready to evaluate. */
export interface CompiledPolicy {
  readonly policy: Policy;
  /** True when the policy applies to this call (or history entry). */
  applies(call: CallFacts): boolean;
  /** Undefined when the call passes. */
  check(call: CallFacts, env: PolicyEnv): PolicyObjection | undefined;
  /** Rate policies: the buckets this call takes a token from. */
  charges?(call: CallFacts): BucketCharge[];
}

/** How long an approval prompt waits by default. */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 5 * 60_000;

/** The group keys of a call or entry under `groupBy` (one per combination; [] when a 'key' grouping finds no key). */
export function groupKeys(
  groupBy: readonly GroupBy[] | undefined,
  call: CallFacts,
  inputPaths: Map<string, PathSegment[]>,
): string[] {
  if (!groupBy?.length) return ['*'];
  let keys = [''];
  for (const by of groupBy) {
    let values: string[];
    if (by === 'principal') values = [call.principal];
    else if (by === 'capability') values = [call.capability];
    else if (by === 'run') values = [call.runId ?? '-'];
    else if (by === 'host') values = unique((call.scopes ?? []).map(scopeHost)) ?? ['-'];
    else if (by === 'key') values = unique((call.scopes ?? []).map(scopeKey)) ?? [];
    else values = [JSON.stringify(valueAt(call.input, inputPaths.get(by)!)) ?? '-'];
    keys = keys.flatMap((prefix) => values.map((value) => (prefix ? `${prefix}\u001f${value}` : value)));
  }
  return keys;
}

function unique(values: (string | undefined)[]): string[] | undefined {
  const found = [...new Set(values.filter((v): v is string => v !== undefined))];
  return found.length ? found : undefined;
}

/** Words for a group key ('to api.example.com', 'with key openai'), for reasons. */
function groupWords(groupBy: readonly GroupBy[] | undefined, key: string): string {
  if (!groupBy?.length) return '';
  const values = key.split('\u001f');
  return groupBy
    .map((by, i) => {
      const v = values[i];
      if (by === 'host') return ` to ${v}`;
      if (by === 'key') return ` with key ${v}`;
      if (by === 'run') return ` in run ${v}`;
      if (by === 'principal') return ` by ${v}`;
      if (by === 'capability') return ` of ${v}`;
      return ` with ${by.slice('input:'.length)} = ${v}`;
    })
    .join('');
}

/** Compiles a (validated) policy; count and total rules start tracking their series in `history`. */
export function compilePolicy(policy: Policy, history: SessionHistory): CompiledPolicy {
  const when: CompiledCondition[] = (policy.when ?? []).map(compileCondition);
  const principal = policy.principal ?? '*';
  const capability = policy.capability ?? '*';
  const applies = (call: CallFacts) =>
    policy.enabled !== false &&
    (principal === '*' || principalMatches(principal, call.principal)) &&
    matchesGlob(capability, call.capability) &&
    allHold(when, call.input);
  const rule = policy.rule;
  const groupBy = 'groupBy' in rule ? rule.groupBy : undefined;
  const inputPaths = new Map<string, PathSegment[]>();
  for (const by of groupBy ?? []) if (by.startsWith('input:')) inputPaths.set(by, parsePath(by.slice('input:'.length)));
  const groups = (call: CallFacts) => groupKeys(groupBy, call, inputPaths);
  const entryApplies = (entry: HistoryEntry) => entry.kind === 'call' && applies(entry);
  const base = { policy, applies };

  switch (rule.kind) {
    case 'count': {
      const index = history.track(policy.id, { on: 'start', windowMs: rule.windowMs, matches: entryApplies, groups });
      return { ...base, check: (call, env) => checkCount(rule, index, groups(call), call, env.now, groupBy) };
    }
    case 'total': {
      const path = parsePath(rule.path);
      const value = (entry: HistoryEntry) => {
        const v = valueAt({ input: entry.input, output: entry.output }, path);
        return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
      };
      const index = history.track(policy.id, {
        on: 'finish',
        windowMs: rule.windowMs,
        matches: entryApplies,
        groups,
        value,
      });
      return { ...base, check: (call, env) => checkTotal(rule, index, groups(call), env.now, groupBy) };
    }
    case 'ordering': {
      history.untrack(policy.id);
      const same = (rule.after.sameInput ?? []).map((p) => parsePath(p));
      const need = approvalNeed(policy.id, undefined);
      return {
        ...base,
        check(call, env) {
          if (rule.after.approval) {
            if (env.approved.has(policy.id) || env.preApproved(policy.id)) return undefined;
            if (call.runId !== undefined && env.history.run(call.runId).some((e) => e.kind === 'approval'))
              return undefined;
            return {
              verdict: 'ask',
              reason: `${call.capability} needs a person's approval earlier in this run`,
              approval: need,
            };
          }
          const after = rule.after.capability ?? '*';
          const sameWords = rule.after.sameInput?.length ? ` with the same ${rule.after.sameInput.join(', ')}` : '';
          if (call.runId === undefined)
            return {
              verdict: 'deny',
              reason: `${call.capability} runs only after a successful ${after}${sameWords} in the same run, and this call belongs to no run`,
            };
          const run = env.history.run(call.runId);
          for (let i = run.length - 1; i >= 0; i--) {
            const e = run[i];
            if (e.kind !== 'call' || e.status !== 'ok' || !matchesGlob(after, e.capability)) continue;
            if (same.every((p) => sameValue(valueAt(e.input, p), valueAt(call.input, p)))) return undefined;
          }
          return {
            verdict: 'deny',
            reason: `${call.capability} runs only after a successful ${after}${sameWords} earlier in this run`,
          };
        },
      };
    }
    case 'lookup': {
      history.untrack(policy.id);
      const path = parsePath(rule.path);
      const from = rule.from.paths.map((p) => parsePath(p));
      const source = rule.from.capability ?? '*';
      return {
        ...base,
        check(call, env) {
          const value = valueAt(call.input, path);
          const what = `${rule.path} = ${JSON.stringify(value)?.slice(0, 80) ?? 'nothing'}`;
          if (value === undefined)
            return {
              verdict: 'deny',
              reason: `${call.capability} must name a resource at ${rule.path}, and this input has none`,
            };
          const run = call.runId === undefined ? [] : env.history.run(call.runId);
          for (const e of run) {
            if (e.kind !== 'call' || e.status !== 'ok' || !matchesGlob(source, e.capability)) continue;
            const root = { input: e.input, output: e.output };
            if (from.some((p) => someValueAt(root, p, (seen) => sameValue(seen, value)))) return undefined;
          }
          return {
            verdict: 'deny',
            reason: `${call.capability} may act only on a resource an earlier ${source === '*' ? 'call' : source} of this run looked up, and ${what} was not among them`,
          };
        },
      };
    }
    case 'approval': {
      history.untrack(policy.id);
      const need = approvalNeed(policy.id, rule.timeoutMs);
      return {
        ...base,
        check(call, env) {
          if (env.approved.has(policy.id) || env.preApproved(policy.id)) return undefined;
          return { verdict: 'ask', reason: `A person must approve this ${call.capability} call`, approval: need };
        },
      };
    }
    case 'rate': {
      history.untrack(policy.id);
      const charges = (call: CallFacts): BucketCharge[] =>
        groups(call).map((group) => ({
          key: `rate:${policy.id}:${group}`,
          policyId: policy.id,
          capacity: rule.capacity,
          refillEveryMs: rule.refillEveryMs,
          mode: policy.mode,
        }));
      return {
        ...base,
        charges,
        check(call, env) {
          for (const charge of charges(call)) {
            const level = env.buckets.level(charge, env.now);
            if (level.tokens >= 1) continue;
            const group = groupWords(groupBy, charge.key.slice(`rate:${policy.id}:`.length));
            return {
              verdict: 'deny',
              reason: `${call.capability}${group} is rate limited to ${rule.capacity} calls at once, then 1 every ${describeDuration(rule.refillEveryMs)}; the next call may run in ${describeDuration(level.retryAfterMs)}`,
              retryAfterMs: level.retryAfterMs,
            };
          }
          return undefined;
        },
      };
    }
  }
}

function approvalNeed(policyId: string, timeoutMs: number | undefined): ApprovalNeed {
  return { policyId, timeoutMs: timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS, grantScope: `approval:${policyId}` };
}

function checkCount(
  rule: { max: number; windowMs: number },
  index: SeriesIndex,
  groups: string[],
  call: CallFacts,
  now: number,
  groupBy: readonly GroupBy[] | undefined,
): PolicyObjection | undefined {
  for (const group of groups) {
    const series = index.series(group);
    const count = series?.countSince(now - rule.windowMs) ?? 0;
    if (count < rule.max) continue;
    // The call may run once the max-th most recent call has left the window.
    const oldest = series!.timeFromEnd(rule.max)!;
    const retryAfterMs = Math.max(1, oldest + rule.windowMs - now);
    return {
      verdict: 'deny',
      reason: `${count} ${call.capability} calls${groupWords(groupBy, group)} in the last ${describeDuration(rule.windowMs)} reach the limit of ${rule.max}; the next may run in ${describeDuration(retryAfterMs)}`,
      retryAfterMs,
    };
  }
  return undefined;
}

function checkTotal(
  rule: { max: number; windowMs: number; path: string; unit?: string },
  index: SeriesIndex,
  groups: string[],
  now: number,
  groupBy: readonly GroupBy[] | undefined,
): PolicyObjection | undefined {
  for (const group of groups) {
    const series = index.series(group);
    const since = now - rule.windowMs;
    const total = series?.sumSince(since) ?? 0;
    if (total < rule.max) continue;
    const drops = series!.timeSumDropsBelow(since, rule.max);
    const retryAfterMs = drops === undefined ? rule.windowMs : Math.max(1, drops + rule.windowMs - now);
    const unit = rule.unit ? ` ${rule.unit}` : '';
    return {
      verdict: 'deny',
      reason: `The reported ${rule.path}${groupWords(groupBy, group)} adds up to ${round(total)}${unit} in the last ${describeDuration(rule.windowMs)}, reaching the limit of ${rule.max}${unit}`,
      retryAfterMs,
    };
  }
  return undefined;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
