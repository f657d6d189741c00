/**
 * Where a grant stands at a moment, for the Grants page: active, not yet valid, expired, used (one-shot), or
 * outside its weekly window right now. The same time rules as decide() (grants.ts, time-windows.ts), without input
 * conditions, which depend on each call.
 */
import type { Grant } from '../../core/supervisor/index.js';
import { describeWindow } from '../../core/supervisor/index.js';
import { grantEnd, inWindow, localTime } from '../../core/supervisor/index.js';
import { formatDateTime } from '../../ui/format.js';

/** A grant's state at a moment. */
export type GrantStateName = 'active' | 'not-yet-valid' | 'expired' | 'used' | 'outside-window';

/** A grant's state, with words for people. */
export interface GrantState {
  state: GrantStateName;
  /** 'Active', 'Not yet valid', … */
  label: string;
  /** 'Until 5 Mar 2026, 18:00', 'Outside Mon–Fri 09:00–18:00 now', … */
  detail: string;
}

/** The state of `grant` at `now`. */
export function grantState(grant: Grant, now: number): GrantState {
  if (grant.oneShot && grant.consumedAt !== undefined)
    return { state: 'used', label: 'Used', detail: `One-shot, used ${formatDateTime(grant.consumedAt)}` };
  if (grant.validFrom !== undefined && now < grant.validFrom)
    return { state: 'not-yet-valid', label: 'Not yet valid', detail: `Valid from ${formatDateTime(grant.validFrom)}` };
  const end = grantEnd(grant);
  if (end !== undefined && now >= end)
    return { state: 'expired', label: 'Expired', detail: `Expired ${formatDateTime(end)}` };
  if (grant.windows?.length) {
    const zone = grant.timeZone ?? 'UTC';
    const local = localTime(now, zone);
    if (!grant.windows.some((window) => inWindow(window, local)))
      return {
        state: 'outside-window',
        label: 'Outside window',
        detail: `Applies only ${grant.windows.map(describeWindow).join(' or ')} (${zone})`,
      };
  }
  const parts = [];
  if (end !== undefined) parts.push(`until ${formatDateTime(end)}`);
  if (grant.oneShot) parts.push('for one call');
  return { state: 'active', label: 'Active', detail: parts.length ? `Active ${parts.join(', ')}` : 'Active' };
}
