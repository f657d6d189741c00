/** The workflow model: pure functions on workflow definitions (no DOM, no time), used by the engine and the views. */
export * from './types.js';
export { formatDuration, parseDuration } from './duration.js';
export {
  childPointer,
  formatPath,
  hasReferences,
  lookupPath,
  parsePath,
  REFERENCE_ROOTS,
  referencesIn,
  resolveValue,
  scanReferences,
  singleReference,
  stepsReferenced,
} from './references.js';
export type {
  BadReference,
  FoundReference,
  LookupResult,
  PathSegments,
  ReferenceRoot,
  ReferenceScope,
} from './references.js';
export {
  CONDITION_OPERATORS,
  conditionProblems,
  deepEqual,
  describeCondition,
  evaluateCondition,
  isEmpty,
  isTruthy,
} from './conditions.js';
export { declaredDependencies, downstreamOf, findCycle, stepDependencies, topologicalLayers } from './graph.js';
export { DEFAULT_STEP_ATTEMPTS, toRetryPolicy } from './retry-policy.js';
export { WORKFLOW_FORMAT, WORKFLOW_SCHEMA_ID, workflowSchema } from './schema.js';
export { assertValidWorkflow, formatProblem, workflowProblems, type WorkflowCheckOptions } from './validate.js';
