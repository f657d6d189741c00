/**
 * The registry of capabilities: built-in modules and plugins register here the same way, and every change is
 * published on the bus ('capabilities.changed') so views, tool exports and plugin hosts stay in sync.
 * Registering a capability does not make it callable by anyone: calls go through CapabilityHost.invoke and
 * the supervisor.
 */
import type { EventBus } from '../bus.js';
import { CometError } from '../errors.js';
import { assertCapabilityName } from './names.js';
import type { JsonSchema } from './schema.js';
import type { CapabilityDefinition, CapabilityInfo, CapabilityName } from './types.js';

declare module '../events.js' {
  interface CometEvents {
    /** A capability was registered or unregistered; `names` is the whole registry afterwards, sorted. */
    'capabilities.changed': { change: 'registered' | 'unregistered'; name: string; names: string[] };
  }
}

/** Any definition, whatever its input and output types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- run/scopes are contravariant in their input
export type AnyCapability = CapabilityDefinition<any, any>;

/** The set of registered capabilities, by name. */
export class CapabilityRegistry {
  readonly #capabilities = new Map<CapabilityName, AnyCapability>();
  readonly #bus: EventBus | undefined;

  constructor(deps: { bus?: EventBus } = {}) {
    this.#bus = deps.bus;
  }

  /** Adds a capability; throws 'capability-name' for a bad name and 'capability-exists' for a taken one. Returns its unregister function. */
  register<I, O>(definition: CapabilityDefinition<I, O>): () => void {
    assertCapabilityName(definition.name);
    checkShape(definition);
    if (this.#capabilities.has(definition.name)) throw new CometError('capability-exists', { name: definition.name });
    const frozen = Object.freeze({ ...definition }) as AnyCapability;
    this.#capabilities.set(definition.name, frozen);
    this.#publish('registered', definition.name);
    return () => {
      if (this.#capabilities.get(definition.name) === frozen) this.unregister(definition.name);
    };
  }

  /** Removes a capability; returns whether it was there. */
  unregister(name: CapabilityName): boolean {
    if (!this.#capabilities.delete(name)) return false;
    this.#publish('unregistered', name);
    return true;
  }

  /** The definition named `name`, or undefined. */
  get(name: CapabilityName): AnyCapability | undefined {
    return this.#capabilities.get(name);
  }

  /** True when a capability of that name is registered. */
  has(name: CapabilityName): boolean {
    return this.#capabilities.has(name);
  }

  /** Every capability, sorted by name. */
  list(): AnyCapability[] {
    return [...this.#capabilities.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every capability as plain data (no functions): what a view or another tab or worker can be sent. */
  describe(): CapabilityInfo[] {
    return this.list().map(info);
  }

  #publish(change: 'registered' | 'unregistered', name: string): void {
    this.#bus?.publish('capabilities.changed', { change, name, names: this.list().map((c) => c.name) });
  }
}

/** A definition's data without its functions. */
export function info(definition: AnyCapability): CapabilityInfo {
  const { scopes: _scopes, run: _run, ...rest } = definition;
  return structuredClone(rest);
}

/** Rejects definitions a plugin or a typo could get wrong at run time. */
function checkShape(d: AnyCapability): void {
  const rules: [boolean, string][] = [
    [typeof d.description === 'string' && d.description.trim() !== '', 'it needs a description'],
    [isSchema(d.inputSchema), 'its inputSchema must be a JSON Schema object or a boolean'],
    [takesObject(d.inputSchema), "its input must be an object (inputSchema type 'object'), as tool calls pass one"],
    [isSchema(d.outputSchema), 'its outputSchema must be a JSON Schema object or a boolean'],
    [typeof d.sideEffects === 'boolean', 'it must say whether it has side effects (sideEffects: true or false)'],
    [typeof d.scopes === 'function' && typeof d.run === 'function', 'scopes and run must be functions'],
    [
      d.timeoutMs === undefined || (Number.isFinite(d.timeoutMs) && d.timeoutMs > 0),
      'timeoutMs must be a positive number',
    ],
  ];
  const broken = rules.find(([ok]) => !ok);
  if (broken) throw new CometError('invalid-argument', { what: `Capability ${d.name}`, reason: broken[1] });
}

const takesObject = (schema: JsonSchema) =>
  schema === true || (typeof schema === 'object' && (schema.type === undefined || schema.type === 'object'));

const isSchema = (schema: unknown) =>
  typeof schema === 'boolean' || (typeof schema === 'object' && schema !== null && !Array.isArray(schema));
