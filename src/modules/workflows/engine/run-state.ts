/**
 * Folds a run's event log into its state. Pure and total: the engine rebuilds a run from it after a reload, and the
 * run view folds the same log for display, so both always agree. Unknown or out-of-order events are ignored rather
 * than thrown: a log is never made unreadable by one odd entry.
 */
import type { RunEvent, RunState, StepState, StepStatus } from './run-types.js';

/** Statuses a step no longer leaves (re-run makes a new run instead). */
export const FINISHED_STEP: ReadonlySet<StepStatus> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** Rebuilds a run's state from its whole log (events in seq order); undefined when the log has no run.created. */
export function foldRun(events: readonly RunEvent[]): RunState | undefined {
  let state: RunState | undefined;
  for (const event of events) state = applyEvent(state, event);
  return state;
}

/** A fresh, pending state for one step. */
function pendingStep(stepId: string): StepState {
  return { stepId, status: 'pending', attempts: [] };
}

/** The state a step-level event changes: the step, or one of its fan-out items. */
function target(state: RunState, stepId: string, item: number | undefined): StepState | undefined {
  const step = state.steps[stepId];
  if (!step || item === undefined) return step;
  step.items ??= [];
  return (step.items[item] ??= pendingStep(stepId));
}

/** Applies one event (mutating and returning `state`; a run.created makes a new state). */
export function applyEvent(state: RunState | undefined, event: RunEvent): RunState | undefined {
  if (event.type === 'run.created') {
    const steps: Record<string, StepState> = {};
    for (const step of event.workflow.steps) steps[step.id] = pendingStep(step.id);
    return {
      runId: event.runId,
      workflow: event.workflow,
      inputs: event.inputs,
      principal: event.principal,
      origin: event.origin,
      status: 'queued',
      createdAt: event.time,
      steps,
      lastSeq: event.seq,
    };
  }
  if (!state) return state;
  state.lastSeq = Math.max(state.lastSeq, event.seq);
  switch (event.type) {
    case 'run.started':
      state.status = 'running';
      state.startedAt ??= event.time;
      break;
    case 'run.paused':
      state.status = 'paused';
      break;
    case 'run.resumed':
      state.status = 'running';
      break;
    case 'run.succeeded':
      finish(state, 'succeeded', event.time);
      state.output = event.output;
      break;
    case 'run.failed':
      finish(state, 'failed', event.time);
      state.error = { ...event.error, ...(event.stepId === undefined ? {} : { stepId: event.stepId }) };
      break;
    case 'run.cancelled':
      finish(state, 'cancelled', event.time);
      state.error = { name: 'CometError', code: 'aborted', message: event.reason };
      break;
    default:
      applyStepEvent(state, event);
  }
  return state;
}

/** Ends the run; steps still in flight end as cancelled. */
function finish(state: RunState, status: RunState['status'], time: number): void {
  state.status = status;
  state.finishedAt = time;
  for (const step of Object.values(state.steps)) {
    for (const s of [step, ...(step.items ?? [])]) {
      if (!FINISHED_STEP.has(s.status) && s.status !== 'pending') {
        s.status = 'cancelled';
        s.finishedAt = time;
      }
    }
  }
}

function applyStepEvent(state: RunState, event: Exclude<RunEvent, { type: `run.${string}` }>): void {
  const step = state.steps[event.stepId];
  if (!step) return;
  switch (event.type) {
    case 'step.copied':
      Object.assign(step, { status: 'succeeded', output: event.output, copiedFrom: event.fromRunId });
      return;
    case 'step.skipped':
      Object.assign(step, { status: 'skipped', skipReason: event.reason, finishedAt: event.time });
      return;
    case 'step.expanded':
      step.items = Array.from({ length: event.count }, () => pendingStep(event.stepId));
      step.status = 'running';
      step.startedAt ??= event.time;
      if (event.count === 0) Object.assign(step, { status: 'succeeded', output: [], finishedAt: event.time });
      return;
    case 'step.compensated':
      step.compensation = {
        ...(event.output === undefined ? {} : { output: event.output }),
        ...(event.error ? { error: event.error } : {}),
      };
      return;
  }
  const s = target(state, event.stepId, event.item);
  if (!s) return;
  switch (event.type) {
    case 'step.started': {
      // A replay after a crash starts the same attempt again: it replaces the interrupted one.
      const attempts = s.attempts.filter((a) => a.attempt !== event.attempt);
      attempts.push({ attempt: event.attempt, startedAt: event.time });
      Object.assign(s, {
        status: 'running',
        attempts,
        input: event.input,
        idempotencyKey: event.idempotencyKey,
        startedAt: s.startedAt ?? event.time,
      });
      delete s.retryAt;
      break;
    }
    case 'step.succeeded':
      endAttempt(s, event.attempt, event.time);
      Object.assign(s, { status: 'succeeded', output: event.output, finishedAt: event.time });
      break;
    case 'step.failed':
      endAttempt(s, event.attempt, event.time, event.error);
      s.error = event.error;
      if (event.final) Object.assign(s, { status: 'failed', finishedAt: event.time });
      break;
    case 'step.retrying':
      Object.assign(s, { status: 'retrying', retryAt: event.dueAt });
      break;
  }
  if (event.item !== undefined) rollUpItems(step, event.time);
}

function endAttempt(s: StepState, attempt: number, time: number, error?: StepState['error']): void {
  const current = s.attempts.find((a) => a.attempt === attempt);
  if (!current) return;
  current.finishedAt = time;
  if (error) current.error = error;
}

/** A fan-out step succeeds when every item has, with their outputs in order; it fails when one item failed for good. */
function rollUpItems(step: StepState, time: number): void {
  const items = step.items ?? [];
  const failed = items.find((i) => i.status === 'failed');
  if (failed) {
    Object.assign(step, { status: 'failed', error: failed.error, finishedAt: time });
  } else if (items.length > 0 && items.every((i) => i.status === 'succeeded')) {
    Object.assign(step, { status: 'succeeded', output: items.map((i) => i.output), finishedAt: time });
  } else if (step.status !== 'failed') {
    step.status =
      items.some((i) => i.status === 'retrying') && !items.some((i) => i.status === 'running') ? 'retrying' : 'running';
  }
}

/** Counts for progress: finished steps and all steps. */
export function progressOf(state: RunState): { done: number; total: number } {
  const steps = Object.values(state.steps);
  return { done: steps.filter((s) => FINISHED_STEP.has(s.status)).length, total: steps.length };
}
