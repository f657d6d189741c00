/**
 * Probes of the grant stage of decide(): default deny, an expiring grant, and a weekly window.
 */
import { isCometError } from '../../../core/errors.js';
import {
  WEEKDAYS,
  describeWindow,
  userTimeZone,
  type Principal,
  type SupervisorDecision,
  type WeeklyWindow,
} from '../../../core/supervisor/index.js';
import { localTime } from '../../../core/supervisor/index.js';
import { expectThat, type Probe } from './probe.js';

/** "deny (default-deny): No grant lets …": a decision in a few words. */
export function verdictWords(decision: SupervisorDecision): string {
  return `${decision.verdict} by ${decision.rule}: ${decision.reason}`;
}

/** True when the grant stage let the call through with `grantId` (a policy of the user may still object later). */
function grantApplied(decision: SupervisorDecision, grantId: string): boolean {
  return decision.rule !== 'default-deny' && (decision.grants ?? []).includes(grantId);
}

/** A principal with no grant is denied, and a copy of an issued principal is refused outright. */
export const defaultDenyProbe: Probe = {
  id: 'default-deny',
  title: 'Default deny holds',
  about: 'A new principal without any grant asks for a scope; the supervisor must deny it and name the missing grant.',
  run: (kit) =>
    Promise.resolve().then(() => {
      kit.did(`Issued ${kit.principal.id} with no grants and asked to use ${kit.scope}.`);
      const decision = kit.decide();
      kit.saw(verdictWords(decision), decision.rule === 'default-deny');
      expectThat(
        decision.verdict === 'deny' && decision.rule === 'default-deny',
        `a principal with no grant was answered "${decision.verdict}" by ${decision.rule} (${decision.reason})`,
      );
      expectThat(
        decision.wouldAllowWith?.includes(kit.scope),
        `the denial does not name the grant that would allow it (${kit.scope})`,
      );
      kit.saw(`The denial names the grant that would allow it: ${(decision.wouldAllowWith ?? []).join(', ')}.`);

      kit.did(`Asked again with a copy of the principal ({ ...${kit.principal.id} }), as a spoofing caller would.`);
      const copy: Principal = { ...kit.principal };
      let refusal: unknown;
      try {
        kit.decideAs(copy);
      } catch (error) {
        refusal = error;
      }
      expectThat(
        isCometError(refusal, 'principal-not-issued'),
        'a copy of an issued principal was accepted; a caller could act under a name it was not given',
      );
      kit.saw('Refused: the copy was not issued by the host.');
      return 'A principal without grants was denied by default, and a copied principal was refused.';
    }),
};

/** How long the expiring grant lives: long enough to save it, short enough that time moves only a little. */
const LIFETIME_MS = 400;

/** A grant that applies until a moment stops applying at that moment. */
export const expiredGrantProbe: Probe = {
  id: 'expired-grant',
  title: 'An expired grant denies',
  about: `A grant valid for the next ${LIFETIME_MS} ms allows a call, then denies it once the driven clock passes its end.`,
  async run(kit) {
    const end = kit.clock.now() + LIFETIME_MS;
    const grant = await kit.grant({ validUntil: end });
    kit.did(`Granted ${kit.scope} until ${iso(end)} (${LIFETIME_MS} ms after the probe's clock).`);
    // Saving took a moment of real time: decide no earlier than now, so no real call has been decided later.
    kit.catchUp();
    const before = kit.decide();
    kit.saw(`At ${iso(kit.clock.now())}: ${verdictWords(before)}`, grantApplied(before, grant.id));
    expectThat(grantApplied(before, grant.id), `the grant did not apply before it expired (${before.reason})`);

    kit.clock.set(end);
    kit.did('Moved the probe clock forward to the end of the grant.');
    const after = kit.decide();
    kit.saw(`At ${iso(kit.clock.now())}: ${verdictWords(after)}`, after.verdict === 'deny');
    expectThat(
      after.verdict === 'deny' && after.rule === 'default-deny',
      `the grant still applied after it expired (${after.verdict} by ${after.rule})`,
    );
    expectThat(/expired/.test(after.reason), `the denial does not say the grant expired (${after.reason})`);
    return 'The grant allowed the call until its end and denied it from then on, saying it had expired.';
  },
};

/**
 * A weekly window is open inside its hours and closed outside them. Windows have minute boundaries, and the
 * supervisor never goes back in time, so rather than move the clock up to a minute ahead (which would make every
 * real decision for that minute look like a clock change), the probe compares, at the same instant, the window that
 * holds this minute with the same window one minute earlier, which closed at the start of this minute.
 */
export const windowProbe: Probe = {
  id: 'time-window',
  title: 'A time window closes',
  about:
    'A grant limited to a weekly window (in your time zone) applies inside it and denies once the window has closed.',
  async run(kit) {
    const zone = userTimeZone();
    const now = kit.clock.now();
    const local = localTime(now, zone);
    const open = windowAround(local.day, local.minutes);
    const closed = windowAround(local.day, local.minutes - 1);
    const inside = await kit.grant({ windows: [open], timeZone: zone });
    kit.did(`Granted ${kit.scope} only ${describeWindow(open)} (${zone}); the probe clock reads ${clock(local)}.`);
    const allowed = kit.decide();
    kit.saw(`Inside the window: ${verdictWords(allowed)}`, grantApplied(allowed, inside.id));
    expectThat(grantApplied(allowed, inside.id), `the grant did not apply inside its window (${allowed.reason})`);

    await kit.services.supervisor.grants.update(inside.id, { windows: [closed] });
    kit.did(`Changed the window to ${describeWindow(closed)}, which closed at the start of this minute.`);
    const denied = kit.decide();
    kit.saw(`After the window closed: ${verdictWords(denied)}`, denied.verdict === 'deny');
    expectThat(
      denied.verdict === 'deny' && denied.rule === 'default-deny',
      `the grant still applied after its window closed (${denied.verdict} by ${denied.rule})`,
    );
    expectThat(/applies only/.test(denied.reason), `the denial does not name the window (${denied.reason})`);
    return `The grant applied inside ${describeWindow(open)} and denied once ${describeWindow(closed)} had closed (${zone}).`;
  },
};

/** The one-minute window starting at `minutes` past midnight of `day` (wrapping into the day before or after). */
function windowAround(day: WeeklyWindow['days'][number], minutes: number): WeeklyWindow {
  let index = WEEKDAYS.indexOf(day);
  let start = minutes;
  if (start < 0) {
    start += 24 * 60;
    index = (index + 6) % 7;
  }
  return { days: [WEEKDAYS[index]], start: hhmm(start), end: hhmm(start + 1) };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const clock = (local: { day: string; minutes: number }) => `${local.day} ${hhmm(local.minutes)}`;
const iso = (time: number) => new Date(time).toISOString();
