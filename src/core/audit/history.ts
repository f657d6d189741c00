/**
 * The supervisor's session history, rebuilt from the audit log after a reload, so that temporal policies (counts,
 * totals, ordering, lookups) see the calls made before it. A call leaves two entries: its decision ('pending',
 * written before it runs) and its outcome; they are paired by callId, or else by principal, capability, run and
 * step in order. Approvals are read from decisions allowed by an 'approval:<policy>' rule. Denied calls never ran
 * and are not history.
 */
import type { HistoryEntry, PrincipalId } from '../supervisor/types.js';
import type { AuditEntry } from './types.js';

const APPROVAL_RULE = 'approval:';

/** The key that pairs a call's outcome with its decision. */
const pairKey = (entry: AuditEntry) =>
  entry.callId ?? JSON.stringify([entry.principal, entry.capability, entry.runId, entry.stepId]);

/** The history entries recorded by `entries` (in seq order), oldest first. */
export function historyFromAudit(entries: readonly AuditEntry[]): HistoryEntry[] {
  const history: HistoryEntry[] = [];
  /** Calls started and not yet ended, by pair key, oldest first. */
  const open = new Map<string, HistoryEntry[]>();
  for (const entry of entries) {
    if (entry.verdict !== 'allow' || entry.outcome === 'denied') continue;
    const key = pairKey(entry);
    if (entry.outcome === 'pending') {
      if (entry.rule.startsWith(APPROVAL_RULE)) {
        history.push({
          ...base(entry, `audit-${entry.seq}-approval`),
          kind: 'approval',
          status: 'ok',
          policyId: entry.rule.slice(APPROVAL_RULE.length),
        });
      }
      // Until its outcome is found, a call counts as one that ended in an error: it ran, and what it did is unknown.
      const call: HistoryEntry = {
        ...base(entry, entry.callId ?? `audit-${entry.seq}`),
        kind: 'call',
        status: 'error',
        scopes: entry.scopes,
        input: entry.input,
        durationMs: 0,
      };
      history.push(call);
      open.set(key, [...(open.get(key) ?? []), call]);
      continue;
    }
    const status = entry.outcome === 'ok' ? 'ok' : 'error';
    const waiting = open.get(key);
    const call = waiting?.shift();
    if (call) {
      call.status = status;
      call.output = entry.output;
      call.durationMs = entry.durationMs;
    } else {
      // An outcome whose decision is not in range (it came before `since`): the call started durationMs earlier.
      history.push({
        ...base(entry, entry.callId ?? `audit-${entry.seq}`),
        time: entry.time - entry.durationMs,
        kind: 'call',
        status,
        scopes: entry.scopes,
        input: entry.input,
        output: entry.output,
        durationMs: entry.durationMs,
      });
    }
  }
  return history.sort((a, b) => a.time - b.time);
}

/** The fields every history entry takes from its audit entry. */
function base(
  entry: AuditEntry,
  id: string,
): Pick<HistoryEntry, 'id' | 'time' | 'principal' | 'capability' | 'runId' | 'stepId'> {
  return {
    id,
    time: entry.time,
    principal: entry.principal as PrincipalId,
    capability: entry.capability,
    ...(entry.runId === null ? {} : { runId: entry.runId }),
    ...(entry.stepId === null ? {} : { stepId: entry.stepId }),
  };
}
