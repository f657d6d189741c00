import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  downstreamOf,
  findCycle,
  stepDependencies,
  topologicalLayers,
} from '../../../../src/modules/workflows/model/graph.js';
import type { WorkflowStep } from '../../../../src/modules/workflows/model/types.js';

const step = (id: string, extra: Partial<WorkflowStep> = {}): WorkflowStep => ({ id, capability: 'noop', ...extra });

describe('stepDependencies', () => {
  it('joins needs with the steps named by input, if, forEach and flow-control keys', () => {
    const steps = [
      step('a'),
      step('b'),
      step('c'),
      step('d'),
      step('e'),
      step('f', {
        needs: ['a'],
        input: { x: '{{steps.b.output}}' },
        if: { left: '{{steps.c.output.ok}}', op: 'truthy' },
        forEach: '{{steps.d.output.items}}',
        concurrency: { limit: 1, key: '{{steps.e.output.host}}' },
      }),
    ];
    expect([...stepDependencies({ steps }).get('f')!].sort()).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });

  it('does not count until and onError references, or steps that do not exist', () => {
    const steps = [
      step('a'),
      step('b', {
        until: { left: '{{output.done}}', op: 'truthy' },
        onError: { compensate: { capability: 'x', input: '{{steps.a.output}}' } },
        needs: ['ghost'],
      }),
    ];
    expect([...stepDependencies({ steps }).get('b')!]).to.deep.equal([]);
  });
});

describe('findCycle', () => {
  it('names the loop, first step repeated at the end', () => {
    const steps = [step('fetch', { needs: ['parse'] }), step('parse', { input: '{{steps.fetch.output}}' }), step('z')];
    expect(findCycle({ steps })).to.deep.equal(['fetch', 'parse', 'fetch']);
    expect(findCycle({ steps: [step('self', { input: '{{steps.self.output}}' })] })).to.deep.equal(['self', 'self']);
    expect(findCycle({ steps: [step('a'), step('b', { needs: ['a'] })] })).to.equal(undefined);
  });
});

describe('topologicalLayers', () => {
  it('puts independent steps in one layer, in definition order', () => {
    const steps = [
      step('c'),
      step('a'),
      step('join', { needs: ['c', 'a'] }),
      step('b'),
      step('last', { needs: ['join'] }),
    ];
    expect(topologicalLayers({ steps })).to.deep.equal([['c', 'a', 'b'], ['join'], ['last']]);
  });

  it('throws naming the loop when there is one', () => {
    expect(() => topologicalLayers({ steps: [step('a', { needs: ['b'] }), step('b', { needs: ['a'] })] })).to.throw(
      /a → b → a/,
    );
  });

  it('places every step after all of its dependencies, for any acyclic graph', () => {
    // Each step may depend only on earlier ones, so the graph is acyclic; its order is then shuffled.
    const dag = fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 1, maxLength: 30 }).chain((deps) =>
      fc.shuffledSubarray(
        deps.map((d, i) => ({ i, d })),
        { minLength: deps.length, maxLength: deps.length },
      ),
    );
    fc.assert(
      fc.property(dag, (nodes) => {
        const steps = nodes.map(({ i, d }) =>
          step(`s${i}`, { needs: i === 0 ? [] : [...new Set(d.map((n) => `s${n % i}`))] }),
        );
        const layers = topologicalLayers({ steps });
        const layerOf = new Map(layers.flatMap((ids, n) => ids.map((id) => [id, n] as const)));
        expect(layerOf.size).to.equal(steps.length);
        for (const s of steps)
          for (const dep of s.needs ?? []) expect(layerOf.get(dep)!).to.be.lessThan(layerOf.get(s.id)!);
      }),
    );
  });
});

describe('downstreamOf', () => {
  it('returns the step and everything that depends on it, transitively', () => {
    const steps = [
      step('a'),
      step('b', { needs: ['a'] }),
      step('c', { input: '{{steps.b.output}}' }),
      step('d'),
      step('e', { needs: ['d', 'c'] }),
    ];
    expect([...downstreamOf({ steps }, 'b')].sort()).to.deep.equal(['b', 'c', 'e']);
    expect([...downstreamOf({ steps }, 'd')].sort()).to.deep.equal(['d', 'e']);
  });
});
