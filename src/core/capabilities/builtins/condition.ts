/**
 * `condition`: evaluates a workflow Condition (src/modules/workflows/model/types.ts) whose references the engine has
 * already resolved, so `left` and `right` are plain values, and a bare value (what '{{steps.x.output.ok}}' became)
 * is tested for truthiness. With `assert: true` a false condition fails the call.
 */
import { CometError, isCometError } from '../../errors.js';
import {
  conditionProblems,
  describeCondition,
  evaluateCondition,
} from '../../../modules/workflows/model/conditions.js';
import type { Condition } from '../../../modules/workflows/model/types.js';
import type { CapabilityDefinition } from '../types.js';
import { badInput } from './data-limits.js';

const NAME = 'condition';
/** The longest description returned: a condition on a large value is still one readable line. */
const MAX_DESCRIPTION = 500;

/** The input of condition. */
export interface ConditionInput {
  condition: unknown;
  /** Fail with 'condition-not-met' when the condition is false. */
  assert?: boolean;
}

/** The output of condition. */
export interface ConditionOutput {
  value: boolean;
  /** The condition in words: "12 is greater than 10". */
  description: string;
}

/** True for an object written as a comparison or a combination (a plain object value is not one). */
function isConditionObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return ['all', 'any', 'not', 'op', 'left', 'right'].some((key) => key in value);
}

/**
 * The condition with every value moved into `values` and replaced by a reference to it ('{{inputs[3]}}'), so that
 * evaluateCondition reads values as they are and never takes text inside them ('{{…}}') for a reference; a bare value
 * becomes a truthiness test. `display` gets the same shape with the values themselves, for describeCondition.
 */
function quote(condition: unknown, values: unknown[]): { quoted: unknown; display: unknown } {
  const ref = (value: unknown) => `{{inputs[${values.push(value) - 1}]}}`;
  if (!isConditionObject(condition)) {
    const truthy = { left: condition, op: 'truthy' };
    return { quoted: { ...truthy, left: ref(condition) }, display: typeof condition === 'string' ? condition : truthy };
  }
  const quoted: Record<string, unknown> = {};
  const display: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(condition)) {
    if ((key === 'all' || key === 'any') && Array.isArray(value)) {
      const parts = value.map((part) => quote(part, values));
      quoted[key] = parts.map((p) => p.quoted);
      display[key] = parts.map((p) => p.display);
    } else if (key === 'not') {
      ({ quoted: quoted[key], display: display[key] } = quote(value, values));
    } else {
      quoted[key] = key === 'left' || key === 'right' ? ref(value) : value;
      display[key] = value;
    }
  }
  return { quoted, display };
}

/** The condition capability. */
export function condition(): CapabilityDefinition<ConditionInput, ConditionOutput> {
  return {
    name: NAME,
    description:
      'Evaluates a condition: { left, op, right } with op eq, ne, gt, gte, lt, lte, contains, in, matches, exists, ' +
      'truthy or empty, combined with all/any/not; a bare value is tested for truthiness. With assert: true a false ' +
      'condition fails the step.',
    inputSchema: {
      type: 'object',
      required: ['condition'],
      additionalProperties: false,
      properties: {
        condition: {
          description:
            "A condition: { left, op, right }, { all: [...] }, { any: [...] }, { not: ... }, or a reference such as '{{steps.check.output.ok}}'.",
        },
        assert: { type: 'boolean', default: false, description: 'Fail the step when the condition is false.' },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['value', 'description'],
      additionalProperties: false,
      properties: { value: { type: 'boolean' }, description: { type: 'string', maxLength: MAX_DESCRIPTION } },
    },
    sideEffects: false,
    source: 'builtin',
    hints: { title: 'Check a condition' },
    scopes: () => [],
    run: (input, ctx) => {
      const values: unknown[] = [];
      const { quoted, display } = quote(input.condition, values);
      const problem = conditionProblems(quoted, '/condition')[0];
      if (problem) throw badInput(NAME, `${problem.path}: ${problem.message}`);
      let value: boolean;
      try {
        value = evaluateCondition(quoted as Condition, { inputs: values }, '/condition');
      } catch (error) {
        // A bad regular expression under `matches`: the input is wrong, and no retry will change that.
        if (isCometError(error, 'invalid-argument')) throw badInput(NAME, error.message, error);
        throw error;
      }
      const full = describeCondition(display as Condition);
      const description = full.length > MAX_DESCRIPTION ? `${full.slice(0, MAX_DESCRIPTION - 1)}…` : full;
      if (!value && input.assert) {
        throw new CometError('condition-not-met', {
          step: ctx.context.stepId ?? NAME,
          condition: description,
          assert: true,
        });
      }
      return Promise.resolve({ value, description });
    },
  };
}
