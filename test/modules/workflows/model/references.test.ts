import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CometError, isCometError } from '../../../../src/core/errors.js';
import {
  formatPath,
  lookupPath,
  parsePath,
  referencesIn,
  resolveValue,
  scanReferences,
  stepsReferenced,
  type ReferenceScope,
} from '../../../../src/modules/workflows/model/references.js';

const scope: ReferenceScope = {
  inputs: { city: 'Oslo', days: 3, 'odd key': 'yes' },
  steps: {
    fetch: { status: 'succeeded', output: { body: { items: [{ id: 7, tags: ['a'] }, { id: 8 }] }, ok: true } },
    skipped: { status: 'skipped' },
  },
  item: { host: 'example.com' },
  index: 2,
};

/** The error `fn` throws. */
function thrown(fn: () => unknown): CometError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CometError) return error;
    throw error;
  }
  throw new Error('expected a CometError');
}

describe('parsePath and formatPath', () => {
  it('reads names, indices and quoted keys after a root', () => {
    expect(parsePath('steps.fetch.output.body.items[0].id')).to.deep.equal([
      'steps',
      'fetch',
      'output',
      'body',
      'items',
      0,
      'id',
    ]);
    expect(parsePath(`inputs['key with space']["it's"]`)).to.deep.equal(['inputs', 'key with space', "it's"]);
    expect(parsePath('steps.my-step.output')).to.deep.equal(['steps', 'my-step', 'output']);
  });

  it('rejects unknown roots, operators and malformed brackets', () => {
    for (const bad of [
      'foo.bar',
      'inputs.a + 1',
      'inputs[',
      'inputs[-1]',
      "inputs['open",
      'inputs.',
      'inputs..a',
      '',
    ]) {
      expect(
        isCometError(
          thrown(() => parsePath(bad)),
          'invalid-argument',
        ),
        bad,
      ).to.equal(true);
    }
  });

  it('formats any segments so that parsePath reads them back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('inputs', 'steps', 'item', 'error'),
        fc.array(fc.oneof(fc.string(), fc.nat(1000))),
        (root, rest) => {
          const segments = [root, ...rest];
          const back = parsePath(formatPath(segments));
          expect(back.map(String)).to.deep.equal(segments.map(String));
        },
      ),
    );
  });
});

describe('lookupPath', () => {
  it('follows own properties only, never the prototype chain', () => {
    expect(lookupPath(scope, ['inputs', 'city'])).to.deep.equal({ found: true, value: 'Oslo' });
    expect(lookupPath(scope, ['inputs', 'constructor']).found).to.equal(false);
    expect(lookupPath(scope, ['inputs', 'city', 'length']).found).to.equal(false);
  });

  it('names the segment that is missing', () => {
    const result = lookupPath(scope, ['steps', 'fetch', 'output', 'itemz']);
    expect(result.found).to.equal(false);
    if (!result.found) expect(result.missing).to.match(/^steps\.fetch\.output has no field 'itemz'/);
    const outOfRange = lookupPath(scope, ['steps', 'fetch', 'output', 'body', 'items', 5]);
    if (!outOfRange.found) expect(outOfRange.missing).to.contain('has no element [5] (it has 2 elements)');
    const skipped = lookupPath(scope, ['steps', 'skipped', 'output']);
    if (!skipped.found) expect(skipped.missing).to.contain("its status is 'skipped'");
  });
});

describe('resolveValue', () => {
  it('keeps the type of a value referenced by a whole string', () => {
    expect(resolveValue('{{inputs.days}}', scope)).to.equal(3);
    expect(resolveValue('{{ steps.fetch.output.body.items[1] }}', scope)).to.deep.equal({ id: 8 });
    expect(resolveValue("{{inputs['odd key']}}", scope)).to.equal('yes');
  });

  it('renders references inside longer text as text, objects as JSON', () => {
    const input = {
      url: 'https://api.test/{{inputs.city}}?days={{inputs.days}}',
      note: 'item {{index}}: {{item}} ok={{steps.fetch.output.ok}}',
    };
    expect(resolveValue(input, scope)).to.deep.equal({
      url: 'https://api.test/Oslo?days=3',
      note: 'item 2: {"host":"example.com"} ok=true',
    });
    expect(resolveValue('x={{inputs.none}}', { inputs: { none: null } })).to.equal('x=null');
  });

  it('treats \\{{ as a literal {{ and never templates object keys', () => {
    expect(resolveValue('\\{{inputs.city}} is {{inputs.city}}', scope)).to.equal('{{inputs.city}} is Oslo');
    expect(resolveValue({ '{{inputs.city}}': 1 }, scope)).to.deep.equal({ '{{inputs.city}}': 1 });
  });

  it('throws reference-missing with the pointer of the string and the missing segment', () => {
    const error = thrown(() =>
      resolveValue({ body: { id: 'x{{steps.fetch.output.itemz}}' } }, scope, '/steps/1/input'),
    );
    expect(error.code).to.equal('reference-missing');
    expect(error.details.at).to.equal('/steps/1/input/body/id');
    expect(error.details.reference).to.equal('steps.fetch.output.itemz');
    expect(String(error.details.reason)).to.contain("steps.fetch.output has no field 'itemz'");
  });

  it('rejects a reference that cannot be parsed', () => {
    expect(thrown(() => resolveValue('{{inputs.a + 1}}', scope)).code).to.equal('invalid-argument');
    expect(thrown(() => resolveValue('{{inputs.a', scope)).code).to.equal('invalid-argument');
  });

  it('returns copies: changing the result changes neither the template nor the scope', () => {
    const result = resolveValue({ list: '{{steps.fetch.output.body.items}}' }, scope) as { list: { id: number }[] };
    result.list[0].id = 99;
    expect(scope.steps!.fetch.output).to.have.nested.property('body.items[0].id', 7);
  });

  it('never mutates its input and is idempotent on strings without references', () => {
    const json = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('{{'));
    fc.assert(
      fc.property(json, (value) => {
        const before = JSON.stringify(value);
        const result = resolveValue(value, scope);
        expect(JSON.stringify(value)).to.equal(before);
        expect(result).to.deep.equal(value);
        if (typeof value === 'object' && value !== null) expect(result).not.to.equal(value);
      }),
    );
  });
});

describe('referencesIn and stepsReferenced', () => {
  it('lists every reference with the pointer of its string', () => {
    const found = referencesIn({ a: ['{{inputs.x}} and {{steps.b.output}}'], 'c/d': '{{item}}' }, '/steps/0/input');
    expect(found.map((r) => [r.path, r.at])).to.deep.equal([
      ['inputs.x', '/steps/0/input/a/0'],
      ['steps.b.output', '/steps/0/input/a/0'],
      ['item', '/steps/0/input/c~1d'],
    ]);
  });

  it('reports bad syntax without throwing through scanReferences', () => {
    const { references, bad } = scanReferences(['{{nope.x}}', '{{inputs.ok}}']);
    expect(references.map((r) => r.path)).to.deep.equal(['inputs.ok']);
    expect(bad).to.have.length(1);
    expect(bad[0].at).to.equal('/0');
    expect(() => referencesIn(['{{nope.x}}'])).to.throw(CometError);
  });

  it('collects the ids of referenced steps', () => {
    const ids = stepsReferenced({ a: '{{steps.one.output}}', b: ["{{steps['two'].output.x}}", '{{inputs.steps}}'] });
    expect([...ids]).to.deep.equal(['one', 'two']);
  });
});
