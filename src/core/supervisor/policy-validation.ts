/**
 * Checks policies, grants and policy files, and says where each problem is: the JSON Schema first (types, required
 * fields, unknown fields), then what a schema cannot express (principal patterns, paths, scopes, time zones,
 * duplicate ids). Every problem carries a path like 'policies[2].rule.windowMs'.
 */
import { validate, type JsonSchema } from '../capabilities/schema.js';
import { conditionProblem } from './conditions.js';
import { grantProblems } from './grants.js';
import { parsePath } from './paths.js';
import { policyFileSchema, policySchema } from './policy-schema.js';
import { principalPatternProblem } from './principals.js';
import { childPath, type LocatedProblem } from './problems.js';
import type { Grant, Policy } from './types.js';

/** A policy file as exportPolicies writes it. */
export interface PolicyFile {
  format: 'comet-policies';
  version: 1;
  exportedAt?: string;
  policies: Policy[];
  grants?: Grant[];
}

/** Messages for fields whose schema failures read better in words than as the validator's numbers. */
const FIELD_MESSAGES: Record<string, string> = {
  windowMs: 'must be a positive integer (milliseconds)',
  refillEveryMs: 'must be a positive integer (milliseconds)',
  timeoutMs: 'must be a positive integer (milliseconds)',
  expiresAfterMs: 'must be a positive integer (milliseconds)',
  capacity: 'must be a positive integer',
  id: 'must be 1–100 letters, digits, ".", "_" or "-"',
  start: 'must be a time HH:MM',
  end: 'must be a time HH:MM',
};

/** Schema problems of `value`, located under `base`. */
function schemaProblems(schema: JsonSchema, value: unknown, base: string): LocatedProblem[] {
  const result = validate(schema, value);
  if (result.ok) return [];
  const seen = new Set<string>();
  const problems: LocatedProblem[] = [];
  for (const error of result.errors) {
    const path = error.path ? (base ? joinPaths(base, error.path) : error.path) : base || '(root)';
    const field = /([A-Za-z_$][\w$]*)$/.exec(path)?.[1] ?? '';
    let message = error.message;
    if (message !== 'is required' && message !== 'is not allowed' && FIELD_MESSAGES[field])
      message = FIELD_MESSAGES[field];
    if (field === 'max' && message !== 'is required') message = 'must be a positive number';
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) problems.push({ path, message });
    seen.add(key);
  }
  return problems;
}

/** True when `path` is `base` or inside it ('grants[1].scope' is inside 'grants[1]', 'grants[10]' is not). */
const within = (path: string, base: string) =>
  path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);

const joinPaths = (base: string, rest: string) => (rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest}`);

/** What is wrong with one policy (paths under `base`), or [] when it is valid. */
export function policyProblems(policy: unknown, base = ''): LocatedProblem[] {
  const problems = schemaProblems(policySchema, policy, base);
  if (problems.length) return problems;
  const p = policy as Policy;
  const at = (sub: string, message: string) => problems.push({ path: base ? `${base}.${sub}` : sub, message });
  const pathProblem = (sub: string, text: string) => {
    try {
      parsePath(text);
    } catch (error) {
      at(sub, (error as Error).message);
    }
  };
  if (p.principal !== undefined) {
    const problem = principalPatternProblem(p.principal);
    if (problem) at('principal', problem);
  }
  if (p.capability !== undefined && !/^[A-Za-z0-9_.*-]+$/.test(p.capability))
    at('capability', 'must be a capability name or glob (letters, digits, ".", "_", "-", "*")');
  p.when?.forEach((condition, i) => {
    const problem = conditionProblem(condition);
    if (problem) at(`when[${i}]`, problem);
  });
  const rule = p.rule;
  if ('groupBy' in rule)
    rule.groupBy?.forEach((by, i) => by.startsWith('input:') && pathProblem(`rule.groupBy[${i}]`, by.slice(6)));
  if (rule.kind === 'total' || rule.kind === 'lookup') pathProblem('rule.path', rule.path);
  if (rule.kind === 'total' && !/^(input|output)(\.|\[|$)/.test(rule.path))
    at('rule.path', "must start with 'input.' or 'output.' (where the call reports the amount)");
  if (rule.kind === 'lookup') {
    rule.from.paths.forEach((text, i) => pathProblem(`rule.from.paths[${i}]`, text));
    rule.from.paths.forEach((text, i) => {
      if (!/^(input|output|\*\*)(\.|\[|$)/.test(text))
        at(`rule.from.paths[${i}]`, "must start with 'input.' or 'output.' of the earlier call");
    });
  }
  if (rule.kind === 'ordering') {
    const { capability, approval, sameInput } = rule.after;
    if ((capability === undefined) === (approval === undefined))
      at('rule.after', 'must name either a capability or approval: true');
    if (approval && sameInput?.length) at('rule.after.sameInput', 'applies only after a capability');
    sameInput?.forEach((text, i) => pathProblem(`rule.after.sameInput[${i}]`, text));
  }
  return problems;
}

/** What is wrong with a policy file (already parsed from JSON), or [] when it is valid. */
export function policyFileProblems(file: unknown): LocatedProblem[] {
  const problems = schemaProblems(policyFileSchema, file, '');
  const f = file as Partial<PolicyFile> | null;
  if (typeof f !== 'object' || f === null || !Array.isArray(f.policies)) return problems;
  const failed = new Set(problems.map((p) => /^policies\[(\d+)\]/.exec(p.path)?.[1]).filter(Boolean));
  const ids = new Map<string, number>();
  f.policies.forEach((policy, i) => {
    const base = `policies[${i}]`;
    if (!failed.has(String(i))) problems.push(...policyProblems(policy, base));
    const id = (policy as Partial<Policy> | null)?.id;
    if (typeof id !== 'string') return;
    const first = ids.get(id);
    if (first !== undefined)
      problems.push({ path: `${base}.id`, message: `"${id}" is also the id of policies[${first}]` });
    else ids.set(id, i);
  });
  const grantIds = new Map<string, number>();
  f.grants?.forEach((grant, i) => {
    const base = childPath('grants', i);
    if (!problems.some((p) => within(p.path, base))) problems.push(...grantProblems(grant, base));
    const first = grantIds.get(grant?.id);
    if (first !== undefined)
      problems.push({ path: `${base}.id`, message: `"${grant.id}" is also the id of grants[${first}]` });
    else if (typeof grant?.id === 'string') grantIds.set(grant.id, i);
  });
  return problems;
}

/** Parses a policy file's text (a string), or takes already parsed JSON, and returns its problems, or the file when it has none. */
export function readPolicyFile(
  json: unknown,
): { file: PolicyFile; problems: [] } | { file?: undefined; problems: LocatedProblem[] } {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (error) {
      return { problems: [{ path: '(root)', message: `is not JSON: ${(error as Error).message}` }] };
    }
  }
  const problems = policyFileProblems(data);
  return problems.length ? { problems } : { file: data as PolicyFile, problems: [] };
}
