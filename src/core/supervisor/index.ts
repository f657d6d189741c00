/**
 * The supervisor's public surface: what capabilities, the audit log, the checklist and the Settings views import.
 */
export { Supervisor, type SupervisorDeps, type AuthorizeOptions } from './supervisor.js';
export type { WouldHaveEvent } from './would-have.js';
export { PrincipalRegistry, PRINCIPAL_KINDS, principalIdProblem, principalMatches } from './principals.js';
export { GrantStore } from './grant-store.js';
export { PolicyStore } from './policy-store.js';
export { ApprovalQueue, MAX_ALLOW_FOR_MS, type ApprovalRequest } from './approvals.js';
export { SessionHistory } from './history.js';
export { netScope, keyScope, scopeKinds, defineScopeKind, parseScope, covers } from './scopes.js';
export { grantProblems, grantBlocker, compileGrant, grantEnd } from './grants.js';
export { describePolicy, describeGrant, describeDuration } from './describe.js';
export { policySchema, grantSchema, policyFileSchema, POLICY_FILE_FORMAT } from './policy-schema.js';
export { policyProblems, policyFileProblems, readPolicyFile, type PolicyFile } from './policy-validation.js';
export { WEEKDAYS, userTimeZone, describeWindow, localTime, inWindow } from './time-windows.js';
export { matchesGlob } from './paths.js';
export { CONDITION_OPS, describeCondition } from './conditions.js';
export type { LocatedProblem } from './problems.js';
export type { PendingApproval, ApprovalSettlement } from './events.js';
export type * from './types.js';
