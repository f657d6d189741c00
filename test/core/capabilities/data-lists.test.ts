import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { MAX_DATA_CHARS } from '../../../src/core/capabilities/builtins/index.js';
import { isCometError, type CometError } from '../../../src/core/errors.js';
import { hostRig, rejection, type HostRig } from './rig.js';

/** The 'invalid-input' error of a call that must fail (fails the test otherwise). */
async function badInput(promise: Promise<unknown>): Promise<CometError> {
  const error = await rejection(promise);
  expect(isCometError(error, 'invalid-input'), String(error)).to.be.true;
  return error as CometError;
}

const people = [
  { id: 1, name: 'Ada', age: 36, user: { email: 'ada@example.com', role: 'admin' }, tags: ['math', 'code'] },
  { id: 2, name: 'Grace', age: 85, user: { email: 'grace@example.com', role: 'user' }, tags: ['navy'] },
  { id: 3, name: 'Linus', age: 28, user: { role: 'user' }, tags: [] },
];

describe('data.pick, data.map and data.filter', () => {
  let r: HostRig;
  beforeEach(async () => {
    r = await hostRig();
  });
  afterEach(() => r.close());

  it('need no grant: an agent without grants calls each of them', async () => {
    await r.host.invoke(r.agent, 'data.pick', { value: {}, fields: ['a'] });
    await r.host.invoke(r.agent, 'data.map', { items: [], template: {} });
    await r.host.invoke(r.agent, 'data.filter', { items: [], where: { op: 'exists' } });
    const entries = await r.audit.query({ order: 'asc' });
    expect(entries.filter((e) => e.outcome === 'ok').map((e) => `${e.capability} ${e.rule}`)).to.deep.equal([
      'data.pick no-scope',
      'data.map no-scope',
      'data.filter no-scope',
    ]);
  });

  describe('data.pick', () => {
    it('keeps the named fields of one object, nesting dotted paths and leaving out missing ones', async () => {
      const out = await r.host.invoke(r.agent, 'data.pick', {
        value: people[0],
        fields: ['id', 'user.email', 'user.role', 'user.phone', 'nickname'],
      });
      expect(out).to.deep.equal({ value: { id: 1, user: { email: 'ada@example.com', role: 'admin' } } });
    });

    it('picks from every object of a list, and through lists inside them', async () => {
      const list = await r.host.invoke(r.agent, 'data.pick', { value: people, fields: ['name', 'user.email'] });
      expect(list).to.deep.equal({
        value: [
          { name: 'Ada', user: { email: 'ada@example.com' } },
          { name: 'Grace', user: { email: 'grace@example.com' } },
          { name: 'Linus', user: {} },
        ],
      });
      const nested = await r.host.invoke(r.agent, 'data.pick', {
        value: { order: 7, lines: [{ sku: 'a', qty: 2, price: 3 }, { sku: 'b', qty: 1 }, 'note'] },
        fields: ['lines.sku', 'lines.qty'],
      });
      expect(nested).to.deep.equal({ value: { lines: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }, {}] } });
    });

    it('keeps a whole field when both it and a path below it are named', async () => {
      for (const fields of [
        ['user', 'user.role'],
        ['user.role', 'user'],
      ]) {
        const out = await r.host.invoke(r.agent, 'data.pick', { value: people[1], fields });
        expect(out, fields.join()).to.deep.equal({ value: { user: people[1].user } });
      }
    });

    it('reads only own properties, and rejects malformed paths and values that are not objects', async () => {
      const proto = await r.host.invoke(r.agent, 'data.pick', { value: {}, fields: ['constructor', '__proto__'] });
      expect(proto).to.deep.equal({ value: {} });
      const empty = await badInput(r.host.invoke(r.agent, 'data.pick', { value: {}, fields: ['user..name'] }));
      expect(empty.message).to.contain('"user..name"');
      await badInput(r.host.invoke(r.agent, 'data.pick', { value: 'text', fields: ['a'] }));
      await badInput(r.host.invoke(r.agent, 'data.pick', { value: [1, 2], fields: ['a'] }));
    });

    it('never returns a field that was not asked for (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.jsonValue()),
          fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1 }),
          async (value, fields) => {
            const { value: picked } = (await r.host.invoke(r.agent, 'data.pick', { value, fields })) as {
              value: Record<string, unknown>;
            };
            for (const key of Object.keys(picked)) expect(fields).to.include(key);
            for (const key of fields) {
              if (Object.hasOwn(value, key)) expect(picked[key]).to.deep.equal(value[key]);
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  });

  describe('data.map', () => {
    it('builds one value per element, keeping the type of a lone placeholder', async () => {
      const out = await r.host.invoke(r.agent, 'data.map', {
        items: people.slice(0, 2),
        template: {
          n: '{{index}}',
          id: '{{item.id}}',
          label: '#{{index}} {{item.name}} ({{item.age}})',
          first: '{{item.tags[0]}}',
          tags: '{{item.tags}}',
          fixed: [true, null],
        },
      });
      const first = { n: 0, id: 1, label: '#0 Ada (36)', first: 'math', tags: ['math', 'code'], fixed: [true, null] };
      const items = (out as { items: unknown[] }).items;
      expect(items[0]).to.deep.equal(first);
      expect(items[1]).to.include({ n: 1, id: 2, label: '#1 Grace (85)', first: 'navy' });
      expect(items).to.have.length(2);
    });

    it('fails naming the element and placeholder with no value', async () => {
      const error = await badInput(
        r.host.invoke(r.agent, 'data.map', { items: people, template: { mail: '{{item.user.email}}' } }),
      );
      expect(error.message).to.contain('element 2').and.contain('{{item.user.email}}').and.contain('/template/mail');
      const syntax = await badInput(r.host.invoke(r.agent, 'data.map', { items: [1], template: '{{item..x}}' }));
      expect(syntax.message).to.contain('item..x');
    });

    it('writes \\{{ as a literal {{, and maps an empty list to an empty list', async () => {
      const out = await r.host.invoke(r.agent, 'data.map', { items: ['x'], template: '\\{{item}} = {{item}}' });
      expect(out).to.deep.equal({ items: ['{{item}} = x'] });
      expect(await r.host.invoke(r.agent, 'data.map', { items: [], template: '{{item.x}}' })).to.deep.equal({
        items: [],
      });
    });

    it('refuses a result over the size cap', async () => {
      const items = Array.from({ length: 20 }, (_, i) => i);
      const template = 'x'.repeat(MAX_DATA_CHARS / 10);
      const error = await badInput(r.host.invoke(r.agent, 'data.map', { items, template }));
      expect(error.message).to.contain(`the limit is ${MAX_DATA_CHARS}`);
    });
  });

  describe('data.filter', () => {
    const names = async (where: unknown, items: unknown[] = people) => {
      const out = (await r.host.invoke(r.agent, 'data.filter', { items, where })) as { items: { name: string }[] };
      return out.items.map((p) => p.name);
    };

    it('compares the value at a path with each operator', async () => {
      expect(await names({ path: 'age', op: 'gt', value: 30 })).to.deep.equal(['Ada', 'Grace']);
      expect(await names({ path: 'age', op: 'lte', value: 36 })).to.deep.equal(['Ada', 'Linus']);
      expect(await names({ path: 'user.role', op: 'eq', value: 'user' })).to.deep.equal(['Grace', 'Linus']);
      expect(await names({ path: 'user.role', op: 'ne', value: 'user' })).to.deep.equal(['Ada']);
      expect(await names({ path: 'tags', op: 'contains', value: 'navy' })).to.deep.equal(['Grace']);
      expect(await names({ path: 'name', op: 'contains', value: 'a' })).to.deep.equal(['Ada', 'Grace']);
      expect(await names({ path: 'tags', op: 'eq', value: [] })).to.deep.equal(['Linus']);
      expect(await names({ path: 'tags.0', op: 'gte', value: 'n' })).to.deep.equal(['Grace']);
    });

    it('requires every clause of a list to hold', async () => {
      const where = [
        { path: 'user.role', op: 'eq', value: 'user' },
        { path: 'age', op: 'lt', value: 50 },
      ];
      expect(await names(where)).to.deep.equal(['Linus']);
    });

    it('treats a missing value as matching only ne and exists: false', async () => {
      expect(await names({ path: 'user.email', op: 'exists' })).to.deep.equal(['Ada', 'Grace']);
      expect(await names({ path: 'user.email', op: 'exists', value: false })).to.deep.equal(['Linus']);
      expect(await names({ path: 'user.email', op: 'ne', value: 'ada@example.com' })).to.deep.equal(['Grace', 'Linus']);
      expect(await names({ path: 'user.email', op: 'lt', value: 'zzz' })).to.deep.equal(['Ada', 'Grace']);
    });

    it('does not order mismatched types, and tests the element itself without a path', async () => {
      const out = await r.host.invoke(r.agent, 'data.filter', {
        items: [5, '7', 12, null, 'b'],
        where: { op: 'gte', value: 6 },
      });
      expect(out).to.deep.equal({ items: [12] });
    });

    it('rejects a comparison without a value, a non-boolean exists and an unknown operator', async () => {
      const missing = await badInput(
        r.host.invoke(r.agent, 'data.filter', { items: people, where: [{ path: 'age', op: 'gt' }] }),
      );
      expect(missing.message).to.contain('where[0].value is required with op "gt"');
      const exists = await badInput(
        r.host.invoke(r.agent, 'data.filter', { items: people, where: { path: 'a', op: 'exists', value: 'yes' } }),
      );
      expect(exists.message).to.contain('true or false');
      await badInput(r.host.invoke(r.agent, 'data.filter', { items: people, where: { op: 'like', value: 1 } }));
    });

    it('keeps exactly the elements a clause holds for, in order (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ n: fc.integer({ min: 0, max: 9 }) })), fc.integer(), async (items, k) => {
          const out = (await r.host.invoke(r.agent, 'data.filter', {
            items,
            where: { path: 'n', op: 'gt', value: k % 10 },
          })) as { items: unknown[] };
          expect(out.items).to.deep.equal(items.filter((item) => item.n > k % 10));
        }),
        { numRuns: 25 },
      );
    });
  });
});
