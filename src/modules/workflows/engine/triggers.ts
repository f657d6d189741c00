/**
 * Schedule and event triggers of the saved workflows, run by the engine in the leader tab's worker.
 *
 * Schedules. Each schedule trigger has a persisted "last handled" time (table triggerState, key
 * '<workflowId>/<index>'). At load, occurrences between it and now were missed while no engine ran: the trigger's
 * `missed` policy either skips them (default; logged) or starts ONE catch-up run. A trigger seen for the first time
 * records now as its baseline, so a new schedule never fires for the past. Then a clock timer is armed for the next
 * occurrence (chained when it is further away than a timer can wait).
 *
 * At most once per occurrence: when an occurrence is due, the runner first records it as handled, and only once
 * that write has committed does it start the run. A crash between the two loses that one run; the opposite order
 * could start it twice (once before the crash, once as "missed" after the reload). A lost run is visible in the log;
 * a doubled one may have doubled side effects.
 *
 * An occurrence less than `graceMs` (5 min) old when it is handled counts as on time, not missed: a leader handover
 * takes a few seconds, and a background tab's timers may be late by up to a minute.
 *
 * Events. Each event trigger subscribes to its topic or pattern ('memory.*', '*'); with `debounce`, a burst starts
 * one run with its last event. The run's inputs are the trigger's `inputs` with {{event.…}} and {{topic}} resolved,
 * or { event: payload }. The engine's own 'workflow.*' topics are filtered (triggers-topics.ts): '*' never sees
 * them, and a workflow never sees its own runs' events, so it cannot trigger itself in a loop by accident.
 */
import type { EventBus } from '../../../core/bus.js';
import type { Clock } from '../../../core/clock.js';
import { errorMessage } from '../../../core/errors.js';
import { log as sharedLog, type Logger } from '../../../core/log.js';
import { parseDuration } from '../model/duration.js';
import { resolveValue } from '../model/references.js';
import type { EventTrigger, ScheduleTrigger, WorkflowDefinition } from '../model/types.js';
import { cronProblem, localTimeZone, nextOccurrence, occurrencesBetween, previousOccurrence } from './cron.js';
import { Debouncer } from './flow-control.js';
import { acceptsEvent, subscribePattern } from './triggers-topics.js';

/** The principal of every run a trigger starts. */
export const TRIGGER_PRINCIPAL = 'module:workflows';

/** The longest a timer can wait (setTimeout's 32-bit limit; longer delays fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How late an occurrence may be handled and still count as on time. */
const DEFAULT_GRACE_MS = 5 * 60_000;

/** Missed occurrences counted at most (an every-second schedule closed for a week would list 600,000). */
const MISSED_COUNT_LIMIT = 1000;

const SOURCE = 'workflows:triggers';

/** What the runner needs from the engine. */
export interface TriggerRunnerDeps {
  clock: Clock;
  bus: Pick<EventBus, 'subscribe'>;
  /** Persisted last firing per trigger key ('<workflowId>/<index>'): table triggerState. */
  state: { get(key: string): Promise<number | undefined>; set(key: string, firedAt: number): Promise<void> };
  /** Starts a run (the engine's start); origin.trigger = 'schedule' | 'event', detail = cron occurrence ISO / topic. */
  start(
    workflowId: string,
    inputs: Record<string, unknown>,
    origin: { principal: string; trigger: string; detail?: string },
  ): Promise<unknown>;
  log?: Logger;
  /** How late an occurrence may be handled and still run as on time (default 5 min). */
  graceMs?: number;
}

/** A schedule trigger as the UI shows it. */
export interface ArmedSchedule {
  key: string;
  workflowId: string;
  cron: string;
  timezone: string;
  /** The next occurrence (epoch ms); absent when it never occurs again or the cron is invalid. */
  next?: number;
  /** Why it is not armed (an invalid cron or time zone). */
  problem?: string;
}

/** An event trigger as the UI shows it. */
export interface ListeningTrigger {
  key: string;
  workflowId: string;
  topic: string;
  debounceMs?: number;
}

interface Schedule extends ArmedSchedule {
  trigger: ScheduleTrigger;
  timer?: number;
}

interface Listener extends ListeningTrigger {
  trigger: EventTrigger;
  /** The trigger as JSON: an edited trigger is subscribed afresh, an unchanged one keeps its pending debounce. */
  signature: string;
  unsubscribe(): void;
}

/** One event as a trigger saw it. */
interface SeenEvent {
  payload: unknown;
  topic: string;
}

/** Runs the schedule and event triggers of a set of workflows. */
export class TriggerRunner {
  readonly #deps: TriggerRunnerDeps;
  readonly #log: Logger;
  readonly #graceMs: number;
  readonly #schedules = new Map<string, Schedule>();
  readonly #listeners = new Map<string, Listener>();
  readonly #debouncer: Debouncer<SeenEvent>;
  readonly #inFlight = new Set<Promise<void>>();
  #loading: Promise<void> = Promise.resolve();
  #disposed = false;

  constructor(deps: TriggerRunnerDeps) {
    this.#deps = deps;
    this.#log = deps.log ?? sharedLog;
    this.#graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
    this.#debouncer = new Debouncer(deps.clock);
  }

  /** Replaces the set of workflows whose triggers run (called at start and whenever definitions change). */
  load(workflows: WorkflowDefinition[]): Promise<void> {
    const loading = this.#loading.then(() => this.#load(workflows));
    // Loads run one after another; each caller sees its own load's failure through `loading`.
    this.#loading = loading.then(
      () => undefined,
      () => undefined,
    );
    return loading;
  }

  /** What is armed, for the UI: next fire time per schedule trigger. */
  armed(): ArmedSchedule[] {
    return [...this.#schedules.values()].map(({ key, workflowId, cron, timezone, next, problem }) => ({
      key,
      workflowId,
      cron,
      timezone,
      ...(next === undefined ? {} : { next }),
      ...(problem === undefined ? {} : { problem }),
    }));
  }

  /** The event triggers subscribed, for the UI. */
  listening(): ListeningTrigger[] {
    return [...this.#listeners.values()].map(({ key, workflowId, topic, debounceMs }) => ({
      key,
      workflowId,
      topic,
      ...(debounceMs === undefined ? {} : { debounceMs }),
    }));
  }

  /** Resolves once every firing under way (state write and start) has settled. */
  async idle(): Promise<void> {
    await this.#loading;
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  /** Stops every timer, subscription and pending debounce; later loads do nothing. */
  dispose(): void {
    this.#disposed = true;
    for (const schedule of this.#schedules.values()) this.#disarm(schedule);
    for (const listener of this.#listeners.values()) listener.unsubscribe();
    this.#schedules.clear();
    this.#listeners.clear();
    this.#debouncer.dispose();
  }

  async #load(workflows: WorkflowDefinition[]): Promise<void> {
    if (this.#disposed) return;
    const schedules = new Map<string, { workflowId: string; trigger: ScheduleTrigger }>();
    const events = new Map<string, { workflowId: string; trigger: EventTrigger }>();
    for (const workflow of workflows) {
      (workflow.triggers ?? []).forEach((trigger, index) => {
        const key = `${workflow.id}/${index}`;
        if (trigger.type === 'schedule') schedules.set(key, { workflowId: workflow.id, trigger });
        else if (trigger.type === 'event') events.set(key, { workflowId: workflow.id, trigger });
      });
    }
    this.#loadEvents(events);
    for (const [key, schedule] of this.#schedules) {
      if (!schedules.has(key)) {
        this.#disarm(schedule);
        this.#schedules.delete(key);
      }
    }
    for (const [key, { workflowId, trigger }] of schedules) {
      await this.#loadSchedule(key, workflowId, trigger);
      if (this.#disposed) return;
    }
  }

  async #loadSchedule(key: string, workflowId: string, trigger: ScheduleTrigger): Promise<void> {
    const timezone = trigger.timezone ?? localTimeZone();
    const existing = this.#schedules.get(key);
    if (existing && existing.cron === trigger.cron && existing.timezone === timezone) {
      // Same occurrences: keep the timer; inputs and the missed policy are read when it fires.
      existing.workflowId = workflowId;
      existing.trigger = trigger;
      return;
    }
    if (existing) this.#disarm(existing);
    const schedule: Schedule = { key, workflowId, cron: trigger.cron, timezone, trigger };
    this.#schedules.set(key, schedule);
    schedule.problem = cronProblem(trigger.cron, timezone);
    if (schedule.problem) {
      this.#log.warn(SOURCE, `The schedule of workflow ${workflowId} is not armed: ${schedule.problem}`, { key });
      return;
    }
    const now = this.#deps.clock.now();
    try {
      // An edited schedule is a new one: its old occurrences were never this schedule's to miss.
      const last = existing ? undefined : await this.#deps.state.get(key);
      if (this.#schedules.get(key) !== schedule) return;
      if (last === undefined) await this.#deps.state.set(key, now);
      else await this.#handleDue(schedule, last, now);
    } catch (error) {
      // Missed occurrences stay unhandled (the next load sees them again); the schedule itself still runs.
      this.#log.error(SOURCE, `The schedule of workflow ${workflowId} could not check for missed runs`, error);
    }
    if (this.#schedules.get(key) === schedule) this.#arm(schedule, now);
  }

  /**
   * Handles the occurrences in (last, now]: records them as handled, then starts at most one run — on time when the
   * newest is within the grace period, else as the missed policy says. The start is not awaited (the engine may
   * call load() before it takes starts); idle() waits for it.
   */
  async #handleDue(schedule: Schedule, last: number, now: number): Promise<void> {
    const { cron, timezone, trigger, workflowId, key } = schedule;
    const newest = previousOccurrence(cron, timezone, now);
    if (newest === undefined || newest <= last) return;
    await this.#deps.state.set(key, now); // first: see "At most once" above
    if (this.#schedules.get(key) !== schedule) return;
    const late = occurrencesBetween(cron, timezone, last, now - this.#graceMs, MISSED_COUNT_LIMIT);
    const missed = `${late.length}${late.length === MISSED_COUNT_LIMIT ? ' or more' : ''} missed occurrence(s)`;
    const since = late.length > 0 ? ` since ${iso(late[0])}` : '';
    const inputs = trigger.inputs ?? {};
    if (newest > now - this.#graceMs) {
      const policy = trigger.missed === 'catch-up' ? 'caught up by this run' : 'skipped';
      const extra = late.length > 0 ? ` (${missed} ${policy}${since})` : '';
      this.#track(this.#start(workflowId, inputs, 'schedule', `${iso(newest)}${extra}`));
    } else if (trigger.missed === 'catch-up') {
      this.#track(this.#start(workflowId, inputs, 'schedule', `${iso(newest)} (catch-up of ${missed}${since})`));
    } else {
      this.#log.info(SOURCE, `Skipped ${missed} of workflow ${workflowId}'s schedule${since}`, { key });
    }
  }

  /** Sets a timer for the next occurrence after `after`, in hops no longer than a timer can wait. */
  #arm(schedule: Schedule, after: number): void {
    const { clock } = this.#deps;
    schedule.next = nextOccurrence(schedule.cron, schedule.timezone, after);
    const at = schedule.next;
    if (at === undefined) return;
    const hop = () => {
      schedule.timer = clock.setTimeout(
        () => {
          schedule.timer = undefined;
          if (clock.now() < at) hop();
          else this.#track(this.#fire(schedule));
        },
        Math.min(Math.max(0, at - clock.now()), MAX_TIMER_MS),
      );
    };
    hop();
  }

  async #fire(schedule: Schedule): Promise<void> {
    const now = this.#deps.clock.now();
    try {
      // (last handled, now] holds the armed occurrence and any other that came due while the timer was late (a
      // sleeping laptop). When the state says it was handled already (by an engine in another tab), nothing is due.
      const last = (await this.#deps.state.get(schedule.key)) ?? schedule.next! - 1;
      if (this.#schedules.get(schedule.key) !== schedule) return;
      await this.#handleDue(schedule, last, now);
    } catch (error) {
      // Not recorded, so not started (at most once); the next firing or load sees this occurrence as missed.
      this.#log.error(SOURCE, `The schedule of workflow ${schedule.workflowId} did not fire`, error);
    }
    if (this.#schedules.get(schedule.key) === schedule) this.#arm(schedule, now);
  }

  #disarm(schedule: Schedule): void {
    if (schedule.timer !== undefined) this.#deps.clock.clearTimeout(schedule.timer);
    schedule.timer = undefined;
  }

  /** Subscribes new and edited event triggers, unsubscribes removed ones; unchanged ones keep their debounce. */
  #loadEvents(events: Map<string, { workflowId: string; trigger: EventTrigger }>): void {
    for (const [key, listener] of this.#listeners) {
      const wanted = events.get(key);
      if (
        wanted &&
        JSON.stringify(wanted.trigger) === listener.signature &&
        wanted.workflowId === listener.workflowId
      ) {
        continue;
      }
      listener.unsubscribe();
      this.#debouncer.cancel(key);
      this.#listeners.delete(key);
    }
    for (const [key, { workflowId, trigger }] of events) {
      if (this.#listeners.has(key)) continue;
      const listener = this.#listen(key, workflowId, trigger);
      if (listener) this.#listeners.set(key, listener);
    }
  }

  #listen(key: string, workflowId: string, trigger: EventTrigger): Listener | undefined {
    let debounceMs: number | undefined;
    try {
      debounceMs = trigger.debounce === undefined ? undefined : parseDuration(trigger.debounce, 'The debounce');
    } catch (error) {
      this.#log.warn(SOURCE, `The event trigger of workflow ${workflowId} is not listening: ${errorMessage(error)}`);
      return undefined;
    }
    const pattern = trigger.topic;
    const onEvent = (payload: unknown, topic: string) => {
      if (!acceptsEvent(pattern, topic, payload, workflowId)) return;
      const fire = (event: SeenEvent) => this.#track(this.#startForEvent(key, event));
      if (debounceMs) this.#debouncer.push(key, { payload, topic }, debounceMs, fire);
      else fire({ payload, topic });
    };
    const unsubscribe = subscribePattern(this.#deps.bus, pattern, onEvent);
    return {
      key,
      workflowId,
      topic: pattern,
      ...(debounceMs === undefined ? {} : { debounceMs }),
      trigger,
      signature: JSON.stringify(trigger),
      unsubscribe,
    };
  }

  async #startForEvent(key: string, event: SeenEvent): Promise<void> {
    const listener = this.#listeners.get(key);
    if (!listener) return;
    let inputs: Record<string, unknown>;
    try {
      inputs = listener.trigger.inputs
        ? (resolveValue(listener.trigger.inputs, { event: event.payload, topic: event.topic }, '/inputs') as Record<
            string,
            unknown
          >)
        : { event: structuredClone(event.payload) };
    } catch (error) {
      this.#log.warn(
        SOURCE,
        `Event ${event.topic} did not start workflow ${listener.workflowId}: ${errorMessage(error)}`,
        {
          key,
        },
      );
      return;
    }
    await this.#start(listener.workflowId, inputs, 'event', event.topic);
  }

  /** Starts a run; a failure is logged (a timer or a bus handler has nobody to report it to). */
  async #start(workflowId: string, inputs: Record<string, unknown>, trigger: string, detail: string): Promise<void> {
    try {
      await this.#deps.start(workflowId, structuredClone(inputs), { principal: TRIGGER_PRINCIPAL, trigger, detail });
    } catch (error) {
      this.#log.error(SOURCE, `The ${trigger} trigger could not start workflow ${workflowId}: ${errorMessage(error)}`, {
        detail,
        error,
      });
    }
  }

  /** Keeps a firing in the in-flight set until it settles, and logs what escaped it. */
  #track(firing: Promise<void>): void {
    const tracked: Promise<void> = firing
      .catch((error: unknown) => this.#log.error(SOURCE, `A trigger failed: ${errorMessage(error)}`, error))
      .finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
