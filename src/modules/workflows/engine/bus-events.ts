/**
 * The orchestrator's bus topics: every state change of a run or step, so the monitor, the views and other modules
 * can follow without reading the database. Published by the engine (in the leader tab's worker) and carried to
 * every tab through the BroadcastChannel.
 */
import type { RunStatus, StepStatus } from './run-types.js';

declare module '../../../core/events.js' {
  interface CometEvents {
    /** A run was created or changed status or progress. */
    'workflow.run.changed': {
      runId: string;
      workflowId: string;
      status: RunStatus;
      stepsDone: number;
      stepsTotal: number;
    };
    /** A step (or one fan-out item) changed state. */
    'workflow.step.changed': {
      runId: string;
      workflowId: string;
      stepId: string;
      item?: number;
      status: StepStatus;
      attempt: number;
      /** Short reason for failed/retrying/skipped. */
      message?: string;
    };
    /** The engine could not write a run's log (a full disk): the run stopped in memory and resumes from its log. */
    'workflow.run.halted': { runId: string; workflowId: string; message: string };
    /** A client (any tab) queued a run or set a run's control field: the leader should look at the database. */
    'workflow.engine.wake': { runId?: string };
    /** Which tab runs the engine now; followers show it. */
    'workflow.engine.leader': { tabId: string; state: 'leading' | 'stopped' };
    /** A workflow definition was saved or deleted (the engine re-reads triggers). */
    'workflow.definitions.changed': { id: string };
  }
}

export {};
