/**
 * The supervisor's bus topics. Grant and policy changes reach other tabs (which reload their caches from the
 * database); approval prompts reach whatever view shows them, in this page or another context.
 */
import type { ApprovalAnswer, PrincipalId } from './types.js';

/** A pending approval prompt as the UI shows it (the input is already redacted). */
export interface PendingApproval {
  id: string;
  principal: PrincipalId;
  principalLabel: string;
  capability: string;
  /** The call's input with secrets redacted by the caller. */
  input: unknown;
  /** 'policy:<id>': the rule that asks. */
  rule: string;
  reason: string;
  runId?: string;
  /** The workflow step that asks, when a workflow asks. */
  stepId?: string;
  requestedAt: number;
  /** When it times out to deny. */
  deadline: number;
  /** What "allow for a time" grants, if it is offered. */
  grantScope?: string;
}

/** How an approval prompt ended. */
export interface ApprovalSettlement {
  id: string;
  answer: ApprovalAnswer;
  by: 'person' | 'timeout' | 'cancelled';
}

declare module '../events.js' {
  interface CometEvents {
    /** Grants were added, changed or removed (ids); other tabs reload theirs. */
    'supervisor.grants.changed': { ids: string[] };
    /** Policies were added, changed or removed (ids); other tabs reload theirs. */
    'supervisor.policies.changed': { ids: string[] };
    /** The list of pending approval prompts changed (oldest first). */
    'supervisor.approvals.pending': { pending: PendingApproval[] };
    /** An approval prompt was answered, timed out or cancelled. */
    'supervisor.approval.settled': ApprovalSettlement;
    /** A view (in any context) answers a pending approval prompt. */
    'supervisor.approval.answer': { id: string; answer: ApprovalAnswer };
    /** A log-only policy would have denied or asked. */
    'supervisor.would-have': {
      time: number;
      principal: PrincipalId;
      capability: string;
      policyId: string;
      verdict: 'deny' | 'ask';
      reason: string;
    };
  }
}
