/**
 * The supervisor's vocabulary, shared by capabilities, the supervisor, the audit log and the UI.
 * Everything here is plain data (JSON-serialisable) so it can be stored, exported and shown.
 */

/** The kinds of actor that can call a capability. 'probe' is the checklist's scratch principal. */
export type PrincipalKind = 'module' | 'plugin' | 'workflow' | 'agent' | 'external' | 'probe';

/** A principal's id: its kind and its name, e.g. 'workflow:daily-digest', 'plugin:csv-tools'. */
export type PrincipalId = `${PrincipalKind}:${string}`;

/** An actor. Principals are issued by the host (principals.ts), never claimed by the caller. */
export interface Principal {
  readonly id: PrincipalId;
  readonly kind: PrincipalKind;
  /** A name for people. */
  readonly label: string;
}

/** What surrounds one capability call. */
export interface InvocationContext {
  /** The workflow run, agent session or probe this call belongs to (ordering rules look within it). */
  runId?: string;
  stepId?: string;
  /** Lets a capability deduplicate a retried call. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** The supervisor's answer. */
export type Verdict = 'allow' | 'deny' | 'ask';

/** A policy's mode: enforce blocks; log-only records what it would have blocked and blocks nothing. */
export type PolicyMode = 'enforce' | 'log-only';

/** What a log-only policy would have done. */
export interface WouldHave {
  policyId: string;
  verdict: 'deny' | 'ask';
  reason: string;
}

/** A decision with the rule that made it and a reason a person can read. */
export interface Decision {
  verdict: Verdict;
  /** 'grant:<id>', 'policy:<id>', 'rate:<policy id>', 'approval:<policy id>', 'approval-denied:<policy id>', 'approval-timeout:<policy id>', 'default-deny', or 'no-scope' (the call needs no permission). */
  rule: string;
  reason: string;
  /** The scopes this call needed. */
  scopes: string[];
  /** For a denial by default: grants (as scope strings) that would allow this call. */
  wouldAllowWith?: string[];
  /** For a rate-limit denial: when the call may be retried. */
  retryAfterMs?: number;
  /** Log-only policies that would have denied or asked. */
  wouldHave?: WouldHave[];
}

/** Where a Decision's one-shot grants and token-bucket charges are settled (Supervisor.commit). */
export interface Consumption {
  /** One-shot grants this call uses up. */
  grants: string[];
  /** Token buckets this call takes one token from. */
  buckets: BucketCharge[];
}

/** One token taken from one bucket of a rate policy. */
export interface BucketCharge {
  /** 'rate:<policy id>:<group key>'. */
  key: string;
  policyId: string;
  capacity: number;
  refillEveryMs: number;
  mode: PolicyMode;
}

/** What an 'ask' decision needs answered, and the grant scope that "allow for a time" creates. */
export interface ApprovalNeed {
  policyId: string;
  timeoutMs: number;
  /** 'approval:<policy id>': holding it pre-approves this principal for that policy. */
  grantScope: string;
}

/** Fields the supervisor adds to every Decision, for the audit log and commit(). */
export interface DecisionDetails {
  /** The time the decision was made at (epoch ms). */
  time: number;
  principal: PrincipalId;
  capability: string;
  /** The grants that allowed each scope, in scope order. */
  grants?: string[];
  /** The policy that denied or asked, if one did. */
  policy?: { id: string; kind: PolicyRule['kind']; mode: PolicyMode };
  /** For 'ask': what must be approved. */
  approval?: ApprovalNeed;
  /** For 'allow': what Supervisor.commit() consumes. */
  consumes?: Consumption;
}

/** A decision as the supervisor returns it. */
export type SupervisorDecision = Decision & DecisionDetails;

/** A permission scope, e.g. 'net:https://api.example.com/*', 'memory:read', 'keys:use:openai'. */
export type Scope = string;

/** What the supervisor needs of a capability: its name and the scopes a given input needs. */
export interface SupervisedCapability {
  readonly name: string;
  /** Scopes this input needs (e.g. a URL's net scope and a key's keys:use scope); [] needs no permission. */
  requiredScopes(input: unknown): readonly Scope[];
}

/** A day of the week, as grants and policies store it. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A weekly time window in a time zone: `days` from `start` to `end` ('HH:MM'; end before start spans midnight). */
export interface WeeklyWindow {
  days: Weekday[];
  start: string;
  end: string;
}

/** How a condition compares the value found at its path. */
export type ConditionOp = 'equals' | 'notEquals' | 'oneOf' | 'glob' | 'urlPath' | 'atMost' | 'atLeast' | 'exists';

/** A condition on the call's input: the value at `path` ('/method' or 'method', 'files[0]') passes `op` with `value`. */
export interface InputCondition {
  path: string;
  op: ConditionOp;
  value?: unknown;
}

/** Who created a grant. */
export type GrantSource = 'user' | 'approval' | 'probe' | 'import' | 'module';

/** A permission: a principal (id or glob) may use a scope, under optional input and time conditions. */
export interface Grant {
  id: string;
  /** An exact principal id ('workflow:daily-digest') or a glob ('workflow:*', '*'). */
  principal: string;
  scope: Scope;
  /** Every condition must hold on the call's input. */
  conditions?: InputCondition[];
  /** Epoch ms; the grant applies from then on. */
  validFrom?: number;
  /** Epoch ms; the grant stops applying then. */
  validUntil?: number;
  /** The grant stops applying this long after createdAt. */
  expiresAfterMs?: number;
  /** The grant applies only inside one of these windows, in `timeZone`. */
  windows?: WeeklyWindow[];
  /** IANA time zone of the windows (set to the user's zone when the grant is created). */
  timeZone?: string;
  /** Allows one call, then is used up. */
  oneShot?: boolean;
  /** When a one-shot grant was used. */
  consumedAt?: number;
  createdAt: number;
  source?: GrantSource;
  /** Why it was granted, for people. */
  note?: string;
}

/** What GrantStore.add takes: a grant without the fields the store fills in. */
export type GrantInput = Omit<Grant, 'id' | 'createdAt' | 'consumedAt'> & { id?: string };

/** What a policy groups its counts, totals or buckets by: 'input:<path>' groups by a value of the input. */
export type GroupBy = 'principal' | 'capability' | 'host' | 'key' | 'run' | `input:${string}`;

/** At most `max` matching calls within any `windowMs`, per group. */
export interface CountRule {
  kind: 'count';
  max: number;
  windowMs: number;
  groupBy?: GroupBy[];
}

/** The sum of a number each matching call reported (at `path`, e.g. 'output.usage.costUsd') stays under `max` per `windowMs`. */
export interface TotalRule {
  kind: 'total';
  path: string;
  max: number;
  windowMs: number;
  /** For sentences: 'USD', 'tokens'. */
  unit?: string;
  groupBy?: GroupBy[];
}

/** A matching call only after a successful call of `after.capability` (same values at `sameInput`) or an approval, in this run. */
export interface OrderingRule {
  kind: 'ordering';
  after: { capability?: string; approval?: true; sameInput?: string[] };
}

/** A matching call only on a value (at input `path`) that an earlier successful call of this run saw at one of `from.paths`. */
export interface LookupRule {
  kind: 'lookup';
  path: string;
  from: { capability?: string; paths: string[] };
}

/** A person approves each matching call; unanswered after `timeoutMs` it is denied. */
export interface ApprovalRule {
  kind: 'approval';
  timeoutMs?: number;
}

/** A token bucket per group: bursts of up to `capacity` calls, then one call per `refillEveryMs`. */
export interface RateRule {
  kind: 'rate';
  capacity: number;
  refillEveryMs: number;
  groupBy?: GroupBy[];
}

/** Every rule a policy can hold. */
export type PolicyRule = CountRule | TotalRule | OrderingRule | LookupRule | ApprovalRule | RateRule;

/** A temporal policy: data, not code. It applies to calls matching principal, capability and `when`. */
export interface Policy {
  id: string;
  /** A short title for people. */
  name?: string;
  mode: PolicyMode;
  /** false switches the policy off without deleting it (default true). */
  enabled?: boolean;
  /** Principal id or glob (default '*'). */
  principal?: string;
  /** Capability name or glob, e.g. 'http.request', 'codegen.*' (default '*'). */
  capability?: string;
  /** The policy applies only to calls whose input meets every condition. */
  when?: InputCondition[];
  rule: PolicyRule;
  note?: string;
}

/** One entry of the session history: a call (started, or finished ok/error) or an approval given in a run. */
export interface HistoryEntry {
  id: string;
  kind: 'call' | 'approval';
  /** When the call started (or the approval was given), epoch ms. */
  time: number;
  principal: PrincipalId;
  capability: string;
  runId?: string;
  stepId?: string;
  status: 'running' | 'ok' | 'error';
  /** The scopes the call needed (hosts and keys are read from them). */
  scopes?: string[];
  input?: unknown;
  output?: unknown;
  durationMs?: number;
  /** For approvals: the policy that was approved. */
  policyId?: string;
}

/** What Supervisor.commit returns: the handle of a call that is allowed and about to run. */
export interface CallTicket {
  callId: string;
  time: number;
  principal: PrincipalId;
  capability: string;
  runId?: string;
  stepId?: string;
}

/** How a committed call ended (Supervisor.record). */
export interface CallOutcome {
  call: CallTicket;
  ok: boolean;
  output?: unknown;
  durationMs?: number;
}

/** An approval prompt's answer. */
export type ApprovalAnswer = 'allow-once' | { allowFor: number } | 'deny';
