/**
 * A run is an append-only log of events (table runEvents, key [runId+seq]) plus a summary row (table runs) written
 * in the same transaction. The log is the truth: foldRun() (run-state.ts) rebuilds a run's state from it, in the
 * engine after a reload and in the views for display.
 */
import type { SerializedError } from '../../../db/schema.js';
import type { WorkflowDefinition } from '../model/types.js';

export type RunStatus = 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus =
  'pending' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'skipped' | 'cancelled' | 'compensating';

/** Who or what started a run. */
export interface RunOrigin {
  /** The principal that started it: 'module:console' (a person), 'workflow:<parent>' (a sub-workflow), … */
  principal: string;
  /** How: 'manual', 'schedule', 'event', 'sub-workflow', 'rerun', 'import'. */
  trigger: string;
  /** E.g. the cron occurrence or the bus topic. */
  detail?: string;
}

/** The summary row of a run (table runs): what lists and filters need without reading the log. */
export interface RunRow {
  id: string;
  workflowId: string;
  workflowName: string;
  status: RunStatus;
  /** The principal the run's capability calls are made as: 'workflow:<workflowId>'. */
  principal: string;
  origin: RunOrigin;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** Steps (fan-out items count once per step) finished / in all, for progress. */
  stepsDone: number;
  stepsTotal: number;
  /** Why it failed or was cancelled. */
  error?: SerializedError & { stepId?: string };
  parentRunId?: string;
  /** Unique when set: a sub-workflow start retried with the same key finds this run instead of starting another. */
  idempotencyKey?: string;
  /** Set by a client (any tab) and carried out by the engine: 'pause' | 'resume' | 'cancel'. */
  control?: 'pause' | 'resume' | 'cancel';
  /** When re-run from a failed step: the original run and the step. */
  rerunOf?: { runId: string; stepId: string };
  /** Sequence number of the last event written. */
  lastSeq: number;
}

/** Fields every event has. */
interface EventBase {
  runId: string;
  /** 1, 2, 3… within the run. */
  seq: number;
  time: number;
}

/** One entry of a run's log. `item` is the fan-out element index, absent for plain steps. */
export type RunEvent = EventBase &
  (
    | {
        type: 'run.created';
        workflow: WorkflowDefinition;
        inputs: Record<string, unknown>;
        origin: RunOrigin;
        principal: string;
      }
    | { type: 'run.started' }
    | { type: 'run.paused' }
    | { type: 'run.resumed' }
    | { type: 'run.succeeded'; output: unknown }
    | { type: 'run.failed'; error: SerializedError; stepId?: string }
    | { type: 'run.cancelled'; reason: string }
    /** Outputs copied from an earlier run when re-running from a failed step. */
    | { type: 'step.copied'; stepId: string; output: unknown; fromRunId: string }
    | { type: 'step.skipped'; stepId: string; reason: string }
    /** A fan-out resolved its list: `count` items. */
    | { type: 'step.expanded'; stepId: string; count: number }
    | {
        type: 'step.started';
        stepId: string;
        item?: number;
        attempt: number;
        /** The resolved input (kept, so a replay runs the same call). */
        input: unknown;
        idempotencyKey: string;
      }
    | { type: 'step.succeeded'; stepId: string; item?: number; attempt: number; output: unknown; durationMs: number }
    | {
        type: 'step.failed';
        stepId: string;
        item?: number;
        attempt: number;
        error: SerializedError;
        durationMs: number;
        /** False when a retry follows (see step.retrying). */
        final: boolean;
      }
    | { type: 'step.retrying'; stepId: string; item?: number; attempt: number; dueAt: number; delayMs: number }
    | { type: 'step.compensated'; stepId: string; output?: unknown; error?: SerializedError }
  );

export type RunEventType = RunEvent['type'];

/** One attempt of a step (or of one fan-out item), as the run view shows it. */
export interface AttemptState {
  attempt: number;
  startedAt: number;
  finishedAt?: number;
  error?: SerializedError;
}

/** The state of one step (or one fan-out item). */
export interface StepState {
  stepId: string;
  status: StepStatus;
  attempts: AttemptState[];
  input?: unknown;
  output?: unknown;
  error?: SerializedError;
  idempotencyKey?: string;
  startedAt?: number;
  finishedAt?: number;
  /** When a retry is due (status 'retrying'). */
  retryAt?: number;
  skipReason?: string;
  /** Fan-out: one state per element once expanded. */
  items?: StepState[];
  compensation?: { output?: unknown; error?: SerializedError };
  /** Copied from an earlier run (re-run from a failed step). */
  copiedFrom?: string;
}

/** A run's state, folded from its log. */
export interface RunState {
  runId: string;
  workflow: WorkflowDefinition;
  inputs: Record<string, unknown>;
  principal: string;
  origin: RunOrigin;
  status: RunStatus;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  steps: Record<string, StepState>;
  output?: unknown;
  error?: SerializedError & { stepId?: string };
  lastSeq: number;
}
