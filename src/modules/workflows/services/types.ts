/**
 * What the workflow views use: saved workflows and templates (WorkflowStore), runs (RunClient) and the engine's
 * whereabouts (OrchestratorStatus). Views read lists with Dexie liveQuery on the tables (workflows, runs,
 * runEvents) and act only through these services.
 */
import type { RunOrigin, RunRow } from '../engine/run-types.js';
import type { WorkflowDefinition, WorkflowProblem } from '../model/types.js';

/** A template: a workflow plus what a person must know before running it. */
export interface WorkflowTemplate {
  /** The workflow it creates (its id is a suggestion; saving picks a free one). */
  workflow: WorkflowDefinition;
  /** 'builtin' (workflow-templates.json) or 'user' (saved by the user). */
  source: 'builtin' | 'user';
  /** One line per input: what to pass. */
  inputsDoc?: Record<string, string>;
  /** The grant scopes its steps need, e.g. 'net:https://api.example.com/*'. */
  grants?: string[];
  tags?: string[];
}

/** Saved workflows and templates. Every write validates first and is one transaction. */
export interface WorkflowStore {
  get(id: string): Promise<WorkflowDefinition | undefined>;
  /** Validates (throws CometError 'workflow-invalid' with `problems`) and saves; returns the saved definition. */
  save(definition: WorkflowDefinition): Promise<WorkflowDefinition>;
  /** Problems of a definition, located by JSON Pointer; [] when it can run. */
  problems(definition: unknown): WorkflowProblem[];
  /** Deletes a workflow; returns a function that puts it back (the undo of the toast). */
  delete(id: string): Promise<() => Promise<void>>;
  /** A free id based on `wanted` ('digest', 'digest-2', …). */
  freeId(wanted: string): Promise<string>;
  /** Imports a workflow file (one workflow, or `{ workflows: [...] }`): all or nothing. Returns the saved ids. */
  importFile(text: string): Promise<string[]>;
  /** The file text of a workflow, for download. */
  exportFile(id: string): Promise<string>;
  /** Built-in templates (served workflow-templates.json) and the user's own. */
  templates(): Promise<WorkflowTemplate[]>;
  /** Saves a workflow as a user template. */
  saveAsTemplate(definition: WorkflowDefinition): Promise<void>;
}

/** Starts and steers runs from any tab; the engine (in the leader tab) carries the commands out. */
export interface RunClient {
  /** Creates a run of a saved workflow (or of the given definition, e.g. an unsaved draft); resolves with its id. */
  start(
    workflow: string | WorkflowDefinition,
    inputs?: Record<string, unknown>,
    origin?: Partial<RunOrigin>,
  ): Promise<string>;
  pause(runId: string): Promise<void>;
  resume(runId: string): Promise<void>;
  /** Cancels: running steps are aborted through their AbortSignal. */
  cancel(runId: string): Promise<void>;
  /** A new run that keeps the outputs of the steps that do not depend on `stepId` and runs the rest again. */
  rerun(runId: string, stepId: string): Promise<string>;
  /** The run's state as a file ('comet-run/1'): its definition, inputs and event log. */
  exportRun(runId: string): Promise<string>;
  /** Loads a saved run file and lets the engine resume it; resolves with the run id. */
  importRun(text: string): Promise<string>;
  /** Resolves with the run's row once it has finished (succeeded, failed or cancelled). */
  waitFor(runId: string, signal?: AbortSignal): Promise<RunRow>;
  /** Deletes finished runs and their logs (one transaction). */
  deleteRuns(runIds: string[]): Promise<void>;
}

/** Where the engine runs, as this tab sees it. */
export interface OrchestratorStatus {
  /** 'leader': this tab runs the engine; 'follower': another tab does; 'starting'; 'unavailable' (see reason). */
  role: 'starting' | 'leader' | 'follower' | 'unavailable';
  reason?: string;
}
