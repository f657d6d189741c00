import { expect } from '@open-wc/testing';
import Dexie from 'dexie';
import { EventBus } from '../../../../src/core/bus.js';
import { ManualClock, type Clock } from '../../../../src/core/clock.js';
import { Logger } from '../../../../src/core/log.js';
import { CometDB } from '../../../../src/db/db.js';
import '../../../../src/modules/workflows/engine/bus-events.js';
import { TriggerRunner, type TriggerRunnerDeps } from '../../../../src/modules/workflows/engine/triggers.js';
import { triggerStateTable } from '../../../../src/modules/workflows/engine/triggers-state.js';
import type { WorkflowDefinition, WorkflowTrigger } from '../../../../src/modules/workflows/model/types.js';
import { uniqueName } from '../../../db/raw-idb.js';

// Topics only these tests publish, added the way modules add theirs.
declare module '../../../../src/core/events.js' {
  interface CometEvents {
    'test.notes.saved': { id: string; text?: string; n?: number };
    'test.notes.deleted': { id: string };
    'test.files.saved': { id: string };
  }
}

const at = (iso: string) => new Date(iso).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A saved workflow with the given triggers. */
const workflow = (id: string, ...triggers: WorkflowTrigger[]): WorkflowDefinition => ({
  id,
  name: id,
  steps: [{ id: 'a', capability: 'wait', input: { for: '1s' } }],
  triggers,
});

interface Started {
  workflowId: string;
  inputs: Record<string, unknown>;
  origin: { principal: string; trigger: string; detail?: string };
  /** What the state held for the trigger when the run started: the "at most once" order. */
  stateAtStart: number | undefined;
}

/** A TriggerRunner on a manual clock and a real bus, with state in a Map (shared across "reloads") and a log. */
function rig(start: Date | number, options: { state?: Map<string, number>; clock?: Clock } = {}) {
  const manual = new ManualClock(start);
  const clock = options.clock ?? manual;
  const bus = new EventBus({ clock });
  const stored = options.state ?? new Map<string, number>();
  const started: Started[] = [];
  const log = new Logger(500, () => clock.now());
  const state: TriggerRunnerDeps['state'] = {
    get: (key) => Promise.resolve(stored.get(key)),
    set: (key, firedAt) => {
      stored.set(key, firedAt);
      return Promise.resolve();
    },
  };
  const deps: TriggerRunnerDeps = {
    clock,
    bus,
    state,
    log,
    start: (workflowId, inputs, origin) => {
      started.push({ workflowId, inputs, origin, stateAtStart: stored.get(`${workflowId}/0`) });
      return Promise.resolve(`run-${started.length}`);
    },
  };
  const runner = new TriggerRunner(deps);
  /** Moves the clock to `target` in steps, letting each firing finish (write state, start, re-arm) in between. */
  const advanceTo = async (target: number, step = HOUR) => {
    while (manual.now() < target) {
      manual.set(Math.min(target, manual.now() + step));
      await runner.idle();
    }
  };
  return { clock: manual, bus, stored, started, log, runner, advanceTo };
}

const details = (started: Started[]) => started.map((s) => s.origin.detail);

describe('TriggerRunner', () => {
  describe('schedules', () => {
    it('records a new schedule’s baseline without firing for the past, then fires at each occurrence', async () => {
      const t = rig(at('2025-06-02T08:00:00Z'));
      const trigger: WorkflowTrigger = { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC', missed: 'catch-up' };
      await t.runner.load([workflow('digest', trigger)]);
      await t.runner.idle();
      expect(t.started).to.deep.equal([]);
      expect(t.stored.get('digest/0')).to.equal(at('2025-06-02T08:00:00Z'));
      expect(t.runner.armed()).to.deep.equal([
        { key: 'digest/0', workflowId: 'digest', cron: '0 9 * * *', timezone: 'UTC', next: at('2025-06-02T09:00:00Z') },
      ]);

      await t.advanceTo(at('2025-06-03T10:00:00Z'));
      expect(t.started.map((s) => [s.workflowId, s.origin])).to.deep.equal([
        ['digest', { principal: 'module:workflows', trigger: 'schedule', detail: '2025-06-02T09:00:00.000Z' }],
        ['digest', { principal: 'module:workflows', trigger: 'schedule', detail: '2025-06-03T09:00:00.000Z' }],
      ]);
      expect(t.runner.armed()[0].next).to.equal(at('2025-06-04T09:00:00Z'));
      t.runner.dispose();
    });

    it('writes the firing to the state before it starts the run', async () => {
      const t = rig(at('2025-06-02T08:00:00Z'));
      await t.runner.load([workflow('digest', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC' })]);
      await t.advanceTo(at('2025-06-02T09:00:00Z'));
      expect(t.started).to.have.length(1);
      expect(t.started[0].stateAtStart).to.equal(at('2025-06-02T09:00:00Z'));
      t.runner.dispose();
    });

    it('starts one catch-up run after a 3-day gap, saying how many were missed', async () => {
      const state = new Map([['digest/0', at('2025-06-01T09:00:00Z')]]);
      const t = rig(at('2025-06-04T12:00:00Z'), { state });
      const trigger: WorkflowTrigger = {
        type: 'schedule',
        cron: '0 9 * * *',
        timezone: 'UTC',
        missed: 'catch-up',
        inputs: { since: 'yesterday' },
      };
      await t.runner.load([workflow('digest', trigger)]);
      await t.runner.idle();
      expect(t.started).to.have.length(1);
      expect(t.started[0].inputs).to.deep.equal({ since: 'yesterday' });
      expect(t.started[0].origin.detail).to.equal(
        '2025-06-04T09:00:00.000Z (catch-up of 3 missed occurrence(s) since 2025-06-02T09:00:00.000Z)',
      );
      expect(state.get('digest/0')).to.equal(at('2025-06-04T12:00:00Z'));

      await t.advanceTo(at('2025-06-05T09:30:00Z'));
      expect(details(t.started).slice(1)).to.deep.equal(['2025-06-05T09:00:00.000Z']);
      t.runner.dispose();
    });

    it('skips missed runs by default, logs them, and keeps the schedule', async () => {
      const state = new Map([['digest/0', at('2025-06-01T09:00:00Z')]]);
      const t = rig(at('2025-06-04T12:00:00Z'), { state });
      await t.runner.load([workflow('digest', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC' })]);
      await t.runner.idle();
      expect(t.started).to.deep.equal([]);
      const entry = t.log.entries().find((e) => e.message.startsWith('Skipped'));
      expect(entry?.message).to.equal(
        "Skipped 3 missed occurrence(s) of workflow digest's schedule since 2025-06-02T09:00:00.000Z",
      );
      await t.advanceTo(at('2025-06-05T09:30:00Z'));
      expect(details(t.started)).to.deep.equal(['2025-06-05T09:00:00.000Z']);
      t.runner.dispose();
    });

    it('runs an occurrence that is only seconds late (a leader handover) as on time, even when skipping', async () => {
      const state = new Map([['digest/0', at('2025-06-02T09:00:00Z')]]);
      const t = rig(at('2025-06-03T09:00:04Z'), { state });
      await t.runner.load([workflow('digest', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC' })]);
      await t.runner.idle();
      expect(details(t.started)).to.deep.equal(['2025-06-03T09:00:00.000Z']);
      t.runner.dispose();
    });

    it('never fires twice for one occurrence when a new runner loads over the same state (a reload)', async () => {
      const state = new Map<string, number>();
      const digest = workflow('digest', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC', missed: 'catch-up' });
      const first = rig(at('2025-06-02T08:00:00Z'), { state });
      await first.runner.load([digest]);
      await first.advanceTo(at('2025-06-02T09:00:00Z'));
      first.runner.dispose();
      expect(first.started).to.have.length(1);

      // Reloaded at the very moment it fired, then a minute and an hour later: nothing is due again.
      for (const reloadAt of ['2025-06-02T09:00:00Z', '2025-06-02T09:01:00Z', '2025-06-02T10:00:00Z']) {
        const again = rig(at(reloadAt), { state });
        await again.runner.load([digest]);
        await again.runner.idle();
        expect(again.started, reloadAt).to.deep.equal([]);
        again.runner.dispose();
      }

      const next = rig(at('2025-06-02T11:00:00Z'), { state });
      await next.runner.load([digest]);
      await next.advanceTo(at('2025-06-03T09:00:00Z'));
      expect(details(next.started)).to.deep.equal(['2025-06-03T09:00:00.000Z']);
      next.runner.dispose();
    });

    it('keeps 09:00 local across the DST change in Berlin and in New York', async () => {
      const t = rig(at('2025-03-28T12:00:00Z'));
      await t.runner.load([
        workflow('berlin', { type: 'schedule', cron: '0 9 * * *', timezone: 'Europe/Berlin' }),
        workflow('new-york', { type: 'schedule', cron: '0 9 * * *', timezone: 'America/New_York' }),
      ]);
      await t.advanceTo(at('2025-04-01T00:00:00Z'));
      const of = (id: string) => t.started.filter((s) => s.workflowId === id).map((s) => s.origin.detail);
      expect(of('berlin')).to.deep.equal([
        '2025-03-29T08:00:00.000Z', // 09:00 CET
        '2025-03-30T07:00:00.000Z', // 09:00 CEST, the day the clocks went forward
        '2025-03-31T07:00:00.000Z',
      ]);
      expect(of('new-york')).to.deep.equal([
        '2025-03-28T13:00:00.000Z', // 09:00 EDT (New York changed on March 9th)
        '2025-03-29T13:00:00.000Z',
        '2025-03-30T13:00:00.000Z',
        '2025-03-31T13:00:00.000Z',
      ]);
      t.runner.dispose();
    });

    it('chains timers for an occurrence further away than a timer can wait (2^31−1 ms, about 24.8 days)', async () => {
      const manual = new ManualClock(at('2025-02-01T00:00:00Z'));
      const delays: number[] = [];
      // A browser fires a longer timeout at once; this clock refuses one, so an unchained wait fails the test.
      const strict: Clock = {
        now: () => manual.now(),
        clearTimeout: (handle) => manual.clearTimeout(handle),
        setTimeout: (fn, ms) => {
          if (ms > 2 ** 31 - 1) throw new Error(`a timer of ${ms} ms would fire at once`);
          delays.push(ms);
          return manual.setTimeout(fn, ms);
        },
      };
      const t = rig(manual.now(), { clock: strict });
      // The rig's own ManualClock is unused; drive the strict one's.
      await t.runner.load([workflow('yearly', { type: 'schedule', cron: '0 0 1 1 *', timezone: 'UTC' })]);
      expect(t.runner.armed()[0].next).to.equal(at('2026-01-01T00:00:00Z'));
      while (manual.now() < at('2026-01-02T00:00:00Z')) {
        manual.advance(10 * DAY);
        await t.runner.idle();
      }
      expect(details(t.started)).to.deep.equal(['2026-01-01T00:00:00.000Z']);
      expect(delays.filter((ms) => ms === 2 ** 31 - 1).length).to.be.greaterThan(1);
      t.runner.dispose();
    });

    it('treats an edited schedule as new (no catch-up for the new cron’s past) and keeps an unchanged one armed', async () => {
      const t = rig(at('2025-06-02T08:00:00Z'));
      const daily = workflow('digest', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC', missed: 'catch-up' });
      await t.runner.load([daily]);
      await t.runner.load([daily]);
      expect(t.clock.pending).to.equal(1);
      await t.advanceTo(at('2025-06-02T15:00:00Z'));
      expect(t.started).to.have.length(1);

      const noon = workflow('digest', { type: 'schedule', cron: '0 12 * * *', timezone: 'UTC', missed: 'catch-up' });
      await t.runner.load([noon]);
      await t.runner.idle();
      expect(t.started).to.have.length(1);
      expect(t.runner.armed()[0].next).to.equal(at('2025-06-03T12:00:00Z'));
      t.runner.dispose();
    });

    it('disarms the schedules of removed workflows, and everything on dispose', async () => {
      const t = rig(at('2025-06-02T08:00:00Z'));
      await t.runner.load([
        workflow('a', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC' }),
        workflow('b', { type: 'schedule', cron: '0 10 * * *', timezone: 'UTC' }, { type: 'event', topic: 'test.*' }),
      ]);
      expect(t.clock.pending).to.equal(2);
      await t.runner.load([workflow('b', { type: 'schedule', cron: '0 10 * * *', timezone: 'UTC' })]);
      expect(t.runner.armed().map((a) => a.key)).to.deep.equal(['b/0']);
      expect(t.bus.listenerCount()).to.equal(0);
      await t.advanceTo(at('2025-06-02T11:00:00Z'));
      expect(t.started.map((s) => s.workflowId)).to.deep.equal(['b']);
      t.runner.dispose();
      expect(t.clock.pending).to.equal(0);
    });

    it('does not arm an invalid schedule, and says why', async () => {
      const t = rig(at('2025-06-02T08:00:00Z'));
      await t.runner.load([workflow('bad', { type: 'schedule', cron: '0 25 * * *', timezone: 'UTC' })]);
      expect(t.clock.pending).to.equal(0);
      expect(t.runner.armed()[0].problem).to.match(/hour: 25/);
      expect(t.log.entries().some((e) => e.level === 'warn' && e.message.includes('not armed'))).to.be.true;
      t.runner.dispose();
    });

    it('keeps the schedule armed when the state cannot be written, without starting the unrecorded run', async () => {
      const t = rig(at('2025-06-02T08:00:00Z'));
      t.runner.dispose();
      let started = 0;
      const failing = new TriggerRunner({
        clock: t.clock,
        bus: t.bus,
        log: t.log,
        state: {
          get: () => Promise.resolve(at('2025-06-02T08:00:00Z')),
          set: () => Promise.reject(new Error('disk full')),
        },
        start: () => Promise.resolve(started++),
      });
      await failing.load([workflow('digest', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC' })]);
      t.clock.set(at('2025-06-02T09:00:00Z'));
      await failing.idle();
      expect(started).to.equal(0);
      expect(t.log.entries().some((e) => e.level === 'error' && e.message.includes('did not fire'))).to.be.true;
      expect(failing.armed()[0].next).to.equal(at('2025-06-03T09:00:00Z'));
      failing.dispose();
    });
  });

  describe('events', () => {
    it('starts a run with the payload as inputs.event, from an exact topic', async () => {
      const t = rig(0);
      await t.runner.load([workflow('on-note', { type: 'event', topic: 'test.notes.saved' })]);
      t.bus.publish('test.notes.saved', { id: 'n1' });
      t.bus.publish('test.notes.deleted', { id: 'n1' });
      await t.runner.idle();
      expect(t.started.map(({ workflowId, inputs, origin }) => ({ workflowId, inputs, origin }))).to.deep.equal([
        {
          workflowId: 'on-note',
          inputs: { event: { id: 'n1' } },
          origin: { principal: 'module:workflows', trigger: 'event', detail: 'test.notes.saved' },
        },
      ]);
      t.runner.dispose();
    });

    it('matches patterns: a prefix and a star in the middle', async () => {
      const t = rig(0);
      await t.runner.load([
        workflow('any-notes', { type: 'event', topic: 'test.notes.*' }),
        workflow('any-saved', { type: 'event', topic: 'test.*.saved' }),
      ]);
      t.bus.publish('test.notes.saved', { id: '1' });
      t.bus.publish('test.notes.deleted', { id: '2' });
      t.bus.publish('test.files.saved', { id: '3' });
      await t.runner.idle();
      const seen = t.started.map((s) => `${s.workflowId} ← ${s.origin.detail}`);
      expect(seen).to.have.members([
        'any-notes ← test.notes.saved',
        'any-notes ← test.notes.deleted',
        'any-saved ← test.notes.saved',
        'any-saved ← test.files.saved',
      ]);
      t.runner.dispose();
    });

    it('fills the inputs template from the event and the topic', async () => {
      const t = rig(0);
      const trigger: WorkflowTrigger = {
        type: 'event',
        topic: 'test.notes.*',
        inputs: { noteId: '{{event.id}}', summary: 'Note {{event.id}} on {{topic}}' },
      };
      await t.runner.load([workflow('on-note', trigger)]);
      t.bus.publish('test.notes.saved', { id: 'n7' });
      await t.runner.idle();
      expect(t.started[0].inputs).to.deep.equal({ noteId: 'n7', summary: 'Note n7 on test.notes.saved' });
      t.runner.dispose();
    });

    it('starts nothing and logs why when the template names a field the event lacks', async () => {
      const t = rig(0);
      await t.runner.load([
        workflow('on-note', { type: 'event', topic: 'test.notes.saved', inputs: { text: '{{event.text}}' } }),
      ]);
      t.bus.publish('test.notes.saved', { id: 'n1' });
      await t.runner.idle();
      expect(t.started).to.deep.equal([]);
      expect(t.log.entries().some((e) => e.level === 'warn' && e.message.includes('did not start workflow on-note'))).to
        .be.true;
      t.runner.dispose();
    });

    it('collapses a burst of 10 events into one run with the last payload when debounced', async () => {
      const t = rig(0);
      await t.runner.load([workflow('on-note', { type: 'event', topic: 'test.notes.saved', debounce: '2s' })]);
      for (let n = 0; n < 10; n++) {
        t.bus.publish('test.notes.saved', { id: 'n', n });
        t.clock.advance(100);
      }
      await t.runner.idle();
      expect(t.started).to.deep.equal([]);
      t.clock.advance(1900); // two seconds after the last event
      await t.runner.idle();
      expect(t.started.map((s) => s.inputs)).to.deep.equal([{ event: { id: 'n', n: 9 } }]);
      expect(t.runner.listening()).to.deep.equal([
        { key: 'on-note/0', workflowId: 'on-note', topic: 'test.notes.saved', debounceMs: 2000 },
      ]);
      t.runner.dispose();
    });

    it('ignores the engine’s own workflow.* topics unless the pattern names them, and never a workflow’s own runs', async () => {
      const t = rig(0);
      await t.runner.load([
        workflow('everything', { type: 'event', topic: '*' }),
        workflow('on-run', { type: 'event', topic: 'workflow.run.changed' }),
      ]);
      const change = { runId: 'r1', status: 'succeeded' as const, stepsDone: 1, stepsTotal: 1 };
      t.bus.publish('workflow.run.changed', { ...change, workflowId: 'digest' });
      t.bus.publish('workflow.run.changed', { ...change, workflowId: 'on-run' });
      t.bus.publish('test.notes.saved', { id: 'n1' });
      await t.runner.idle();
      const seen = t.started.map((s) => `${s.workflowId} ← ${s.origin.detail}`);
      expect(seen).to.have.members(['on-run ← workflow.run.changed', 'everything ← test.notes.saved']);
      t.runner.dispose();
    });

    it('keeps a pending debounce across a reload of unchanged definitions, and drops it when the trigger changes', async () => {
      const t = rig(0);
      const debounced = workflow('on-note', { type: 'event', topic: 'test.notes.saved', debounce: '1s' });
      await t.runner.load([debounced]);
      t.bus.publish('test.notes.saved', { id: 'a' });
      await t.runner.load([debounced, workflow('other')]);
      t.clock.advance(1000);
      await t.runner.idle();
      expect(t.started).to.have.length(1);

      t.bus.publish('test.notes.saved', { id: 'b' });
      await t.runner.load([workflow('on-note', { type: 'event', topic: 'test.notes.saved', debounce: '5s' })]);
      t.clock.advance(5000);
      await t.runner.idle();
      expect(t.started).to.have.length(1);
      expect(t.bus.listenerCount()).to.equal(1);
      t.runner.dispose();
      expect(t.bus.listenerCount()).to.equal(0);
    });
  });

  describe('state in IndexedDB', () => {
    it('remembers the last firing across runners through the triggerState table', async () => {
      const db = new CometDB(uniqueName('triggers'));
      await db.open();
      try {
        const state = triggerStateTable(db.triggerState);
        const digest = workflow('digest', { type: 'schedule', cron: '0 9 * * *', timezone: 'UTC', missed: 'catch-up' });
        const clock = new ManualClock(at('2025-06-02T08:00:00Z'));
        const started: string[] = [];
        const deps = (c: ManualClock): TriggerRunnerDeps => ({
          clock: c,
          bus: new EventBus({ clock: c }),
          state,
          log: new Logger(),
          start: (id, _inputs, origin) => Promise.resolve(started.push(`${id} ${origin.detail}`)),
        });
        const first = new TriggerRunner(deps(clock));
        await first.load([digest]);
        clock.set(at('2025-06-02T09:00:00Z'));
        await first.idle();
        first.dispose();
        expect(await db.triggerState.get('digest/0')).to.deep.equal({
          key: 'digest/0',
          lastFiredAt: at('2025-06-02T09:00:00Z'),
        });

        const reopened = new TriggerRunner(deps(new ManualClock(at('2025-06-02T09:30:00Z'))));
        await reopened.load([digest]);
        await reopened.idle();
        reopened.dispose();
        expect(started).to.deep.equal(['digest 2025-06-02T09:00:00.000Z']);
      } finally {
        // A read's transaction outlives its promise; a write waits for it, so deleting is not blocked by it.
        await db.transaction('rw', db.triggerState, () => undefined);
        db.close();
        await Dexie.delete(db.name);
      }
    });
  });
});
