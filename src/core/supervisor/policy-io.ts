/**
 * Policy files: export of the policies (and optionally the grants) as JSON, and import all or nothing: the file is
 * checked first (every problem located), then written in one transaction, so a half-imported file cannot exist.
 */
import { CometError } from '../errors.js';
import type { CometDB } from '../../db/db.js';
import type { GrantStore } from './grant-store.js';
import { POLICY_FILE_FORMAT } from './policy-schema.js';
import type { PolicyStore } from './policy-store.js';
import { readPolicyFile, type PolicyFile } from './policy-validation.js';
import { formatProblems } from './problems.js';

/** The policies (and, with grants, the grants) as a policy file's JSON text. */
export function exportPolicyFile(policies: PolicyStore, grants: GrantStore | undefined, now: number): string {
  const file: PolicyFile = {
    format: POLICY_FILE_FORMAT,
    version: 1,
    exportedAt: new Date(now).toISOString(),
    policies: structuredClone([...policies.list()]),
    ...(grants ? { grants: structuredClone(grants.list()) } : {}),
  };
  return JSON.stringify(file, null, 2);
}

/**
 * Imports a policy file (JSON text or parsed) in one transaction; `replace` first deletes the policies it does not
 * hold. Throws policy-file-invalid with every problem located, having changed nothing.
 */
export async function importPolicyFile(
  db: CometDB,
  json: unknown,
  replace: boolean,
): Promise<{ policyIds: string[]; grantIds: string[] }> {
  const { file, problems } = readPolicyFile(json);
  if (!file) throw new CometError('policy-file-invalid', { problems: formatProblems(problems), list: problems });
  await db.transaction('rw', db.policies, db.grants, async () => {
    if (replace) await db.policies.clear();
    await db.policies.bulkPut(file.policies);
    if (file.grants?.length) await db.grants.bulkPut(file.grants);
  });
  return { policyIds: file.policies.map((p) => p.id), grantIds: (file.grants ?? []).map((g) => g.id) };
}
