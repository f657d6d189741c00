import { expect } from '@open-wc/testing';
import { isCometError, type CometError } from '../../../src/core/errors.js';
import { hostRig, rejection, type HostRig } from './rig.js';

describe('condition', () => {
  let r: HostRig;
  beforeEach(async () => {
    r = await hostRig();
  });
  afterEach(() => r.close());

  const check = (condition: unknown, assert?: boolean) =>
    r.host.invoke(r.agent, 'condition', { condition, ...(assert === undefined ? {} : { assert }) }, { stepId: 'gate' });

  it('evaluates a comparison of plain values and describes it, needing no grant', async () => {
    expect(await check({ left: 12, op: 'gt', right: 10 })).to.deep.equal({
      value: true,
      description: '12 is greater than 10',
    });
    expect(await check({ left: 'done', op: 'eq', right: 'pending' })).to.deep.equal({
      value: false,
      description: "'done' equals 'pending'",
    });
  });

  it('combines conditions with all, any and not', async () => {
    const condition = {
      all: [
        { left: [1, 2, 3], op: 'contains', right: 2 },
        { any: [{ left: 'a', op: 'in', right: ['x'] }, { not: { left: null, op: 'truthy' } }] },
      ],
    };
    const out = (await check(condition)) as { value: boolean; description: string };
    expect(out.value).to.be.true;
    expect(out.description).to.equal('[1,2,3] contains 2 and (\'a\' is one of ["x"] or not null is truthy)');
  });

  it('tests a bare value, as a resolved reference leaves it, for truthiness', async () => {
    expect(((await check(true)) as { value: boolean }).value).to.be.true;
    expect(((await check(0)) as { value: boolean }).value).to.be.false;
    expect(((await check('')) as { value: boolean }).value).to.be.false;
    expect(((await check({ status: 'ok' })) as { value: boolean }).value).to.be.true;
    expect(await check({ all: [1, 'yes'] })).to.deep.equal({
      value: true,
      description: "1 is truthy and 'yes' is truthy",
    });
  });

  it('reads values as they are: text that looks like a reference is compared, not resolved', async () => {
    expect(await check({ left: '{{steps.x.output}}', op: 'eq', right: '{{steps.x.output}}' })).to.include({
      value: true,
    });
    expect(((await check('{{inputs.missing}}')) as { value: boolean }).value).to.be.true;
    expect(await check({ left: null, op: 'exists' })).to.include({ value: true });
    expect(await check({ left: 'v1.2', op: 'matches', right: '^v\\d+\\.\\d+$' })).to.include({ value: true });
  });

  it('with assert: true fails the call when the condition is false, naming the step', async () => {
    expect(await check({ left: 3, op: 'lt', right: 5 }, true)).to.include({ value: true });
    const error = await rejection(check({ left: 'pending', op: 'eq', right: 'done' }, true));
    expect(isCometError(error, 'condition-not-met'), String(error)).to.be.true;
    expect((error as CometError).message).to.equal(
      "Step gate asserts a condition that does not hold: 'pending' equals 'done'.",
    );
  });

  it('rejects malformed conditions and bad patterns as invalid input, with the place', async () => {
    const cases: [unknown, string][] = [
      [{ left: 1, op: 'bigger', right: 0 }, '/condition/op'],
      [{ left: 1, op: 'eq' }, '/condition/right'],
      [{ left: 1, op: 'gt', right: 0, note: 'x' }, '/condition/note'],
      [{ all: [] }, '/condition/all'],
      [{ left: 'x', op: 'matches', right: '(' }, 'regular expression'],
    ];
    for (const [condition, words] of cases) {
      const error = await rejection(check(condition));
      expect(isCometError(error, 'invalid-input'), JSON.stringify(condition)).to.be.true;
      expect((error as Error).message).to.contain(words);
    }
  });
});
