/**
 * The supervisor checklist: live probes against the running supervisor, each under a scratch principal, each
 * leaving no trace in your grants, policies, audit log or vault (see probe-kit.ts). A probe passes, fails (the
 * supervisor did not do what it must), or is not run (running it would have touched your data or limits).
 */
import { errorMessage, isCometError } from '../../../core/errors.js';
import type { CometDB } from '../../../db/db.js';
import type { SupervisorServices } from '../supervisor-services.js';
import { defaultDenyProbe, expiredGrantProbe, windowProbe } from './grant-probes.js';
import { approvalProbe, logOnlyProbe, slidingWindowProbe } from './policy-probes.js';
import type { Probe, ProbeResult } from './probe.js';
import { PROBE_POLICY_PREFIX, PROBE_PRINCIPAL_PREFIX, ProbeKit } from './probe-kit.js';
import { auditChainProbe, vaultProbe } from './storage-probes.js';

export type { Probe, ProbeResult, ProbeStatus, ProbeStep } from './probe.js';

/** Every probe, in the order the checklist runs them. */
export const PROBES: readonly Probe[] = [
  defaultDenyProbe,
  expiredGrantProbe,
  windowProbe,
  slidingWindowProbe,
  logOnlyProbe,
  approvalProbe,
  auditChainProbe,
  vaultProbe,
];

/** Options of runProbe and runChecklist. */
export interface ProbeOptions {
  /** The app's database, for the read-only look at your vault's stored keys. */
  liveDb?: CometDB;
}

/** Runs one probe and cleans up after it, whatever happened. Never rejects: a failure is a result. */
export async function runProbe(
  services: SupervisorServices,
  probe: Probe,
  options: ProbeOptions = {},
): Promise<ProbeResult> {
  const ranAt = services.clock.now();
  const started = performance.now();
  let kit: ProbeKit | undefined;
  let status: ProbeResult['status'] = 'pass';
  let summary: string;
  try {
    kit = new ProbeKit(services, probe.id, options.liveDb);
    summary = await probe.run(kit);
  } catch (error) {
    status = isCometError(error, 'probe-not-run') ? 'not-run' : 'fail';
    summary =
      isCometError(error, 'probe-failed') || isCometError(error, 'probe-not-run')
        ? String(error.details.reason)
        : `The probe stopped with an error: ${errorMessage(error)}`;
    summary = summary.charAt(0).toUpperCase() + summary.slice(1);
  }
  const steps = kit?.steps ?? [];
  const failures = kit ? await kit.cleanUp() : [];
  if (failures.length) {
    // A probe that could not clean up has left a trace: that is a failure of its own, whatever it found.
    status = 'fail';
    summary = `Cleaning up failed, so something the probe added may remain: ${failures.join('; ')}`;
    steps.push({ kind: 'saw', text: summary, ok: false });
  } else if (kit) {
    steps.push({ kind: 'did', text: 'Removed everything it added, and revoked its principal.' });
  }
  return { id: probe.id, title: probe.title, status, summary, steps, ranAt, durationMs: performance.now() - started };
}

/**
 * Runs every probe in order (after removing what an interrupted earlier run left behind), reporting each result
 * as it comes.
 */
export async function runChecklist(
  services: SupervisorServices,
  options: ProbeOptions & { probes?: readonly Probe[]; onResult?: (result: ProbeResult, index: number) => void } = {},
): Promise<ProbeResult[]> {
  await removeLeftovers(services);
  const results: ProbeResult[] = [];
  for (const [index, probe] of (options.probes ?? PROBES).entries()) {
    const result = await runProbe(services, probe, options);
    results.push(result);
    options.onResult?.(result, index);
  }
  return results;
}

/**
 * Removes grants and policies of probes that never finished (the page was closed mid-run); returns how many.
 * Only what probes create matches: grants of 'probe:checklist-…' principals with source 'probe', and policies whose
 * ids start with 'checklist-probe-'.
 */
export async function removeLeftovers(services: SupervisorServices): Promise<number> {
  const { supervisor } = services;
  const live = new Set(services.principals.list().map((p) => p.id));
  const grants = supervisor.grants
    .list()
    .filter(
      (g) => g.source === 'probe' && g.principal.startsWith(PROBE_PRINCIPAL_PREFIX) && !live.has(g.principal as never),
    );
  const policies = supervisor.policies
    .list()
    .filter((p) => p.id.startsWith(PROBE_POLICY_PREFIX) && !isRunning(p.principal, live));
  if (grants.length) await supervisor.grants.remove(...grants.map((g) => g.id));
  for (const policy of policies) await supervisor.removePolicy(policy.id);
  return grants.length + policies.length;
}

/** True when a probe policy's principal belongs to a probe still running in this page. */
const isRunning = (principal: string | undefined, live: ReadonlySet<string>) =>
  principal !== undefined && live.has(principal);
