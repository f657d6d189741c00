import { expect } from '@open-wc/testing';
import { ManualClock, sleep } from '../../src/core/clock.js';

describe('ManualClock', () => {
  it('fires timers in due order as time is advanced, including timers added while firing', () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@300'), 300);
    clock.setTimeout(() => {
      fired.push('a@100');
      clock.setTimeout(() => fired.push('c@150'), 50);
    }, 100);
    clock.advance(299);
    expect(fired).to.deep.equal(['a@100', 'c@150']);
    clock.advance(1);
    expect(fired).to.deep.equal(['a@100', 'c@150', 'b@300']);
    expect(clock.now()).to.equal(1300);
  });

  it('rejects a sleep when its signal aborts, and leaves no timer behind', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const slept = sleep(clock, 1000, controller.signal);
    controller.abort(new Error('stop'));
    let error: unknown;
    try {
      await slept;
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.equal('stop');
    expect(clock.pending).to.equal(0);
  });
});
