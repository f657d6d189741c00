/**
 * "Save and resume": a run's state as a file — its summary row and its whole event log (which holds the workflow
 * as it was and the inputs). Loading checks the file completely before anything is written.
 */
import { CometError, errorMessage } from '../../../core/errors.js';
import { foldRun } from '../engine/run-state.js';
import type { RunEvent, RunRow, RunState } from '../engine/run-types.js';
import { formatProblem, workflowProblems, type WorkflowCheckOptions } from '../model/validate.js';

/** The format tag of a run file. */
export const RUN_FILE_FORMAT = 'comet-run/1';

/** What a run file holds. */
export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  exportedAt: string;
  run: Omit<RunRow, 'control'>;
  events: RunEvent[];
}

const invalid = (reason: string) => new CometError('run-file-invalid', { reason });

/** Parses and checks a run file; throws 'run-file-invalid' saying what is wrong. */
export function readRunFile(
  text: string,
  checks: WorkflowCheckOptions,
): { run: RunRow; events: RunEvent[]; state: RunState } {
  let file: Partial<RunFile>;
  try {
    file = JSON.parse(text) as Partial<RunFile>;
  } catch (error) {
    throw invalid(`It is not JSON (${errorMessage(error)}).`);
  }
  if (typeof file !== 'object' || file === null || file.format !== RUN_FILE_FORMAT) {
    throw invalid(`It is not a saved run (expected "format": "${RUN_FILE_FORMAT}").`);
  }
  const { run, events } = file;
  if (typeof run !== 'object' || run === null || typeof run.id !== 'string' || !run.id)
    throw invalid('It has no run id.');
  if (!Array.isArray(events) || events.length === 0) throw invalid('It has no events.');
  events.forEach((event: Partial<RunEvent>, i) => {
    if (typeof event !== 'object' || event === null) throw invalid(`Event ${i + 1} is not an object.`);
    if (event.runId !== run.id) throw invalid(`Event ${i + 1} belongs to another run (${String(event.runId)}).`);
    if (event.seq !== i + 1)
      throw invalid(`Event ${i + 1} has sequence number ${String(event.seq)}; the log has a gap or is out of order.`);
    if (typeof event.type !== 'string' || typeof event.time !== 'number')
      throw invalid(`Event ${i + 1} has no type or time.`);
  });
  if (events[0].type !== 'run.created') throw invalid('Its log does not begin with the run being created.');
  const state = foldRun(events);
  if (!state) throw invalid('Its log does not describe a run.');
  const problems = workflowProblems(state.workflow, checks);
  if (problems.length)
    throw invalid(`Its workflow has ${problems.length} problem(s); first: ${formatProblem(problems[0])}.`);
  return { run: { ...(run as RunRow), workflowId: state.workflow.id }, events, state };
}
