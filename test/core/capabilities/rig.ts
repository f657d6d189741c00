/**
 * A capability host on its own database and a ManualClock, wired to the real supervisor, audit log and vault,
 * with the built-ins registered and one principal issued.
 */
import Dexie from 'dexie';
import { AuditLog } from '../../../src/core/audit/index.js';
import { EventBus } from '../../../src/core/bus.js';
import { registerBuiltins, type BuiltinDeps } from '../../../src/core/capabilities/builtins/index.js';
import { CapabilityHost } from '../../../src/core/capabilities/invoke.js';
import { CapabilityRegistry } from '../../../src/core/capabilities/registry.js';
import type { CapabilityDefinition } from '../../../src/core/capabilities/types.js';
import { ManualClock } from '../../../src/core/clock.js';
import { Logger } from '../../../src/core/log.js';
import { PrincipalRegistry, Supervisor } from '../../../src/core/supervisor/index.js';
import type { Principal } from '../../../src/core/supervisor/types.js';
import { Vault } from '../../../src/core/vault/index.js';
import { CometDB } from '../../../src/db/db.js';

/** Everything a capability test touches. */
export interface HostRig {
  name: string;
  db: CometDB;
  /** The audit log's own connection: closing it makes every audit write fail. */
  auditDb: CometDB;
  clock: ManualClock;
  bus: EventBus;
  log: Logger;
  principals: PrincipalRegistry;
  supervisor: Supervisor;
  audit: AuditLog;
  vault: Vault;
  registry: CapabilityRegistry;
  host: CapabilityHost;
  /** An issued principal, with no grants yet. */
  agent: Principal;
  /** Grants `scope` to the agent. */
  grant(scope: string): Promise<void>;
  close(): Promise<void>;
}

/** A host on a fresh database at `start` (a Monday noon, UTC, by default). */
export async function hostRig(
  start: number = Date.UTC(2026, 0, 5, 12),
  builtins: Pick<BuiltinDeps, 'http' | 'kvLimits'> = {},
): Promise<HostRig> {
  const name = `capabilities-test-${crypto.randomUUID()}`;
  const clock = new ManualClock(start);
  const bus = new EventBus();
  const log = new Logger(500, () => clock.now());
  const db = new CometDB(name);
  const auditDb = new CometDB(name);
  const principals = new PrincipalRegistry();
  const vault = new Vault({ db, clock, log });
  const secrets = () => vault.redactionSecrets();
  const audit = new AuditLog({ db: auditDb, clock, log, secrets });
  const supervisor = await Supervisor.open({ db, clock, principals, log, bus });
  const registry = new CapabilityRegistry({ bus });
  const host = new CapabilityHost({ registry, supervisor, audit, clock, log, secrets });
  registerBuiltins(host, { db, log, vault, ...builtins });
  const agent = principals.issue('agent', 'tester', 'Test agent');
  return {
    name,
    db,
    auditDb,
    clock,
    bus,
    log,
    principals,
    supervisor,
    audit,
    vault,
    registry,
    host,
    agent,
    async grant(scope) {
      await supervisor.grants.add({ principal: agent.id, scope });
    },
    async close() {
      supervisor.dispose();
      bus.close();
      db.close();
      auditDb.close();
      await Dexie.delete(name);
    },
  };
}

/** A test capability 'test.<name>' needing scope 'kv:write', whose run is given. */
export function testCapability(
  name: string,
  run: CapabilityDefinition<{ value?: unknown }, unknown>['run'],
  extra: Partial<CapabilityDefinition<{ value?: unknown }, unknown>> = {},
): CapabilityDefinition<{ value?: unknown }, unknown> {
  return {
    name: `test.${name}`,
    description: `A test capability (${name}).`,
    inputSchema: { type: 'object', properties: { value: {} }, additionalProperties: false },
    outputSchema: { type: 'object', required: ['done'], properties: { done: { type: 'boolean' } } },
    sideEffects: true,
    scopes: () => ['kv:write'],
    run,
    ...extra,
  };
}

/** The rejection of a promise (fails the test when it fulfils). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
