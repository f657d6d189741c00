/**
 * The published JSON Schema (draft 2020-12) of policies, grants and the policy file that Settings imports and
 * exports. It is plain data: editors can use it for completion, and importPolicies validates files with it before
 * the semantic checks (principal patterns, paths, time zones) that a schema cannot express.
 */

const positiveInteger = { type: 'integer', minimum: 1 } as const;
const time = { type: 'number', description: 'Epoch milliseconds.' } as const;
const path = {
  type: 'string',
  minLength: 1,
  maxLength: 300,
  description: "A JSON Pointer ('/headers/accept') or dotted path ('output.usage.costUsd', 'items[*].id').",
} as const;
const glob = { type: 'string', minLength: 1, maxLength: 200 } as const;

const defs = {
  condition: {
    type: 'object',
    description: 'A condition on the value at `path` in the call input.',
    required: ['path', 'op'],
    properties: {
      path,
      op: { enum: ['equals', 'notEquals', 'oneOf', 'glob', 'urlPath', 'atMost', 'atLeast', 'exists'] },
      value: {
        description:
          'What to compare with: any JSON for equals/oneOf, a glob for glob/urlPath, a number for atMost/atLeast.',
      },
    },
    additionalProperties: false,
  },
  groupBy: {
    type: 'array',
    description:
      'Separate counts, totals or buckets per principal, capability, host, API key, run, or input value (input:<path>).',
    items: { type: 'string', pattern: '^(principal|capability|host|key|run|input:.+)$' },
    uniqueItems: true,
  },
  countRule: {
    type: 'object',
    required: ['kind', 'max', 'windowMs'],
    properties: {
      kind: { const: 'count' },
      max: positiveInteger,
      windowMs: positiveInteger,
      groupBy: { $ref: '#/$defs/groupBy' },
    },
    additionalProperties: false,
  },
  totalRule: {
    type: 'object',
    required: ['kind', 'path', 'max', 'windowMs'],
    properties: {
      kind: { const: 'total' },
      path: { ...path, description: "Where each call reports the amount, e.g. 'output.usage.costUsd'." },
      max: { type: 'number', exclusiveMinimum: 0 },
      windowMs: positiveInteger,
      unit: { type: 'string', maxLength: 20 },
      groupBy: { $ref: '#/$defs/groupBy' },
    },
    additionalProperties: false,
  },
  orderingRule: {
    type: 'object',
    required: ['kind', 'after'],
    properties: {
      kind: { const: 'ordering' },
      after: {
        type: 'object',
        description: 'What must have happened earlier in the run: a successful call of `capability`, or an approval.',
        properties: { capability: glob, approval: { const: true }, sameInput: { type: 'array', items: path } },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  lookupRule: {
    type: 'object',
    required: ['kind', 'path', 'from'],
    properties: {
      kind: { const: 'lookup' },
      path: { ...path, description: 'Where the call names the resource it acts on.' },
      from: {
        type: 'object',
        required: ['paths'],
        properties: {
          capability: glob,
          paths: {
            type: 'array',
            minItems: 1,
            items: path,
            description: "Where earlier calls saw resources: 'output.items[*].id'.",
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  approvalRule: {
    type: 'object',
    required: ['kind'],
    properties: { kind: { const: 'approval' }, timeoutMs: positiveInteger },
    additionalProperties: false,
  },
  rateRule: {
    type: 'object',
    required: ['kind', 'capacity', 'refillEveryMs'],
    properties: {
      kind: { const: 'rate' },
      capacity: positiveInteger,
      refillEveryMs: positiveInteger,
      groupBy: { $ref: '#/$defs/groupBy' },
    },
    additionalProperties: false,
  },
  rule: {
    type: 'object',
    required: ['kind'],
    properties: { kind: { enum: ['count', 'total', 'ordering', 'lookup', 'approval', 'rate'] } },
    // One branch per kind (not oneOf), so a bad field is reported inside its own rule, with its own path.
    allOf: ['count', 'total', 'ordering', 'lookup', 'approval', 'rate'].map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/$defs/${kind}Rule` },
    })),
  },
  policy: {
    type: 'object',
    required: ['id', 'mode', 'rule'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$' },
      name: { type: 'string', maxLength: 200 },
      mode: { enum: ['enforce', 'log-only'] },
      enabled: { type: 'boolean' },
      principal: { ...glob, description: "A principal id or glob: 'workflow:daily-digest', 'workflow:*', '*'." },
      capability: { ...glob, description: "A capability name or glob: 'http.request', 'codegen.*', '*'." },
      when: { type: 'array', items: { $ref: '#/$defs/condition' } },
      rule: { $ref: '#/$defs/rule' },
      note: { type: 'string', maxLength: 2000 },
    },
    additionalProperties: false,
  },
  window: {
    type: 'object',
    required: ['days', 'start', 'end'],
    properties: {
      days: { type: 'array', minItems: 1, items: { enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] } },
      start: { type: 'string', pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' },
      end: { type: 'string', pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' },
    },
    additionalProperties: false,
  },
  grant: {
    type: 'object',
    required: ['id', 'principal', 'scope', 'createdAt'],
    properties: {
      id: { type: 'string', minLength: 1, maxLength: 100 },
      principal: glob,
      scope: { type: 'string', minLength: 1, maxLength: 2000 },
      conditions: { type: 'array', items: { $ref: '#/$defs/condition' } },
      validFrom: time,
      validUntil: time,
      expiresAfterMs: positiveInteger,
      windows: { type: 'array', items: { $ref: '#/$defs/window' } },
      timeZone: { type: 'string', minLength: 1 },
      oneShot: { type: 'boolean' },
      consumedAt: time,
      createdAt: time,
      source: { enum: ['user', 'approval', 'probe', 'import', 'module'] },
      note: { type: 'string', maxLength: 2000 },
    },
    additionalProperties: false,
  },
};

/** The JSON Schema of one policy. */
export const policySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'CometPlatform supervisor policy',
  $ref: '#/$defs/policy',
  $defs: defs,
} as const;

/** The JSON Schema of one grant. */
export const grantSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'CometPlatform permission grant',
  $ref: '#/$defs/grant',
  $defs: defs,
} as const;

/** The format tag of policy files. */
export const POLICY_FILE_FORMAT = 'comet-policies';

/** The JSON Schema of a policy file, as exportPolicies writes it and importPolicies reads it. */
export const policyFileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'CometPlatform supervisor policy file',
  type: 'object',
  required: ['format', 'version', 'policies'],
  properties: {
    format: { const: POLICY_FILE_FORMAT },
    version: { const: 1 },
    exportedAt: { type: 'string' },
    policies: { type: 'array', items: { $ref: '#/$defs/policy' } },
    grants: { type: 'array', items: { $ref: '#/$defs/grant' } },
  },
  additionalProperties: false,
  $defs: defs,
} as const;
