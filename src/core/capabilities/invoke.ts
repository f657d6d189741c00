/**
 * CapabilityHost.invoke: the only way to run a capability. In order:
 *   1. the capability must exist, and the input must match its schema (the error names the bad field);
 *   2. the supervisor decides; a deny throws 'capability-denied' carrying the decision; an ask waits (without
 *      blocking anything else) for a person, who sees the input with secrets redacted;
 *   3. the decision is audited BEFORE the action: if that entry cannot be written, the action does not run;
 *   4. one-shot grants and rate tokens are taken (Supervisor.commit), and the capability runs under a deadline and
 *      the caller's AbortSignal;
 *   5. the output must match its schema; the outcome goes to the supervisor's history and to the audit log.
 * Every step that ends a call (unknown, invalid, denied, failed) is audited too.
 */
import type { AuditLog } from '../audit/index.js';
import { type AuditRecord } from '../audit/index.js';
import { newId } from '../ids.js';
import type { Clock } from '../clock.js';
import { CometError, errorMessage } from '../errors.js';
import { log as defaultLog, type Logger } from '../log.js';
import { redact } from '../redact.js';
import type { Supervisor } from '../supervisor/index.js';
import type {
  CallTicket,
  InvocationContext,
  Principal,
  SupervisedCapability,
  SupervisorDecision,
} from '../supervisor/types.js';
import type { CapabilityRegistry, AnyCapability } from './registry.js';
import { callError, failureOutcome, withDeadline } from './run-call.js';
import { describeErrors, validate } from './schema.js';
import type { CapabilityContext, CapabilityLog, CapabilityName } from './types.js';

/** What a CapabilityHost needs. */
export interface CapabilityHostDeps {
  registry: CapabilityRegistry;
  supervisor: Supervisor;
  audit: AuditLog;
  clock: Clock;
  log?: Logger;
  /** The secrets to keep out of approval prompts and error messages (the vault's redactionSecrets). */
  secrets?: () => readonly string[] | Promise<readonly string[]>;
  /** Deadline of a call whose capability sets none (default 30 s). */
  defaultTimeoutMs?: number;
}

/** Default deadline of a capability call. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Runs capabilities, each call decided by the supervisor and audited. */
export class CapabilityHost {
  readonly registry: CapabilityRegistry;
  readonly #deps: CapabilityHostDeps;
  readonly #log: Logger;

  constructor(deps: CapabilityHostDeps) {
    this.#deps = deps;
    this.registry = deps.registry;
    this.#log = deps.log ?? defaultLog;
  }

  /** Runs capability `name` for `principal` (one the host issued) with `input`; resolves with its output. */
  async invoke(
    principal: Principal,
    name: CapabilityName,
    input: unknown,
    context: InvocationContext = {},
  ): Promise<unknown> {
    const supervisor: Supervisor = this.#deps.supervisor;
    supervisor.principals.assertIssued(principal);
    context.signal?.throwIfAborted();
    const base = {
      principal: principal.id,
      capability: String(name),
      ...(context.runId === undefined ? {} : { runId: context.runId }),
      ...(context.stepId === undefined ? {} : { stepId: context.stepId }),
    };
    const definition = this.registry.get(name);
    if (!definition) {
      const error = new CometError('capability-unknown', { name: String(name) });
      await this.#auditDenial({ ...base, rule: 'capability-unknown', reason: error.message, input }, error);
      throw error;
    }
    let frozen: unknown;
    try {
      // The call works on its own frozen copy: a caller cannot change the input between the decision and the run.
      frozen = snapshot(input, definition.name);
      const checked = validate(definition.inputSchema, frozen);
      if (!checked.ok) {
        throw new CometError('invalid-input', {
          capability: definition.name,
          summary: describeErrors(checked.errors),
          field: checked.errors[0]?.path,
          errors: checked.errors,
        });
      }
    } catch (error) {
      await this.#auditDenial({ ...base, rule: 'invalid-input', reason: errorMessage(error), input }, error);
      throw error;
    }

    const decision = await this.#decide(principal, definition, frozen, context, base);
    const record = {
      ...base,
      // One id on the entry before the run and the one after, so history pairs them exactly after a reload;
      // the scopes let host- and key-grouped policies rebuild their counts from the log.
      callId: newId(),
      scopes: decision.scopes,
      input: frozen,
      rule: decision.rule,
      reason: decision.reason,
      wouldHave: decision.wouldHave,
    };
    // No action without its entry: this write failing denies the call.
    await this.#deps.audit.append({ ...record, verdict: 'allow', outcome: 'pending' });
    let ticket: CallTicket;
    try {
      ticket = await supervisor.commit(decision);
    } catch (error) {
      // Another call took the last token or the one-shot grant between the decision and now.
      const rule = error instanceof CometError ? error.code : 'commit-failed';
      await this.#auditDenial({ ...record, rule, reason: errorMessage(error) }, error);
      throw error;
    }
    return this.#run(definition, frozen, principal, context, ticket, record);
  }

  /** Decides the call; returns an 'allow' or throws 'capability-denied' (audited) with the decision. */
  async #decide(
    principal: Principal,
    definition: AnyCapability,
    input: unknown,
    context: InvocationContext,
    base: Pick<AuditRecord, 'principal' | 'capability' | 'runId' | 'stepId'>,
  ): Promise<SupervisorDecision> {
    const { supervisor } = this.#deps;
    const supervised: SupervisedCapability = {
      name: definition.name,
      requiredScopes: (value) => definition.scopes(value),
    };
    let decision: SupervisorDecision;
    try {
      decision = supervisor.decide(principal, supervised, input, context);
      if (decision.verdict === 'ask') {
        // The prompt is audited when it opens; the answer (or its timeout) is audited as the final decision.
        await this.#deps.audit.append({
          ...base,
          verdict: 'ask',
          rule: decision.rule,
          reason: decision.reason,
          input,
          outcome: 'pending',
        });
        const redactedInput = redact(input, { secrets: await this.#secrets() });
        decision = await supervisor.authorize(principal, supervised, input, context, { redactedInput });
      }
    } catch (error) {
      if (!(error instanceof CometError && error.code === 'audit-failed'))
        await this.#auditDenial({ ...base, rule: 'decision-failed', reason: errorMessage(error), input }, error);
      throw error;
    }
    if (decision.verdict === 'allow') return decision;
    const error = new CometError('capability-denied', {
      principal: principal.id,
      capability: definition.name,
      reason: decision.reason,
      rule: decision.rule,
      decision,
      ...(decision.wouldAllowWith ? { wouldAllowWith: decision.wouldAllowWith } : {}),
      ...(decision.retryAfterMs === undefined ? {} : { retryAfterMs: decision.retryAfterMs }),
    });
    await this.#auditDenial(
      {
        ...base,
        rule: decision.rule,
        reason: decision.reason,
        input,
        wouldHave: decision.wouldHave,
        mode: decision.policy?.mode,
      },
      error,
    );
    throw error;
  }

  /** Runs an allowed, committed call; records and audits its outcome. */
  async #run(
    definition: AnyCapability,
    input: unknown,
    principal: Principal,
    context: InvocationContext,
    ticket: CallTicket,
    record: Omit<AuditRecord, 'verdict' | 'outcome'>,
  ): Promise<unknown> {
    const { clock, supervisor } = this.#deps;
    const started = clock.now();
    const finish = async (
      outcome: Pick<AuditRecord, 'outcome' | 'error' | 'output'>,
      ok: boolean,
      output?: unknown,
    ) => {
      const durationMs = clock.now() - started;
      supervisor.record({ call: ticket, ok, output, durationMs });
      try {
        await this.#deps.audit.append({ ...record, ...outcome, verdict: 'allow', durationMs });
      } catch (error) {
        // The action has run and its decision entry stands; the audit log has already logged why this one failed.
        this.#log.error('capabilities', `The outcome of ${definition.name} was not audited: ${errorMessage(error)}`);
      }
    };
    let output: unknown;
    try {
      output = await withDeadline(
        (signal) => definition.run(input, this.#context(principal, definition, context, signal)),
        {
          clock,
          timeoutMs: definition.timeoutMs ?? this.#deps.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
          signal: context.signal,
          capability: definition.name,
        },
      );
    } catch (thrown) {
      const error = callError(thrown, definition.name, await this.#secrets());
      await finish({ outcome: failureOutcome(error), error: error.message }, false);
      throw error;
    }
    const checked = validate(definition.outputSchema, output);
    if (!checked.ok) {
      const error = new CometError('invalid-output', {
        capability: definition.name,
        summary: describeErrors(checked.errors),
        errors: checked.errors,
      });
      await finish({ outcome: 'error', error: error.message }, false);
      throw error;
    }
    await finish({ outcome: 'ok', output }, true, output);
    return output;
  }

  /** What the running capability receives. */
  #context(
    principal: Principal,
    definition: AnyCapability,
    context: InvocationContext,
    signal: AbortSignal,
  ): CapabilityContext {
    const source = definition.name;
    const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, data?: unknown) =>
      this.#log[level](source, `${principal.id}: ${message}`, data);
    const log: CapabilityLog = {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
    };
    return Object.freeze({
      principal,
      context: Object.freeze({ ...context, signal }),
      signal,
      clock: this.#deps.clock,
      log,
      invoke: (capability: CapabilityName, input: unknown) =>
        this.invoke(principal, capability, input, { ...context, signal }),
    });
  }

  /** Audits a call that ends without running. A failed write is logged (by the audit log), and the denial stands. */
  async #auditDenial(record: Omit<AuditRecord, 'verdict' | 'outcome'>, error: unknown): Promise<void> {
    try {
      await this.#deps.audit.append({ ...record, verdict: 'deny', outcome: 'denied', error: errorMessage(error) });
    } catch (auditError) {
      this.#log.error('capabilities', `A denial of ${record.capability} was not audited: ${errorMessage(auditError)}`);
    }
  }

  async #secrets(): Promise<readonly string[]> {
    return (await this.#deps.secrets?.()) ?? [];
  }
}

/** A deep-frozen structured clone of the input; 'invalid-input' for what cannot be cloned (functions, DOM nodes). */
function snapshot(input: unknown, capability: string): unknown {
  try {
    return deepFreeze(structuredClone(input));
  } catch (error) {
    throw new CometError(
      'invalid-input',
      { capability, summary: `the input cannot be copied (${errorMessage(error)})` },
      { cause: error },
    );
  }
}

/** Freezes a value and everything in it (typed arrays and buffers cannot be frozen, and are left as they are). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
  return value;
}
