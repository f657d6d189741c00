/**
 * One run in the engine's hands: decides which steps may start (dependencies, conditions, fan-out, limits), starts
 * them through the executor, and records every change in the run's log before anything else can depend on it.
 * Its state is always foldRun(log): events are applied in memory as they are appended, so a replay after a reload
 * sees exactly what this object saw, up to the last durable batch.
 */
import type { Clock } from '../../../core/clock.js';
import { CometError } from '../../../core/errors.js';
import { serializeError } from '../../../core/queue.js';
import { evaluateCondition, describeCondition } from '../model/conditions.js';
import { parseDuration } from '../model/duration.js';
import { stepDependencies } from '../model/graph.js';
import { resolveValue, type ReferenceScope } from '../model/references.js';
import type { ErrorHandler, WorkflowDefinition, WorkflowStep } from '../model/types.js';
import type { ConcurrencyLimiter, Throttle } from './flow-control.js';
import { callWithDeadline, concurrencyLimits, throttleKey } from './step-limits.js';
import type { NewRunEvent, RunLog } from './run-log.js';
import { applyEvent, FINISHED_STEP, progressOf } from './run-state.js';
import type { RunRow, RunState, StepState } from './run-types.js';
import {
  asError,
  httpFailure,
  nextRetry,
  policyOf,
  resolveCall,
  scopeEntry,
  scopeOf,
  stepPointer,
  timeoutOf,
} from './step-calls.js';

/** Runs one capability call for a step; the engine's only way to act (the page's supervised host, or a test double). */
export interface StepExecutor {
  invoke(call: StepCall, signal: AbortSignal): Promise<unknown>;
}

/** One capability call of a step attempt. */
export interface StepCall {
  /** The principal the call is made as: 'workflow:<id>'. */
  principal: string;
  capability: string;
  input: unknown;
  runId: string;
  stepId: string;
  /** The same for every attempt of the step (and item): capabilities use it to deduplicate. */
  idempotencyKey: string;
}

/** What a run needs from its engine. */
export interface RunHost {
  readonly clock: Clock;
  readonly log: RunLog;
  readonly executor: StepExecutor;
  readonly limiter: ConcurrencyLimiter;
  readonly throttle: Throttle;
  /** Steps of all runs at once. */
  readonly globalLimit: number;
  readonly random: () => number;
  /** Called after events were applied (to publish them on the bus). */
  changed(run: ActiveRun, events: readonly NewRunEvent[]): void;
  /** The log could not be written: the run stops here and resumes from its last durable event after a reload. */
  halted(run: ActiveRun, error: unknown): void;
  /** The run finished (succeeded, failed, cancelled). */
  finished(run: ActiveRun): void;
}

/** One attempt in flight: what its outcome is recorded against. */
interface AttemptRef {
  step: WorkflowStep;
  item: number | undefined;
  attempt: number;
  started: number;
  input: unknown;
  scope: ReferenceScope;
}
/** Default of maxParallel: steps of one run at once. */
export const DEFAULT_MAX_PARALLEL = 8;
/** Default of forEachConcurrency. */
export const DEFAULT_FOR_EACH_CONCURRENCY = 4;

/** A step or fan-out item's key in the maps below. */
const keyOf = (stepId: string, item?: number) => (item === undefined ? stepId : `${stepId}#${item}`);

export class ActiveRun {
  readonly state: RunState;
  readonly #host: RunHost;
  readonly #definition: WorkflowDefinition;
  readonly #steps: Map<string, WorkflowStep>;
  readonly #deps: Map<string, Set<string>>;
  /** Attempts in flight, by key: aborting one stops its call. */
  readonly #running = new Map<string, AbortController>();
  /** Keys waiting for a limit. */
  readonly #launching = new Set<string>();
  readonly #timers = new Map<string, number>();
  /** Pending steps whose dependencies are done and whose condition holds, not started yet (waiting for capacity). */
  readonly #ready = new Set<string>();
  #stopped = false;
  #halted = false;
  /**
   * What references see, kept up to date event by event: rebuilding it for every step would make a run of n steps
   * cost n² (a 1,000-step DAG took seconds instead of milliseconds).
   */
  readonly #scope: ReferenceScope;
  /**
   * The scheduler's working sets, so each change costs work for the steps it touches rather than a scan of the run:
   * pending steps to look at again (their dependencies moved), fan-outs with items left, plain steps whose attempt is
   * due (a retry timer fired, or an attempt a reload interrupted), and who depends on whom.
   */
  readonly #candidates = new Set<string>();
  readonly #fanouts = new Set<string>();
  readonly #dueSteps = new Set<string>();
  readonly #dependents = new Map<string, string[]>();
  /** Each fan-out's list, as resolved when its first item started. */
  readonly #lists = new Map<string, unknown[]>();
  /** Steps finished (succeeded, failed, skipped, cancelled), for progress and for knowing the run is done. */
  #done = 0;

  constructor(state: RunState, host: RunHost) {
    this.state = state;
    this.#scope = scopeOf(state);
    this.#host = host;
    this.#definition = state.workflow;
    this.#steps = new Map(state.workflow.steps.map((s) => [s.id, s]));
    this.#deps = stepDependencies(state.workflow);
    for (const [id, deps] of this.#deps)
      for (const dep of deps) this.#dependents.set(dep, [...(this.#dependents.get(dep) ?? []), id]);
    this.#done = progressOf(state).done;
  }

  get id(): string {
    return this.state.runId;
  }

  /** Takes over after adoption: starts a queued run, restarts interrupted attempts, re-arms retry timers. */
  start(): void {
    if (this.state.status === 'queued') this.#emit([{ type: 'run.started', time: this.#now() }]);
    for (const step of this.#definition.steps) {
      const state = this.state.steps[step.id];
      if (state.status === 'pending') this.#candidates.add(step.id);
      if (state.items && !FINISHED_STEP.has(state.status)) this.#fanouts.add(step.id);
      for (const [item, s] of (state.items ?? [state]).entries()) {
        const at = state.items ? item : undefined;
        if (s.status === 'running' && !state.items) this.#dueSteps.add(step.id);
        if (s.status === 'retrying') this.#armRetry(step.id, at, Math.max(0, (s.retryAt ?? 0) - this.#now()));
      }
      if (state.status === 'failed') this.#afterFinalFailure(step.id, state);
    }
    this.#pump();
  }

  /** Stops taking new steps; steps in flight finish and are recorded. */
  pause(): void {
    if (this.state.status === 'running') this.#emit([{ type: 'run.paused', time: this.#now() }]);
  }

  resume(): void {
    if (this.state.status !== 'paused') return;
    this.#emit([{ type: 'run.resumed', time: this.#now() }]);
    this.#pump();
  }

  /** Ends the run: running steps are aborted through their AbortSignal. */
  cancel(reason = 'Cancelled by a person.'): void {
    if (FINISHED_RUN.has(this.state.status)) return;
    this.#end([{ type: 'run.cancelled', time: this.#now(), reason }]);
  }

  /** Forgets the run in memory without recording anything (the tab is going away, or the log failed). */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) this.#host.clock.clearTimeout(timer);
    this.#timers.clear();
    for (const controller of this.#running.values()) {
      controller.abort(new CometError('aborted', { what: `Run ${this.id}` }));
    }
    this.#running.clear();
  }

  #now(): number {
    return this.#host.clock.now();
  }

  /** Appends events, applies them to the state and updates the summary row, all in the same batch. */
  #emit(events: NewRunEvent[]): void {
    if (this.#stopped || events.length === 0) return;
    const { events: logged, durable } = this.#host.log.append(this.id, events);
    for (const event of logged) {
      const { stepId } = event as { stepId?: string };
      const step = stepId === undefined ? undefined : this.state.steps[stepId];
      const wasDone = step !== undefined && FINISHED_STEP.has(step.status);
      applyEvent(this.state, event);
      if (step) this.#track(stepId!, step, wasDone);
      else this.#done = progressOf(this.state).done; // a run-level event may end every step at once
    }
    if (this.state.startedAt !== undefined) this.#scope.run = { id: this.id, startedAt: this.state.startedAt };
    this.#host.log.append(this.id, [], this.#row());
    // The bus says what is durable: a view that reads the database on a message finds what the message says.
    durable.then(
      () => this.#host.changed(this, events),
      (error: unknown) => {
        if (this.#halted) return; // every emit of the failed batch lands here; say it once
        this.#halted = true;
        this.stop();
        this.#host.halted(this, error);
      },
    );
  }

  /** Keeps the scope and the working sets in step with one step's change. */
  #track(stepId: string, step: StepState, wasDone: boolean): void {
    this.#scope.steps![stepId] = scopeEntry(step);
    const done = FINISHED_STEP.has(step.status);
    if (done !== wasDone) this.#done += done ? 1 : -1;
    if (done || step.status === 'failed') {
      for (const dependent of this.#dependents.get(stepId) ?? []) this.#candidates.add(dependent);
    }
    if (step.items && !done) this.#fanouts.add(stepId);
  }

  /** The summary row's fields that follow the state. */
  #row(): Partial<RunRow> {
    const s = this.state;
    return {
      status: s.status,
      stepsDone: this.#done,
      stepsTotal: this.#definition.steps.length,
      ...(s.startedAt === undefined ? {} : { startedAt: s.startedAt }),
      ...(s.finishedAt === undefined ? {} : { finishedAt: s.finishedAt }),
      ...(s.error ? { error: s.error } : {}),
    };
  }

  /** Starts whatever may start now, and finishes the run when nothing is left. */
  #pump(): void {
    if (this.#stopped || this.state.status !== 'running') return;
    const maxParallel = this.#definition.maxParallel ?? DEFAULT_MAX_PARALLEL;
    for (const id of this.#candidates) {
      this.#candidates.delete(id);
      if (this.state.status !== 'running') return;
      if (this.state.steps[id].status === 'pending') this.#consider(this.#steps.get(id)!);
    }
    for (const id of this.#ready) {
      if (this.#running.size + this.#launching.size >= maxParallel) break;
      this.#launch(this.#steps.get(id)!, undefined, maxParallel);
    }
    for (const id of this.#fanouts) {
      const state = this.state.steps[id];
      if (FINISHED_STEP.has(state.status)) this.#fanouts.delete(id);
      else this.#launchItems(this.#steps.get(id)!, state, maxParallel);
    }
    for (const id of this.#dueSteps) {
      if (!this.#due(this.state.steps[id])) this.#dueSteps.delete(id);
      else if (this.#launch(this.#steps.get(id)!, undefined, maxParallel)) this.#dueSteps.delete(id);
    }
    this.#finishIfDone();
  }

  /** True when a step (or item) should start now: interrupted by a reload, or its retry is due. */
  #due(state: StepState): boolean {
    if (state.status === 'running') return true; // a replayed attempt that never finished
    return state.status === 'retrying' && (state.retryAt ?? 0) <= this.#now();
  }

  /** A pending step: waits for its dependencies, then is skipped, expanded (fan-out) or made ready. */
  #consider(step: WorkflowStep): void {
    if (this.#ready.has(step.id)) return;
    const blocked = this.#blockedBy(step.id);
    if (blocked === 'wait') return;
    if (blocked) return this.#emit([{ type: 'step.skipped', time: this.#now(), stepId: step.id, reason: blocked }]);
    const scope = this.#scope;
    try {
      if (step.if !== undefined && !evaluateCondition(step.if, scope, `${stepPointer(this.#definition, step.id)}/if`)) {
        const reason = `its condition did not hold (${describeCondition(step.if)})`;
        return this.#emit([{ type: 'step.skipped', time: this.#now(), stepId: step.id, reason }]);
      }
      if (step.forEach !== undefined) {
        const at = `${stepPointer(this.#definition, step.id)}/forEach`;
        const list = resolveValue(step.forEach, scope, at);
        if (!Array.isArray(list)) {
          throw new CometError('reference-missing', {
            reference: step.forEach,
            at,
            reason: `forEach needs a list, and this is ${list === null ? 'null' : typeof list}`,
          });
        }
        return this.#emit([{ type: 'step.expanded', time: this.#now(), stepId: step.id, count: list.length }]);
      }
    } catch (error) {
      return this.#failFinally(step.id, undefined, 1, error, 0);
    }
    this.#ready.add(step.id);
  }

  /** Why a step cannot run: 'wait' while a dependency is unfinished, a reason to skip it, or undefined when ready. */
  #blockedBy(stepId: string): string | undefined {
    for (const dep of this.#deps.get(stepId) ?? []) {
      const s = this.state.steps[dep];
      if (!s) continue;
      if (s.status === 'succeeded') continue;
      if (s.status === 'failed' && continuesAfterFailure(this.#steps.get(dep)?.onError, s)) continue;
      if (s.status === 'skipped' || s.status === 'cancelled') return `step ${dep} was ${s.status}`;
      return 'wait';
    }
    return undefined;
  }

  #launchItems(step: WorkflowStep, state: StepState, maxParallel: number): void {
    const limit = step.forEachConcurrency ?? DEFAULT_FOR_EACH_CONCURRENCY;
    let active = (state.items ?? []).filter((_, i) => this.#busy(keyOf(step.id, i))).length;
    (state.items ?? []).forEach((item, i) => {
      if (active >= limit || this.#busy(keyOf(step.id, i))) return;
      if (item.status === 'pending' || this.#due(item)) {
        if (this.#launch(step, i, maxParallel)) active++;
      }
    });
  }

  #busy(key: string): boolean {
    return this.#running.has(key) || this.#launching.has(key);
  }

  /** Starts one attempt if the run's, the engine's and the step's limits allow it now; true if it started or waits. */
  #launch(step: WorkflowStep, item: number | undefined, maxParallel: number): boolean {
    const key = keyOf(step.id, item);
    if (this.#busy(key)) return false;
    if (item === undefined && this.state.steps[step.id].status === 'pending' && !this.#ready.has(step.id)) return false;
    if (this.#running.size + this.#launching.size >= maxParallel) return false;
    const scope = this.#itemScope(step, item);
    const limits = concurrencyLimits(this.#definition, step, scope, this.#host.globalLimit);
    const releases = limits.map((l) => this.#host.limiter.tryAcquire(l.key, l.limit));
    // A throttled step always takes the waiting path: throttling is about spacing starts out anyway.
    if (!step.throttle && releases.every((r) => r !== undefined)) {
      this.#ready.delete(step.id);
      this.#attempt(step, item, scope, releases);
      return true;
    }
    releases.forEach((release) => release?.());
    this.#launching.add(key);
    void this.#launchLater(step, item, scope, limits).finally(() => {
      this.#launching.delete(key);
      this.#pump();
    });
    return true;
  }

  /** Waits for the limits in turn (throttle first, so a throttled start does not hold a concurrency slot). */
  async #launchLater(
    step: WorkflowStep,
    item: number | undefined,
    scope: ReferenceScope,
    limits: { key: string; limit: number }[],
  ): Promise<void> {
    const releases: (() => void)[] = [];
    try {
      if (step.throttle) await this.#throttleWait(step, scope);
      for (const { key, limit } of limits) releases.push(await this.#host.limiter.acquire(key, limit));
    } catch (error) {
      releases.forEach((release) => release());
      if (!this.#stopped) this.#failFinally(step.id, item, 1, error, 0);
      return;
    }
    if (this.#stopped || this.state.status !== 'running') {
      releases.forEach((release) => release());
      return;
    }
    this.#ready.delete(step.id);
    this.#attempt(step, item, scope, releases);
  }

  async #throttleWait(step: WorkflowStep, scope: ReferenceScope): Promise<void> {
    const { limit, period } = step.throttle!;
    await this.#host.throttle.acquire(throttleKey(this.#definition, step, scope), limit, periodMs(period));
  }

  #itemScope(step: WorkflowStep, item: number | undefined): ReferenceScope {
    if (item === undefined) return this.#scope;
    // Resolved once per fan-out (resolving copies the list: once per item would cost n² for n items).
    let list = this.#lists.get(step.id);
    if (!list) {
      list = resolveValue(step.forEach, this.#scope, `${stepPointer(this.#definition, step.id)}/forEach`) as unknown[];
      this.#lists.set(step.id, list);
    }
    return { ...this.#scope, item: list[item], index: item };
  }

  /** Runs one attempt: records its start, calls the executor under the step's deadline, records the outcome. */
  #attempt(step: WorkflowStep, item: number | undefined, scope: ReferenceScope, releases: (() => void)[]): void {
    const key = keyOf(step.id, item);
    const state = this.#stepState(step.id, item);
    // A replayed attempt (interrupted by a reload) runs again with the same number and input.
    const replay = state.status === 'running' && state.attempts.length > 0;
    const attempt = replay ? state.attempts.at(-1)!.attempt : state.attempts.length + 1;
    let call: { capability: string; input: unknown };
    // One reading of the clock: a wait's end (started + duration) and the attempt's start agree exactly.
    const started = this.#now();
    try {
      call =
        replay || state.input !== undefined
          ? { capability: capabilityOf(step), input: state.input }
          : resolveCall(this.#definition, step, scope, started);
    } catch (error) {
      releases.forEach((release) => release());
      return this.#failFinally(step.id, item, attempt, error, 0);
    }
    const idempotencyKey = `${this.id}:${key}`;
    const controller = new AbortController();
    this.#running.set(key, controller);
    this.#emit([
      {
        type: 'step.started',
        time: started,
        stepId: step.id,
        ...(item === undefined ? {} : { item }),
        attempt,
        input: call.input,
        idempotencyKey,
      },
    ]);
    const timeoutMs = timeoutOf(this.#definition, step);
    const outcome = this.#call(
      {
        principal: this.state.principal,
        capability: call.capability,
        input: call.input,
        runId: this.id,
        stepId: step.id,
        idempotencyKey,
      },
      controller,
      timeoutMs,
      step.id,
    );
    const ref: AttemptRef = { step, item, attempt, started, input: call.input, scope };
    void outcome
      .then(
        (output) => this.#succeeded(ref, output),
        (error: unknown) => this.#failed(ref, error),
      )
      .finally(() => {
        releases.forEach((release) => release());
        if (this.#running.get(key) === controller) this.#running.delete(key);
        this.#pump();
      });
  }

  /** The executor's call under the step's deadline (see callWithDeadline). */
  #call(call: StepCall, controller: AbortController, timeoutMs: number | undefined, stepId: string): Promise<unknown> {
    return callWithDeadline(this.#host.executor, this.#host.clock, call, controller, timeoutMs, stepId);
  }

  #stepState(stepId: string, item: number | undefined): StepState {
    const step = this.state.steps[stepId];
    return item === undefined ? step : step.items![item];
  }

  #succeeded(ref: AttemptRef, output: unknown): void {
    const { step, item, attempt, started } = ref;
    if (!this.#accepts(step.id, item)) return;
    const failure = this.#outputFailure(step, ref.input, output, ref.scope);
    if (failure) return this.#failed(ref, failure);
    this.#emit([
      {
        type: 'step.succeeded',
        time: this.#now(),
        stepId: step.id,
        ...(item === undefined ? {} : { item }),
        attempt,
        output,
        durationMs: this.#now() - started,
      },
    ]);
    this.#afterItemSettled(step.id, item);
  }

  /** An output that still counts as a failure: an HTTP error answer, or an `until` condition not met yet. */
  #outputFailure(step: WorkflowStep, input: unknown, output: unknown, scope: ReferenceScope): Error | undefined {
    const http = step.acceptHttpErrors ? undefined : httpFailure(capabilityOf(step), input, output);
    if (http) return http;
    if (step.until === undefined) return undefined;
    const at = `${stepPointer(this.#definition, step.id)}/until`;
    try {
      if (evaluateCondition(step.until, { ...scope, output }, at)) return undefined;
    } catch (error) {
      return asError(error, step.id);
    }
    return new CometError('condition-not-met', { step: step.id, condition: describeCondition(step.until) });
  }

  #failed(ref: AttemptRef, thrown: unknown): void {
    const { step, item, attempt, started } = ref;
    if (!this.#accepts(step.id, item)) return;
    const error = asError(thrown, step.id);
    const delay = nextRetry(policyOf(this.#definition, step), attempt, error, this.#host.random);
    if (delay === undefined) return this.#failFinally(step.id, item, attempt, error, this.#now() - started);
    const now = this.#now();
    const at = item === undefined ? {} : { item };
    this.#emit([
      {
        type: 'step.failed',
        time: now,
        stepId: step.id,
        ...at,
        attempt,
        error: serializeError(error),
        durationMs: now - started,
        final: false,
      },
      {
        type: 'step.retrying',
        time: now,
        stepId: step.id,
        ...at,
        attempt: attempt + 1,
        dueAt: now + delay,
        delayMs: delay,
      },
    ]);
    this.#armRetry(step.id, item, delay);
  }

  /** Wakes the scheduler when a retry falls due (also re-armed from the log after a reload). */
  #armRetry(stepId: string, item: number | undefined, delay: number): void {
    const key = keyOf(stepId, item);
    this.#host.clock.clearTimeout(this.#timers.get(key) ?? 0);
    this.#timers.set(
      key,
      this.#host.clock.setTimeout(() => {
        this.#timers.delete(key);
        if (item === undefined) this.#dueSteps.add(stepId);
        this.#pump();
      }, delay),
    );
  }

  /** True while the run still wants this step's outcome (not cancelled, failed or stopped meanwhile). */
  #accepts(stepId: string, item: number | undefined): boolean {
    if (this.#stopped || FINISHED_RUN.has(this.state.status)) return false;
    return !FINISHED_STEP.has(this.#stepState(stepId, item).status);
  }

  #failFinally(stepId: string, item: number | undefined, attempt: number, thrown: unknown, durationMs: number): void {
    const error = serializeError(asError(thrown, stepId));
    this.#emit([
      {
        type: 'step.failed',
        time: this.#now(),
        stepId,
        ...(item === undefined ? {} : { item }),
        attempt,
        error,
        durationMs,
        final: true,
      },
    ]);
    this.#afterItemSettled(stepId, item);
  }

  /** After an item settles, a fan-out step may have failed as a whole: its other items stop. */
  #afterItemSettled(stepId: string, item: number | undefined): void {
    const step = this.state.steps[stepId];
    if (item !== undefined && step.status === 'failed') {
      for (const [key, controller] of this.#running) {
        if (key.startsWith(`${stepId}#`)) controller.abort(new CometError('aborted', { what: `Step ${stepId}` }));
      }
    }
    if (step.status === 'failed') this.#afterFinalFailure(stepId, step);
  }

  /** A step failed for good: continue, compensate, or fail the run, as its onError says. */
  #afterFinalFailure(stepId: string, state: StepState): void {
    const handler = this.#steps.get(stepId)?.onError ?? 'fail';
    if (handler === 'continue') return;
    if (handler === 'fail') return this.#failRun(stepId, state);
    if (state.compensation) {
      if ((handler.then ?? 'fail') === 'fail') this.#failRun(stepId, state);
      return;
    }
    void this.#compensate(stepId, state, handler);
  }

  async #compensate(stepId: string, state: StepState, handler: Exclude<ErrorHandler, string>): Promise<void> {
    const key = keyOf(`${stepId}.compensate`);
    if (this.#running.has(key)) return;
    const controller = new AbortController();
    this.#running.set(key, controller);
    const at = `${stepPointer(this.#definition, stepId)}/onError/compensate`;
    let result: { output?: unknown; error?: ReturnType<typeof serializeError> };
    try {
      const input = resolveValue(handler.compensate.input ?? {}, { ...this.#scope, error: state.error }, `${at}/input`);
      const call: StepCall = {
        principal: this.state.principal,
        capability: handler.compensate.capability,
        input,
        runId: this.id,
        stepId: `${stepId}.compensate`,
        idempotencyKey: `${this.id}:${stepId}.compensate`,
      };
      const timeout = handler.compensate.timeout;
      const output = await this.#call(call, controller, timeout === undefined ? undefined : periodMs(timeout), stepId);
      // An HTTP error answer fails a compensation as it fails a step.
      const http = httpFailure(call.capability, input, output);
      if (http) throw http;
      result = { output };
    } catch (error) {
      result = { error: serializeError(asError(error, stepId)) };
    } finally {
      this.#running.delete(key);
    }
    if (this.#stopped || FINISHED_RUN.has(this.state.status)) return;
    this.#emit([{ type: 'step.compensated', time: this.#now(), stepId, ...result }]);
    if ((handler.then ?? 'fail') === 'fail') this.#failRun(stepId, state);
    else this.#pump();
  }

  #failRun(stepId: string, state: StepState): void {
    const error = state.error ?? { name: 'Error', message: `Step ${stepId} failed.` };
    this.#end([{ type: 'run.failed', time: this.#now(), error, stepId }]);
  }

  /** Records the run's end, stops everything still running, and tells the engine. */
  #end(events: NewRunEvent[]): void {
    if (this.#stopped) return;
    this.#emit(events);
    this.stop();
    this.#host.finished(this);
  }

  #finishIfDone(): void {
    if (this.state.status !== 'running' || this.#running.size > 0 || this.#launching.size > 0) return;
    if (this.#done < this.#definition.steps.length) return;
    const steps = Object.values(this.state.steps);
    let output: unknown;
    try {
      output =
        this.#definition.output === undefined
          ? Object.fromEntries(steps.filter((s) => s.status === 'succeeded').map((s) => [s.stepId, s.output]))
          : resolveValue(this.#definition.output, this.#scope, '/output');
    } catch (error) {
      return this.#end([{ type: 'run.failed', time: this.#now(), error: serializeError(error) }]);
    }
    this.#end([{ type: 'run.succeeded', time: this.#now(), output }]);
  }
}

const FINISHED_RUN: ReadonlySet<RunState['status']> = new Set(['succeeded', 'failed', 'cancelled']);

function continuesAfterFailure(handler: ErrorHandler | undefined, state: StepState): boolean {
  if (handler === 'continue') return true;
  return typeof handler === 'object' && (handler.then ?? 'fail') === 'continue' && state.compensation !== undefined;
}

function capabilityOf(step: WorkflowStep): string {
  return step.workflow !== undefined ? 'workflow.run' : (step.capability ?? '');
}

function periodMs(period: string | number): number {
  return parseDuration(period);
}
