/**
 * The grants a workflow needs against the grants its principal (workflow:<id>) has now, and granting the missing
 * ones in one write. Shared by "Grants needed" in the editor and the run dialog, so both say the same thing.
 */
import { errorMessage } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { covers, parseScope, type Grant } from '../../core/supervisor/index.js';
import { grantState } from '../supervisor/grant-state.js';
import type { SupervisorServices } from '../supervisor/supervisor-services.js';
import type { WorkflowDefinition } from './model/types.js';
import { workflowScopes, type ScopeNeed, type WorkflowScopes } from './services/workflow-scopes.js';

/** A needed scope and the active grant that covers it, if one does. */
export interface NeedState extends ScopeNeed {
  grant?: Grant;
}

/** What a workflow needs, each scope with the grant that covers it now. */
export interface GrantNeeds extends Omit<WorkflowScopes, 'needs'> {
  needs: NeedState[];
  /** The needs no active grant covers. */
  missing: NeedState[];
}

/** The principal a workflow's calls are made as. */
export const workflowPrincipal = (id: string): `workflow:${string}` => `workflow:${id}`;

/** What `definition` needs and which of it workflow:<id> has now (only active grants count). */
export function grantNeeds(
  definition: WorkflowDefinition,
  supervisor: Pick<SupervisorServices, 'capabilities' | 'clock' | 'supervisor'>,
): GrantNeeds {
  const found = workflowScopes(definition, supervisor.capabilities);
  const now = supervisor.clock.now();
  const grants = supervisor.supervisor.grants
    .forPrincipal(workflowPrincipal(definition.id))
    .filter((g) => grantState(g, now).state === 'active');
  const needs = found.needs.map((need) => ({ ...need, grant: grants.find((g) => grantCovers(g, need.scope)) }));
  return { ...found, needs, missing: needs.filter((n) => !n.grant) };
}

/** Adds a standing grant to workflow:<id> for every missing scope: all of them in one write, or none. */
export async function grantMissing(
  definition: WorkflowDefinition,
  supervisor: Pick<SupervisorServices, 'capabilities' | 'clock' | 'supervisor'>,
): Promise<number> {
  const missing = grantNeeds(definition, supervisor).missing;
  if (!missing.length) return 0;
  const now = supervisor.clock.now();
  await supervisor.supervisor.grants.putAll(
    missing.map((need) => ({
      id: newId(),
      principal: workflowPrincipal(definition.id),
      scope: need.scope,
      createdAt: now,
      source: 'user',
      note: `Needed by the workflow "${definition.name || definition.id}" (${need.steps.join(', ')})`,
    })),
  );
  return missing.length;
}

/** The message shown when granting failed. */
export const notGranted = (error: unknown): string => `Nothing was granted: ${errorMessage(error)}`;

/** True when `grant`'s scope covers the needed `scope` (false for scopes that do not parse). */
function grantCovers(grant: Grant, scope: string): boolean {
  try {
    return covers(parseScope(grant.scope, true), parseScope(scope, false));
  } catch (error) {
    if (error instanceof Error) return false; // an unreadable scope covers nothing; the list shows it as missing
    throw error;
  }
}
