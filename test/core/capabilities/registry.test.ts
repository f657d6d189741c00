import { expect } from '@open-wc/testing';
import { EventBus } from '../../../src/core/bus.js';
import { CapabilityRegistry } from '../../../src/core/capabilities/registry.js';
import { nameProblem } from '../../../src/core/capabilities/names.js';
import type { CapabilityDefinition } from '../../../src/core/capabilities/types.js';
import { isCometError } from '../../../src/core/errors.js';

const capability = (name: string, extra: Partial<CapabilityDefinition> = {}): CapabilityDefinition => ({
  name,
  description: `Does ${name}.`,
  inputSchema: { type: 'object' },
  outputSchema: true,
  sideEffects: false,
  scopes: () => [],
  run: () => Promise.resolve(null),
  ...extra,
});

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('CapabilityRegistry', () => {
  it('registers, lists in name order, gets and unregisters', () => {
    const registry = new CapabilityRegistry();
    registry.register(capability('memory.search'));
    const off = registry.register(capability('http.request'));
    expect(registry.list().map((c) => c.name)).to.deep.equal(['http.request', 'memory.search']);
    expect(registry.get('http.request')?.description).to.equal('Does http.request.');
    off();
    expect(registry.has('http.request')).to.be.false;
    expect(registry.unregister('http.request')).to.be.false;
  });

  it('rejects a second capability with a taken name', () => {
    const registry = new CapabilityRegistry();
    registry.register(capability('kv.get'));
    const error = thrown(() => registry.register(capability('kv.get')));
    expect(isCometError(error, 'capability-exists')).to.be.true;
  });

  it('rejects names outside the grammar, saying why', () => {
    const registry = new CapabilityRegistry();
    for (const bad of [
      'request',
      'HTTP.request',
      'http.',
      'http..x',
      'plugin.csv-tools',
      'a.b__c',
      'a.b_',
      'a.1x',
      'a.b c',
    ]) {
      const error = thrown(() => registry.register(capability(bad)));
      expect(isCometError(error, 'capability-name'), bad).to.be.true;
    }
    for (const good of ['http.request', 'plugin.csv-tools.parse_rows', 'codegen.apply', 'memory.search.v2']) {
      expect(nameProblem(good), good).to.equal(undefined);
    }
  });

  it('rejects a definition without a description, schemas, or an object input', () => {
    const registry = new CapabilityRegistry();
    const noDescription = thrown(() => registry.register(capability('a.b', { description: ' ' })));
    expect((noDescription as Error).message).to.contain('needs a description');
    const stringInput = thrown(() => registry.register(capability('a.c', { inputSchema: { type: 'string' } })));
    expect((stringInput as Error).message).to.contain('input must be an object');
    expect(registry.list()).to.have.length(0);
  });

  it('publishes capabilities.changed on the bus for every change', () => {
    const bus = new EventBus();
    const registry = new CapabilityRegistry({ bus });
    const seen: unknown[] = [];
    bus.subscribe('capabilities.changed', (payload) => seen.push(payload));
    registry.register(capability('kv.set'));
    registry.register(capability('kv.get'));
    registry.unregister('kv.set');
    expect(seen).to.deep.equal([
      { change: 'registered', name: 'kv.set', names: ['kv.set'] },
      { change: 'registered', name: 'kv.get', names: ['kv.get', 'kv.set'] },
      { change: 'unregistered', name: 'kv.set', names: ['kv.get'] },
    ]);
  });

  it('describes capabilities as plain data that can cross to a worker', () => {
    const registry = new CapabilityRegistry();
    registry.register(capability('clock.now', { hints: { title: 'Now' } }));
    const [info] = registry.describe();
    expect(info).to.not.have.property('run');
    expect(structuredClone(info)).to.deep.equal(info);
    expect(info.hints?.title).to.equal('Now');
  });

  it('an unregister function does not remove a later capability of the same name', () => {
    const registry = new CapabilityRegistry();
    const offFirst = registry.register(capability('a.b'));
    registry.unregister('a.b');
    registry.register(capability('a.b', { description: 'Second.' }));
    offFirst();
    expect(registry.get('a.b')?.description).to.equal('Second.');
  });
});
