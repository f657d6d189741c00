import { expect } from '@open-wc/testing';
import { isCometError } from '../../../../src/core/errors.js';
import {
  conditionProblems,
  describeCondition,
  evaluateCondition,
} from '../../../../src/modules/workflows/model/conditions.js';
import type { ReferenceScope } from '../../../../src/modules/workflows/model/references.js';
import type { Condition } from '../../../../src/modules/workflows/model/types.js';

const scope: ReferenceScope = {
  inputs: { limit: 10, name: 'beta', tags: ['x', { k: 1 }], empty: [], none: null },
  steps: { check: { status: 'succeeded', output: { status: 'done', count: 12, ok: false } } },
};
const holds = (condition: Condition) => evaluateCondition(condition, scope);

describe('evaluateCondition', () => {
  it('compares with deep equality after resolving references', () => {
    expect(holds({ left: '{{steps.check.output.status}}', op: 'eq', right: 'done' })).to.equal(true);
    expect(holds({ left: '{{inputs.tags}}', op: 'eq', right: ['x', { k: 1 }] })).to.equal(true);
    expect(holds({ left: '{{inputs.tags}}', op: 'ne', right: ['x'] })).to.equal(true);
  });

  it('orders numbers as numbers and strings as strings, and mismatched types never', () => {
    expect(holds({ left: '{{steps.check.output.count}}', op: 'gt', right: '{{inputs.limit}}' })).to.equal(true);
    expect(holds({ left: '{{inputs.limit}}', op: 'lte', right: 10 })).to.equal(true);
    expect(holds({ left: '{{inputs.name}}', op: 'lt', right: 'gamma' })).to.equal(true);
    expect(holds({ left: '{{inputs.limit}}', op: 'gt', right: '9' })).to.equal(false);
    expect(holds({ left: '{{inputs.limit}}', op: 'lt', right: '99' })).to.equal(false);
  });

  it('tests contains, in and matches', () => {
    expect(holds({ left: '{{inputs.name}}', op: 'contains', right: 'et' })).to.equal(true);
    expect(holds({ left: '{{inputs.tags}}', op: 'contains', right: { k: 1 } })).to.equal(true);
    expect(holds({ left: '{{inputs.name}}', op: 'in', right: ['alpha', 'beta'] })).to.equal(true);
    expect(holds({ left: 'gamma', op: 'in', right: ['alpha', 'beta'] })).to.equal(false);
    expect(holds({ left: '{{inputs.name}}', op: 'matches', right: '^b.t' })).to.equal(true);
    expect(holds({ left: '{{inputs.limit}}', op: 'matches', right: '1' })).to.equal(false);
  });

  it('throws invalid-argument for a regular expression that does not compile', () => {
    let error: unknown;
    try {
      holds({ left: 'x', op: 'matches', right: '(' });
    } catch (e) {
      error = e;
    }
    expect(isCometError(error, 'invalid-argument')).to.equal(true);
  });

  it('counts a missing reference as not existing under exists, and throws elsewhere', () => {
    expect(holds({ left: '{{steps.check.output.status}}', op: 'exists' })).to.equal(true);
    expect(holds({ left: '{{steps.check.output.nothing}}', op: 'exists' })).to.equal(false);
    expect(holds({ left: '{{inputs.none}}', op: 'exists' })).to.equal(true);
    expect(() => holds({ left: '{{steps.check.output.nothing}}', op: 'eq', right: 1 })).to.throw(/nothing/);
  });

  it('tests truthy and empty', () => {
    expect(holds({ left: '{{steps.check.output.ok}}', op: 'truthy' })).to.equal(false);
    expect(holds({ left: '{{inputs.empty}}', op: 'empty' })).to.equal(true);
    expect(holds({ left: '{{inputs.none}}', op: 'empty' })).to.equal(true);
    expect(holds({ left: {}, op: 'empty' })).to.equal(true);
    expect(holds({ left: '{{inputs.tags}}', op: 'empty' })).to.equal(false);
  });

  it('combines with all, any and not, and reads a bare string as the truthiness of its reference', () => {
    const done: Condition = { left: '{{steps.check.output.status}}', op: 'eq', right: 'done' };
    expect(holds({ all: [done, '{{inputs.name}}'] })).to.equal(true);
    expect(holds({ all: [done, '{{steps.check.output.ok}}'] })).to.equal(false);
    expect(holds({ any: ['{{steps.check.output.ok}}', done] })).to.equal(true);
    expect(holds({ not: '{{steps.check.output.ok}}' })).to.equal(true);
  });

  it('locates a missing reference inside a nested condition', () => {
    let error: unknown;
    try {
      evaluateCondition({ all: [{ not: { left: '{{inputs.x}}', op: 'truthy' } }] }, scope, '/steps/0/if');
    } catch (e) {
      error = e;
    }
    expect(isCometError(error, 'reference-missing')).to.equal(true);
    expect((error as { details: { at: string } }).details.at).to.equal('/steps/0/if/all/0/not/left');
  });
});

describe('describeCondition', () => {
  it('says a condition in words', () => {
    expect(describeCondition({ left: '{{steps.check.output.status}}', op: 'eq', right: 'done' })).to.equal(
      "steps.check.output.status equals 'done'",
    );
    expect(
      describeCondition({
        any: [{ left: '{{inputs.n}}', op: 'gte', right: 3 }, { not: '{{inputs.skip}}' }],
      }),
    ).to.equal('inputs.n is at least 3 or not inputs.skip is truthy');
    expect(describeCondition({ left: '{{inputs.url}}', op: 'matches', right: '^https:' })).to.equal(
      'inputs.url matches /^https:/',
    );
  });
});

describe('conditionProblems', () => {
  it('finds nothing wrong in a well-formed condition', () => {
    expect(
      conditionProblems({ all: [{ left: '{{inputs.a}}', op: 'exists' }, '{{inputs.b}}'] }, '/steps/0/if'),
    ).to.deep.equal([]);
  });

  it('locates unknown operators, missing sides, bad regexes and bad references', () => {
    const problems = conditionProblems(
      {
        all: [
          { left: '{{inputs.a}}', op: 'between', right: 1 },
          { left: '{{inputs.a}}', op: 'eq' },
          { left: '{{inputs.a}}', op: 'exists', right: 1 },
          { left: 'x', op: 'matches', right: '[' },
          { left: '{{nope.a}}', op: 'truthy' },
          'plain text',
          {},
        ],
      },
      '/steps/3/if',
    );
    expect(problems.map((p) => p.path)).to.deep.equal([
      '/steps/3/if/all/0/op',
      '/steps/3/if/all/1/right',
      '/steps/3/if/all/2/right',
      '/steps/3/if/all/3/right',
      '/steps/3/if/all/4/left',
      '/steps/3/if/all/5',
      '/steps/3/if/all/6',
    ]);
    expect(problems[4].kind).to.equal('bad-reference');
  });
});
