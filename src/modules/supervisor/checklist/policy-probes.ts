/**
 * Probes of the policy stage of decide(): a sliding-window count, a log-only policy, and an approval prompt that
 * times out. Each adds a policy for its scratch principal only, which the kit removes afterwards.
 */
import { newId } from '../../../core/ids.js';
import { describePolicy, type ApprovalQueue } from '../../../core/supervisor/index.js';
import { ManualClock } from '../../../core/clock.js';
import { verdictWords } from './grant-probes.js';
import { expectThat, notRun, type Probe } from './probe.js';

const WINDOW_MS = 200;
const MAX_CALLS = 2;

/** A count limit denies the call over the limit, and allows again once the window has slid past the earlier calls. */
export const slidingWindowProbe: Probe = {
  id: 'sliding-window',
  title: 'A sliding-window limit trips and recovers',
  about: `A policy allows ${MAX_CALLS} calls per ${WINDOW_MS} ms; the next call is denied, and allowed again once the window has passed.`,
  async run(kit) {
    // The probe's calls enter the supervisor's session history; a limit of yours over every principal would count them.
    const counting = kit.foreignPolicies(['count', 'total']);
    if (counting.length)
      notRun(
        `your policy ${counting.map((p) => p.id).join(', ')} counts the calls of every principal, so the probe's calls would count against it; narrow its principal (e.g. agent:*) to leave probes out`,
      );
    await kit.grant();
    const policy = await kit.policy('count', 'enforce', { kind: 'count', max: MAX_CALLS, windowMs: WINDOW_MS });
    kit.did(`Added the policy "${describePolicy(policy)}".`);
    for (let i = 1; i <= MAX_CALLS; i++) {
      const decision = kit.decide();
      expectThat(decision.verdict === 'allow', `call ${i} of ${MAX_CALLS} was not allowed (${verdictWords(decision)})`);
      // As commit() and record() would, but without taking tokens from any rate limit: nothing here really runs.
      kit.services.supervisor.history.add({
        id: newId(),
        kind: 'call',
        time: kit.clock.now(),
        principal: kit.principal.id,
        capability: kit.capability.name,
        runId: kit.runId,
        status: 'ok',
        durationMs: 0,
      });
    }
    kit.did(`Made ${MAX_CALLS} allowed calls at ${iso(kit.clock.now())} (recorded in the session history).`);
    const tripped = kit.decide();
    kit.saw(`Call ${MAX_CALLS + 1}: ${verdictWords(tripped)}`, tripped.rule === `policy:${policy.id}`);
    expectThat(
      tripped.verdict === 'deny' && tripped.rule === `policy:${policy.id}`,
      `the call over the limit was not denied by the policy (${verdictWords(tripped)})`,
    );
    expectThat(
      tripped.retryAfterMs !== undefined && tripped.retryAfterMs > 0 && tripped.retryAfterMs <= WINDOW_MS,
      `the denial does not say when to retry (retryAfterMs: ${tripped.retryAfterMs})`,
    );
    kit.saw(`It may retry in ${tripped.retryAfterMs} ms.`);

    kit.clock.advance(WINDOW_MS);
    kit.did(`Moved the probe clock ${WINDOW_MS} ms forward, past the window.`);
    const recovered = kit.decide();
    kit.saw(`Then: ${verdictWords(recovered)}`, recovered.verdict === 'allow');
    expectThat(
      recovered.verdict === 'allow',
      `the limit did not recover after the window passed (${verdictWords(recovered)})`,
    );
    return `Call ${MAX_CALLS + 1} within ${WINDOW_MS} ms was denied (retry in ${tripped.retryAfterMs} ms) and allowed once the window had passed.`;
  },
};

/** A log-only policy lets the call through and records what it would have done; enforced, it blocks. */
export const logOnlyProbe: Probe = {
  id: 'log-only',
  title: 'A log-only policy records without blocking',
  about:
    'A log-only policy that objects to every call lets the call through and records "would deny"; the same policy enforced blocks it.',
  async run(kit) {
    await kit.grant();
    const policy = await kit.policy('log-only', 'log-only', {
      kind: 'ordering',
      after: { capability: 'probe.never-called' },
    });
    kit.did(`Added the log-only policy "${describePolicy(policy)}", which objects to every call of the probe.`);
    const decision = kit.decide();
    const noted = decision.wouldHave?.find((w) => w.policyId === policy.id);
    kit.saw(verdictWords(decision), decision.verdict === 'allow');
    expectThat(decision.verdict === 'allow', `a log-only policy's call was not allowed (${verdictWords(decision)})`);
    expectThat(noted, 'the decision does not record what the log-only policy would have done');
    kit.saw(`Recorded on the decision: would ${noted.verdict} — ${noted.reason}.`);
    const listed = kit.services.supervisor.wouldHave(policy.id);
    expectThat(listed.length === 1, `supervisor.wouldHave() lists ${listed.length} findings of the policy, not 1`);
    kit.saw('Listed once in the policy’s “would have blocked” findings.');

    await kit.services.supervisor.policies.setMode(policy.id, 'enforce');
    kit.did('Switched the same policy to enforce.');
    const enforced = kit.decide();
    kit.saw(verdictWords(enforced), enforced.verdict === 'deny');
    expectThat(
      enforced.verdict === 'deny' && enforced.rule === `policy:${policy.id}`,
      `the enforced policy did not block the call (${verdictWords(enforced)})`,
    );
    return 'In log-only mode the call was allowed and "would deny" was recorded; enforced, the same policy denied it.';
  },
};

const APPROVAL_TIMEOUT_MS = 30_000;

/**
 * A policy that needs a person makes the supervisor ask, and a prompt nobody answers is denied when its timeout
 * passes. The prompt goes to a scratch approval queue (same class as the live one) on a driven clock, so it never
 * appears in front of the person using the app.
 */
export const approvalProbe: Probe = {
  id: 'approval-timeout',
  title: 'An approval prompt appears and its timeout denies',
  about:
    'A policy needs approval: the supervisor asks, a prompt is queued, and nobody answering denies it when the timeout passes. Uses a scratch queue, so no prompt reaches you.',
  async run(kit) {
    await kit.grant();
    const policy = await kit.policy('approval', 'enforce', { kind: 'approval', timeoutMs: APPROVAL_TIMEOUT_MS });
    kit.did(`Added the policy "${describePolicy(policy)}".`);
    const decision = kit.decide();
    kit.saw(verdictWords(decision), decision.verdict === 'ask');
    expectThat(
      decision.verdict === 'ask' && decision.approval?.policyId === policy.id,
      `the supervisor did not ask for approval (${verdictWords(decision)})`,
    );
    const need = decision.approval;

    const live = kit.services.supervisor.approvals;
    const Queue = live.constructor as typeof ApprovalQueue;
    const queueClock = new ManualClock(kit.clock.now());
    // No bus and no grant store: the prompt stays in this queue, and nothing can be granted from it.
    const queue = new Queue({ clock: queueClock, log: kit.log });
    try {
      const settled = queue.ask({
        principal: kit.principal,
        capability: kit.capability.name,
        input: { probe: kit.runId },
        rule: decision.rule,
        reason: decision.reason,
        timeoutMs: need.timeoutMs,
        grantScope: need.grantScope,
        runId: kit.runId,
      });
      kit.did('Put the prompt in a scratch approval queue on a driven clock (you were not asked).');
      const [prompt] = queue.pending();
      expectThat(
        prompt?.principal === kit.principal.id && prompt.rule === `policy:${policy.id}`,
        'no prompt with the principal and the rule appeared in the queue',
      );
      kit.saw(`A prompt appeared: ${prompt.principal} wants ${prompt.capability}, because ${prompt.reason}.`);
      expectThat(
        !live.pending().some((p) => p.principal === kit.principal.id),
        'the probe’s prompt reached the live approval queue',
      );

      queueClock.advance(need.timeoutMs - 1);
      expectThat(queue.pending().length === 1, 'the prompt was gone before its timeout');
      queueClock.advance(1);
      kit.did(`Moved the queue's clock ${need.timeoutMs / 1000} s forward without answering.`);
      const settlement = await settled;
      kit.saw(`Settled: ${JSON.stringify(settlement.answer)} by ${settlement.by}.`, settlement.answer === 'deny');
      expectThat(
        settlement.answer === 'deny' && settlement.by === 'timeout',
        `the unanswered prompt ended as ${JSON.stringify(settlement.answer)} by ${settlement.by}, not a denial by timeout`,
      );
      expectThat(queue.pending().length === 0, 'the timed-out prompt is still queued');
    } finally {
      queue.dispose();
    }
    return `The supervisor asked, the prompt was queued, and it was denied when its ${APPROVAL_TIMEOUT_MS / 1000} s timeout passed.`;
  },
};

const iso = (time: number) => new Date(time).toISOString();
