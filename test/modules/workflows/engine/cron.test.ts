import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { isCometError } from '../../../../src/core/errors.js';
import {
  cronProblem,
  describeCron,
  nextOccurrence,
  occurrencesBetween,
  previousOccurrence,
} from '../../../../src/modules/workflows/engine/cron.js';

const at = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

/** The wall-clock time 'YYYY-MM-DD HH:MM' of `ms` in `timeZone`. */
function wallClock(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

describe('cron', () => {
  describe('cronProblem', () => {
    it('accepts five-field and six-field (seconds first) schedules', () => {
      expect(cronProblem('0 9 * * 1-5')).to.equal(undefined);
      expect(cronProblem('*/10 * * * * *')).to.equal(undefined);
      expect(cronProblem('0 9 * * MON-FRI', 'Europe/Berlin')).to.equal(undefined);
    });

    it('explains a wrong number of fields, an out-of-range value, an unknown zone and a date that never comes', () => {
      expect(cronProblem('* * *')).to.match(/3 field\(s\).*five.*six/);
      expect(cronProblem('0 0 9 * * * 2030')).to.match(/7 field\(s\)/);
      expect(cronProblem('61 * * * *')).to.match(/minute: 61/);
      expect(cronProblem('')).to.match(/empty/);
      expect(cronProblem('0 9 * * *', 'Mars/Olympus_Mons')).to.match(/"Mars\/Olympus_Mons" is not a time zone/);
      expect(cronProblem('0 0 30 2 *')).to.match(/never occurs/);
    });

    it('makes nextOccurrence throw cron-invalid with the same reason', () => {
      let thrown: unknown;
      try {
        nextOccurrence('61 * * * *', 'UTC', 0);
      } catch (error) {
        thrown = error;
      }
      expect(isCometError(thrown, 'cron-invalid')).to.be.true;
      expect((thrown as Error).message)
        .to.contain('"61 * * * *" is not a valid schedule')
        .and.contain('minute: 61');
    });
  });

  describe('occurrences', () => {
    it('gives the next occurrence strictly after the reference, even when the reference is one', () => {
      const nine = at('2025-06-02T09:00:00Z');
      expect(iso(nextOccurrence('0 9 * * *', 'UTC', nine - 1)!)).to.equal('2025-06-02T09:00:00.000Z');
      expect(iso(nextOccurrence('0 9 * * *', 'UTC', nine)!)).to.equal('2025-06-03T09:00:00.000Z');
      expect(iso(nextOccurrence('0 9 * * *', 'UTC', nine + 500)!)).to.equal('2025-06-03T09:00:00.000Z');
    });

    it('lists occurrences between two times, the start excluded and the end included', () => {
      const list = occurrencesBetween('0 9 * * *', 'UTC', at('2025-06-01T09:00:00Z'), at('2025-06-04T09:00:00Z'));
      expect(list.map(iso)).to.deep.equal([
        '2025-06-02T09:00:00.000Z',
        '2025-06-03T09:00:00.000Z',
        '2025-06-04T09:00:00.000Z',
      ]);
    });

    it('stops at the limit with the oldest occurrences', () => {
      const list = occurrencesBetween('* * * * *', 'UTC', at('2025-06-01T00:00:00Z'), at('2025-06-08T00:00:00Z'), 3);
      expect(list.map(iso)).to.deep.equal([
        '2025-06-01T00:01:00.000Z',
        '2025-06-01T00:02:00.000Z',
        '2025-06-01T00:03:00.000Z',
      ]);
    });

    it('counts six-field schedules by the second', () => {
      const list = occurrencesBetween('*/15 * * * * *', 'UTC', at('2025-06-01T00:00:00Z'), at('2025-06-01T00:01:00Z'));
      expect(list).to.have.length(4);
    });

    it('gives the previous occurrence at or before a time', () => {
      expect(iso(previousOccurrence('0 9 * * *', 'UTC', at('2025-06-02T09:00:00Z'))!)).to.equal(
        '2025-06-02T09:00:00.000Z',
      );
      expect(iso(previousOccurrence('0 9 * * *', 'UTC', at('2025-06-02T08:59:59Z'))!)).to.equal(
        '2025-06-01T09:00:00.000Z',
      );
    });
  });

  describe('daylight saving time', () => {
    it('keeps 09:00 at 09:00 in New York when the clocks spring forward and fall back', () => {
      const spring = occurrencesBetween(
        '0 9 * * *',
        'America/New_York',
        at('2025-03-08T00:00:00Z'),
        at('2025-03-11T00:00:00Z'),
      );
      expect(spring.map(iso)).to.deep.equal([
        '2025-03-08T14:00:00.000Z', // EST, UTC−5
        '2025-03-09T13:00:00.000Z', // EDT, UTC−4: the day of the change
        '2025-03-10T13:00:00.000Z',
      ]);
      const autumn = occurrencesBetween(
        '0 9 * * *',
        'America/New_York',
        at('2025-11-01T00:00:00Z'),
        at('2025-11-04T00:00:00Z'),
      );
      expect(autumn.map(iso)).to.deep.equal([
        '2025-11-01T13:00:00.000Z',
        '2025-11-02T14:00:00.000Z',
        '2025-11-03T14:00:00.000Z',
      ]);
    });

    it('keeps 09:00 at 09:00 in Berlin when the clocks spring forward and fall back', () => {
      const spring = occurrencesBetween(
        '0 9 * * *',
        'Europe/Berlin',
        at('2025-03-29T00:00:00Z'),
        at('2025-04-01T00:00:00Z'),
      );
      expect(spring.map((ms) => wallClock(ms, 'Europe/Berlin'))).to.deep.equal([
        '2025-03-29 09:00',
        '2025-03-30 09:00',
        '2025-03-31 09:00',
      ]);
      expect(spring.map(iso)).to.deep.equal([
        '2025-03-29T08:00:00.000Z',
        '2025-03-30T07:00:00.000Z',
        '2025-03-31T07:00:00.000Z',
      ]);
      const autumn = occurrencesBetween(
        '0 9 * * *',
        'Europe/Berlin',
        at('2025-10-25T00:00:00Z'),
        at('2025-10-27T00:00:00Z'),
      );
      expect(autumn.map(iso)).to.deep.equal(['2025-10-25T07:00:00.000Z', '2025-10-26T08:00:00.000Z']);
    });

    it('runs a time skipped by the spring-forward gap once, when the clock has jumped', () => {
      const list = occurrencesBetween(
        '30 2 * * *',
        'America/New_York',
        at('2025-03-08T00:00:00Z'),
        at('2025-03-11T00:00:00Z'),
      );
      expect(list.map((ms) => wallClock(ms, 'America/New_York'))).to.deep.equal([
        '2025-03-08 02:30',
        '2025-03-09 03:00',
        '2025-03-10 02:30',
      ]);
    });

    it('runs a fixed time that occurs twice in the autumn once, and an interval on both passes', () => {
      const fixed = occurrencesBetween(
        '30 1 * * *',
        'America/New_York',
        at('2025-11-02T00:00:00Z'),
        at('2025-11-03T00:00:00Z'),
      );
      expect(fixed.map(iso)).to.deep.equal(['2025-11-02T05:30:00.000Z']);
      const interval = occurrencesBetween(
        '*/30 1 * * *',
        'America/New_York',
        at('2025-11-02T00:00:00Z'),
        at('2025-11-03T00:00:00Z'),
      );
      expect(interval).to.have.length(4); // 01:00 and 01:30 EDT, then 01:00 and 01:30 EST
    });

    it('runs a daily schedule once per local day at its local time for a whole year, in any zone', () => {
      const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago'];
      fc.assert(
        fc.property(
          fc.constantFrom(...zones),
          fc.integer({ min: 4, max: 23 }),
          fc.integer({ min: 0, max: 59 }),
          (zone, hour, minute) => {
            const list = occurrencesBetween(
              `${minute} ${hour} * * *`,
              zone,
              at('2025-01-01T00:00:00Z'),
              at('2026-01-01T00:00:00Z'),
            );
            const days = new Set(list.map((ms) => wallClock(ms, zone).slice(0, 10)));
            const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
            return (
              days.size === list.length && list.length >= 364 && list.every((ms) => wallClock(ms, zone).endsWith(hhmm))
            );
          },
        ),
        { numRuns: 15 },
      );
    });
  });

  describe('describeCron', () => {
    it('writes a schedule in words, in 24-hour time', () => {
      expect(describeCron('0 9 * * 1-5')).to.equal('At 09:00, Monday through Friday');
      expect(describeCron('*/15 * * * *')).to.equal('Every 15 minutes');
      expect(describeCron('*/5 * * * * *')).to.equal('Every 5 seconds');
    });

    it('falls back to the expression when it cannot describe it', () => {
      expect(describeCron('61 * * * *')).to.equal('61 * * * *');
      expect(describeCron('not a cron')).to.equal('not a cron');
    });
  });
});
