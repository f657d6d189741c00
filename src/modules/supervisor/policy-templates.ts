/**
 * Policies to start from in the editor, one per kind of rule. Each starts in log-only mode, so a person sees what
 * it would block before turning it on.
 */
import type { Policy } from '../../core/supervisor/index.js';

/** A starting point for a new policy. */
export interface PolicyTemplate {
  id: string;
  title: string;
  policy: Policy;
}

/** The templates, in the order the editor offers them. */
export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'count',
    title: 'Sliding-window count per host',
    policy: {
      id: 'agents-per-host-hourly',
      name: 'At most 20 requests per host per hour for each agent',
      mode: 'log-only',
      principal: 'agent:*',
      capability: 'http.request',
      rule: { kind: 'count', max: 20, windowMs: 3_600_000, groupBy: ['principal', 'host'] },
    },
  },
  {
    id: 'total',
    title: 'Daily spend total',
    policy: {
      id: 'daily-spend',
      name: 'At most $5 of reported spend per day',
      mode: 'log-only',
      capability: 'http.request',
      rule: { kind: 'total', path: 'output.usage.costUsd', max: 5, windowMs: 86_400_000, unit: 'USD' },
    },
  },
  {
    id: 'ordering',
    title: 'Ordering: apply only after validate',
    policy: {
      id: 'apply-after-validate',
      name: 'Apply code only after validating the same files',
      mode: 'log-only',
      capability: 'codegen.apply',
      rule: { kind: 'ordering', after: { capability: 'codegen.validate', sameInput: ['files'] } },
    },
  },
  {
    id: 'lookup',
    title: 'Look up before acting',
    policy: {
      id: 'update-looked-up-records',
      name: 'Update only records this run looked up',
      mode: 'log-only',
      capability: 'crm.update',
      rule: { kind: 'lookup', path: 'id', from: { capability: 'crm.search', paths: ['output.items[*].id'] } },
    },
  },
  {
    id: 'approval',
    title: 'Approval required',
    policy: {
      id: 'approve-posts',
      name: 'A person approves every POST',
      mode: 'log-only',
      capability: 'http.request',
      when: [{ path: 'method', op: 'equals', value: 'POST' }],
      rule: { kind: 'approval', timeoutMs: 300_000 },
    },
  },
  {
    id: 'rate',
    title: 'Token-bucket rate',
    policy: {
      id: 'key-rate',
      name: 'Bursts of 10 calls per API key, then one every 6 seconds',
      mode: 'log-only',
      capability: 'http.request',
      rule: { kind: 'rate', capacity: 10, refillEveryMs: 6000, groupBy: ['key'] },
    },
  },
];
