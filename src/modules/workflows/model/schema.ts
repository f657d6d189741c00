/**
 * The published JSON Schema (draft 2020-12) of workflow files, as dist/schemas/workflow.schema.json: editors use it
 * for completion and inline help (every field has a description), and validate.ts checks files with it before the
 * checks a schema cannot express (references, the step graph, capabilities). Plain data, no imports.
 */

/** The format tag of one workflow. */
export const WORKFLOW_FORMAT = 'comet-workflow/1';

/** The address the schema is published under. */
export const WORKFLOW_SCHEMA_ID = 'https://comet.invalid/schemas/workflow.schema.json';

/** Amounts and units ('250ms', '2s', '5m', '1h', '1d', '1m30s'); model/duration.ts reads them. */
const DURATION_PATTERN = '^\\s*(?:(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:ms|s|m|h|d)\\s*)+$';

const positiveInteger = { type: 'integer', minimum: 1 } as const;
const template = (description: string) => ({ type: 'string', minLength: 1, description }) as const;

const defs = {
  duration: {
    type: ['number', 'string'],
    minimum: 0,
    pattern: DURATION_PATTERN,
    description: "Milliseconds, or text with units: '500ms', '30s', '5m', '1h', '1d', combined as in '1m30s'.",
  },
  retryPolicy: {
    type: 'object',
    description:
      "How failed attempts are retried (Temporal's fields). Unset fields take the workflow's defaults, then the platform's.",
    properties: {
      initialInterval: { $ref: '#/$defs/duration', description: "Delay before the first retry (default '1s')." },
      backoffCoefficient: {
        type: 'number',
        minimum: 1,
        description: 'Each further delay is the previous one times this (default 2).',
      },
      maximumInterval: {
        $ref: '#/$defs/duration',
        description: 'The longest delay between attempts (default 100 × initialInterval).',
      },
      maximumAttempts: {
        type: 'integer',
        minimum: 0,
        description:
          'Attempts in all, the first included; 0 = unlimited (default 0; a step with no policy anywhere gets 3).',
      },
      nonRetryableErrorTypes: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: "Error names or codes that fail at once, e.g. 'capability-denied', 'invalid-input'.",
      },
      jitter: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Random spread of each delay, as a fraction of it (default 0.2).',
      },
      respectRetryAfter: {
        type: 'boolean',
        description: 'A 429/503 answer with Retry-After waits at least that long (default true).',
      },
    },
    additionalProperties: false,
  },
  condition: {
    type: ['string', 'object'],
    description:
      "A condition: one reference tested for truthiness ('{{steps.check.output.ok}}'), a comparison " +
      '{ left, op, right }, or { all: [...] }, { any: [...] }, { not: ... }.',
    if: { type: 'object' },
    then: { $ref: '#/$defs/conditionObject' },
    else: { type: 'string', minLength: 1 },
  },
  conditionObject: {
    type: 'object',
    minProperties: 1,
    properties: {
      left: { description: "The value tested, usually a reference: '{{steps.fetch.output.status}}'." },
      op: {
        enum: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'in', 'matches', 'exists', 'truthy', 'empty'],
        description:
          'eq/ne: deep equality; gt/gte/lt/lte: numbers or strings; contains: text or list; in: left is in the ' +
          'list on the right; matches: right is a regular expression; exists, truthy, empty: no right.',
      },
      right: { description: 'What left is compared with (a value or a reference); not used by exists/truthy/empty.' },
      all: {
        type: 'array',
        minItems: 1,
        items: { $ref: '#/$defs/condition' },
        description: 'Holds when every condition holds.',
      },
      any: {
        type: 'array',
        minItems: 1,
        items: { $ref: '#/$defs/condition' },
        description: 'Holds when at least one condition holds.',
      },
      not: { $ref: '#/$defs/condition', description: 'Holds when this condition does not.' },
    },
    additionalProperties: false,
  },
  concurrency: {
    type: 'object',
    required: ['limit'],
    description: 'At most `limit` at once, counted per value of `key` when it is given.',
    properties: {
      limit: { ...positiveInteger, description: 'How many may run at once.' },
      key: template("A template giving one counter per value, e.g. '{{item.host}}'. Keys are shared by workflows."),
    },
    additionalProperties: false,
  },
  throttle: {
    type: 'object',
    required: ['limit', 'period'],
    description: 'At most `limit` starts per `period`, per value of `key` when given; later starts wait their turn.',
    properties: {
      limit: { ...positiveInteger, description: 'Starts allowed per period.' },
      period: { $ref: '#/$defs/duration', description: "The period, e.g. '1m'." },
      key: template("A template giving one budget per value, e.g. '{{item.host}}'."),
    },
    additionalProperties: false,
  },
  errorHandler: {
    type: ['string', 'object'],
    description:
      "After the last attempt fails: 'fail' the run (default), 'continue' as if the step were skipped, or " +
      '{ compensate: { capability, input }, then } to run a compensation step first.',
    if: { type: 'string' },
    then: { enum: ['fail', 'continue'] },
    else: {
      type: 'object',
      required: ['compensate'],
      properties: {
        compensate: {
          type: 'object',
          required: ['capability'],
          description: 'A step run once to undo or report; its input may reference {{error.message}}, {{error.code}}.',
          properties: {
            capability: { type: 'string', minLength: 1, description: 'The capability the compensation calls.' },
            input: { description: 'Its input, with references ({{error.message}}, {{steps.<id>.output}}, …).' },
            timeout: { $ref: '#/$defs/duration', description: 'Longest the compensation may run.' },
          },
          additionalProperties: false,
        },
        then: {
          enum: ['fail', 'continue'],
          description: "After compensating: fail the run (default) or 'continue' as if the step had been skipped.",
        },
      },
      additionalProperties: false,
    },
  },
  step: {
    type: 'object',
    required: ['id'],
    description: 'One step: calls a capability, or runs a saved workflow (exactly one of the two).',
    properties: {
      id: {
        type: 'string',
        pattern: '^[A-Za-z][A-Za-z0-9_-]*$',
        maxLength: 100,
        description:
          "Unique in the workflow: letters, digits, '_' and '-', starting with a letter. Read as steps.<id>.",
      },
      name: { type: 'string', maxLength: 200, description: 'A human name (default: the id).' },
      capability: {
        type: 'string',
        minLength: 1,
        description: "The capability it calls, e.g. 'http.request', 'data.query', 'wait', 'condition'.",
      },
      workflow: {
        type: 'string',
        minLength: 1,
        description: "The id of a saved workflow to run as a sub-workflow (sugar for capability 'workflow.run').",
      },
      input: {
        description:
          "The capability's input (or the sub-workflow's inputs). Strings may reference data: '{{inputs.city}}', " +
          "'{{steps.fetch.output.body.items[0].id}}', '{{item}}'; a reference to a step makes it a dependency.",
      },
      needs: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Steps that must finish first, besides the ones its references name.',
      },
      if: {
        $ref: '#/$defs/condition',
        description: 'Run only if this holds; otherwise the step, and what depends on it, is skipped.',
      },
      forEach: template(
        "Fan-out: a reference to a list ('{{steps.list.output.items}}'); the step runs once per element, with " +
          '{{item}} and {{index}}, and its output is the list of outputs.',
      ),
      forEachConcurrency: { ...positiveInteger, description: 'At most this many elements at once (default 4).' },
      until: {
        $ref: '#/$defs/condition',
        description:
          "Retry until the output satisfies this ('{{output.status}}' reads the attempt's output); spaced by `retry`.",
      },
      retry: { $ref: '#/$defs/retryPolicy' },
      timeout: {
        $ref: '#/$defs/duration',
        description: "Longest one attempt may run (default: the workflow's defaults.timeout, else the capability's).",
      },
      concurrency: {
        $ref: '#/$defs/concurrency',
        description: 'At most N executions of this step at once, across all runs (per key when `key` is set).',
      },
      throttle: {
        $ref: '#/$defs/throttle',
        description: 'At most N starts of this step per period, across all runs (per key when `key` is set).',
      },
      onError: { $ref: '#/$defs/errorHandler' },
      acceptHttpErrors: {
        type: 'boolean',
        description:
          'http.request answers that are not 2xx fail the step (and are retried); true passes them on as output instead.',
      },
    },
    additionalProperties: false,
  },
  trigger: {
    type: 'object',
    required: ['type'],
    description: "What starts the workflow: 'manual', 'schedule' (cron) or 'event' (a bus topic).",
    properties: { type: { enum: ['manual', 'schedule', 'event'], description: 'The kind of trigger.' } },
    // One branch per type (not oneOf), so a bad field is reported inside its own trigger, with its own path.
    allOf: ['manual', 'schedule', 'event'].map((type) => ({
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: { $ref: `#/$defs/${type}Trigger` },
    })),
  },
  manualTrigger: {
    type: 'object',
    description: 'Started by hand: the Run button, an agent, the API.',
    properties: { type: { const: 'manual' } },
    additionalProperties: false,
  },
  scheduleTrigger: {
    type: 'object',
    required: ['type', 'cron'],
    description: 'Started on a cron schedule in a time zone.',
    properties: {
      type: { const: 'schedule' },
      cron: {
        type: 'string',
        minLength: 1,
        description: "Five or six fields (seconds optional): '0 9 * * 1-5' is 09:00 on weekdays.",
      },
      timezone: {
        type: 'string',
        minLength: 1,
        description: "IANA time zone, e.g. 'Europe/Oslo' (default: the user's zone when the trigger was saved).",
      },
      missed: {
        enum: ['skip', 'catch-up'],
        description: "Runs missed while the app was closed: 'skip' them (default) or 'catch-up' with one run.",
      },
      inputs: { type: 'object', description: 'Inputs of the runs it starts.' },
    },
    additionalProperties: false,
  },
  eventTrigger: {
    type: 'object',
    required: ['type', 'topic'],
    description: 'Started when a bus topic is published, by another module or tab.',
    properties: {
      type: { const: 'event' },
      topic: { type: 'string', minLength: 1, description: "A bus topic, or a pattern with '*' ('memory.*')." },
      debounce: {
        $ref: '#/$defs/duration',
        description: 'Wait until events stop for this long, then start one run with the last event.',
      },
      inputs: {
        type: 'object',
        description:
          'Inputs of the run; may reference {{event.<field>}} and {{topic}} (default: inputs.event = the payload).',
      },
    },
    additionalProperties: false,
  },
};

/** The JSON Schema of one workflow (WorkflowDefinition in model/types.ts). */
export const workflowSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: WORKFLOW_SCHEMA_ID,
  title: 'CometPlatform workflow',
  description: 'A workflow: its inputs, steps (a graph of capability calls), triggers and limits.',
  type: 'object',
  required: ['id', 'name', 'steps'],
  properties: {
    $schema: { type: 'string', description: 'The address of this schema, for editors.' },
    format: { const: WORKFLOW_FORMAT, description: `Always '${WORKFLOW_FORMAT}'.` },
    id: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9-]*$',
      maxLength: 100,
      description: "Stable id: lower-case letters, digits and '-'. Its steps act as the principal workflow:<id>.",
    },
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'The name people see.' },
    description: { type: 'string', maxLength: 5000, description: 'What it does, in a sentence or two.' },
    inputs: {
      type: 'object',
      description: 'JSON Schema of the run inputs (an object schema); the Run dialog is generated from it.',
    },
    steps: {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/$defs/step' },
      description: 'The steps. They run as soon as the steps they need have finished, in parallel where they can.',
    },
    triggers: {
      type: 'array',
      items: { $ref: '#/$defs/trigger' },
      description: "What starts it (default: [{ type: 'manual' }]).",
    },
    maxParallel: { ...positiveInteger, description: 'At most this many steps of one run at once (default 8).' },
    concurrency: {
      $ref: '#/$defs/concurrency',
      description: 'At most N runs of this workflow at once (per value of `key`, a template over {{inputs}}).',
    },
    defaults: {
      type: 'object',
      description: 'Defaults of every step.',
      properties: {
        retry: { $ref: '#/$defs/retryPolicy' },
        timeout: { $ref: '#/$defs/duration', description: 'Longest one attempt of a step may run.' },
      },
      additionalProperties: false,
    },
    output: {
      description:
        "The run's output, with references, e.g. '{{steps.summary.output}}' (default: every step's output by id).",
    },
    notes: { type: 'string', maxLength: 20000, description: 'Free text for templates: what it needs and does.' },
  },
  additionalProperties: false,
  $defs: defs,
} as const;
