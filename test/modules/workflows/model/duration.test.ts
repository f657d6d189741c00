import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { isCometError } from '../../../../src/core/errors.js';
import { formatDuration, parseDuration } from '../../../../src/modules/workflows/model/duration.js';

describe('parseDuration', () => {
  it('reads milliseconds given as a number', () => {
    expect(parseDuration(0)).to.equal(0);
    expect(parseDuration(1500)).to.equal(1500);
  });

  it('reads each unit and combinations of them', () => {
    expect(parseDuration('250ms')).to.equal(250);
    expect(parseDuration('2s')).to.equal(2000);
    expect(parseDuration('5m')).to.equal(300_000);
    expect(parseDuration('1h')).to.equal(3_600_000);
    expect(parseDuration('1d')).to.equal(86_400_000);
    expect(parseDuration('1m30s')).to.equal(90_000);
    expect(parseDuration('1h 15m')).to.equal(4_500_000);
    expect(parseDuration('1.5s')).to.equal(1500);
  });

  it('rejects negative numbers, unknown units, bare digits and repeated units, naming the field', () => {
    for (const bad of [-1, Number.NaN, Infinity, '', '5', '5 minutes', '2x', '1s1s', 's', null, {}]) {
      let thrown: unknown;
      try {
        parseDuration(bad as never, 'steps[0].timeout');
      } catch (error) {
        thrown = error;
      }
      expect(isCometError(thrown, 'invalid-argument'), JSON.stringify(bad)).to.equal(true);
      expect((thrown as Error).message).to.contain('steps[0].timeout');
    }
  });

  it('suggests the ms unit when given digits as text', () => {
    expect(() => parseDuration('500')).to.throw(/500ms/);
  });

  it('reads back any sum of units it is given', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.nat(23), fc.nat(59), fc.nat(59), fc.nat(999), (d, h, m, s, ms) => {
        const text = `${d}d${h}h${m}m${s}s${ms}ms`;
        expect(parseDuration(text)).to.equal((((d * 24 + h) * 60 + m) * 60 + s) * 1000 + ms);
      }),
    );
  });
});

describe('formatDuration', () => {
  it('writes short human text in the largest fitting units', () => {
    expect(formatDuration(250)).to.equal('250 ms');
    expect(formatDuration(1500)).to.equal('1.5 s');
    expect(formatDuration(2000)).to.equal('2 s');
    expect(formatDuration(90_000)).to.equal('1 min 30 s');
    expect(formatDuration(120_000)).to.equal('2 min');
    expect(formatDuration(3_900_000)).to.equal('1 h 5 min');
    expect(formatDuration(97_200_000)).to.equal('1 d 3 h');
  });

  it('rounds up into the next unit instead of writing 60 s or 60 min', () => {
    expect(formatDuration(59_990)).to.equal('1 min');
    expect(formatDuration(3_599_900)).to.equal('1 h');
  });
});
