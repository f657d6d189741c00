/**
 * The supervisor's services, wired once per platform: principals, the supervisor (grants, policies, rate limits,
 * approvals), the audit log, the key vault, and the capability registry and host with the built-ins. Views reach
 * them through supervisorServices(platform); outside agents and e2e tests through
 * `document.querySelector('comet-app').platform.supervisor()`. Created lazily, after the database opened, so none
 * of it is part of the first screen.
 */
import { AuditLog } from '../../core/audit/index.js';
import { CapabilityHost, CapabilityRegistry, registerBuiltins } from '../../core/capabilities/index.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { CometError } from '../../core/errors.js';
import { PrincipalRegistry, Supervisor, type Principal } from '../../core/supervisor/index.js';
import { Vault } from '../../core/vault/index.js';
import type { CometDB } from '../../db/db.js';
import type { Platform } from '../../ui/platform.js';

/** Everything the supervisor's views (and agents acting through the host) use. */
export interface SupervisorServices {
  principals: PrincipalRegistry;
  supervisor: Supervisor;
  audit: AuditLog;
  vault: Vault;
  capabilities: CapabilityRegistry;
  host: CapabilityHost;
  /** The principal the person using the app acts as: 'module:console'. */
  user: Principal;
  /** The clock every service runs on. */
  clock: Clock;
  /** Stops following other tabs and denies pending approvals (tests; the real page just goes away). */
  dispose(): void;
}

/** Options of the first supervisorServices() call for a platform (later calls return the same services). */
export interface SupervisorServicesOptions {
  /** The clock of every service (default: the system clock; tests pass a ManualClock). */
  clock?: Clock;
}

/** The id and label of the principal the person using the app acts as. */
export const USER_PRINCIPAL = { kind: 'module', name: 'console', label: 'You (this browser)' } as const;

/** Keep at least this much history after a reload, for run-scoped rules (the supervisor's default). */
const MIN_HISTORY_MS = 24 * 3_600_000;

const created = new WeakMap<Platform, Promise<SupervisorServices>>();

/**
 * Creates the services once per platform (lazily, after the database opened); later calls return the same promise.
 * Rejects with 'supervisor-unavailable' when the database could not be opened: nothing may be allowed then.
 */
export function supervisorServices(
  platform: Platform,
  options: SupervisorServicesOptions = {},
): Promise<SupervisorServices> {
  let services = created.get(platform);
  if (!services) {
    services = open(platform, options.clock ?? systemClock);
    created.set(platform, services);
  }
  return services;
}

async function open(platform: Platform, clock: Clock): Promise<SupervisorServices> {
  await platform.ready;
  const db = platform.db;
  if (!db) {
    const status = platform.store.getState().platform.database;
    const database = status.state === 'unavailable' ? status.error : undefined;
    throw new CometError('supervisor-unavailable', {
      reason: database?.message ?? 'the database is not open',
      database,
    });
  }
  const { log, bus } = platform;
  const principals = new PrincipalRegistry();
  const vault = new Vault({ db, clock, log });
  const secrets = () => vault.redactionSecrets();
  const audit = new AuditLog({ db, clock, log, secrets });
  const since = clock.now() - (await longestWindow(db));
  const supervisor = await Supervisor.open({
    db,
    clock,
    principals,
    log,
    bus,
    loadHistory: () => audit.loadHistory(since),
  });
  const capabilities = new CapabilityRegistry({ bus });
  const host = new CapabilityHost({ registry: capabilities, supervisor, audit, clock, log, secrets });
  const unregister = registerBuiltins(host, { db, log, vault });
  const user = principals.issue(USER_PRINCIPAL.kind, USER_PRINCIPAL.name, USER_PRINCIPAL.label);
  return {
    principals,
    supervisor,
    audit,
    vault,
    capabilities,
    host,
    user,
    clock,
    dispose() {
      unregister();
      supervisor.dispose();
      vault.lock();
    },
  };
}

/** How far back the history must reach for every stored policy's window (at least a day). */
async function longestWindow(db: CometDB): Promise<number> {
  let longest = MIN_HISTORY_MS;
  for (const policy of await db.policies.toArray()) {
    const rule = policy.rule as { windowMs?: unknown };
    if (typeof rule.windowMs === 'number' && Number.isFinite(rule.windowMs)) longest = Math.max(longest, rule.windowMs);
  }
  return longest;
}
