import { expect } from '@open-wc/testing';
import { MAX_WAIT_MS, type WaitOutput } from '../../../src/core/capabilities/builtins/index.js';
import { nameProblem } from '../../../src/core/capabilities/names.js';
import { isCometError } from '../../../src/core/errors.js';
import { hostRig, rejection, type HostRig } from './rig.js';

/** Resolves when a timer of `ms` is armed on the rig's clock: the wait has started sleeping. */
function sleeping(r: HostRig, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const setTimeout = r.clock.setTimeout.bind(r.clock);
    r.clock.setTimeout = (fn, delay) => {
      const handle = setTimeout(fn, delay);
      if (delay === ms) {
        r.clock.setTimeout = setTimeout;
        resolve();
      }
      return handle;
    };
  });
}

/** Records whether a promise has settled, without awaiting it. */
function track<T>(promise: Promise<T>): { done: () => boolean; result: Promise<T> } {
  let settled = false;
  const result = promise.finally(() => (settled = true));
  result.catch(() => undefined); // observed by the test through `result`
  return { done: () => settled, result };
}

describe('wait', () => {
  let r: HostRig;
  beforeEach(async () => {
    r = await hostRig();
  });
  afterEach(() => r.close());

  it('is named without a namespace, as workflow files write it (other bare names stay invalid)', () => {
    expect(r.registry.get('wait')?.name).to.equal('wait');
    expect(nameProblem('condition')).to.be.undefined;
    expect(nameProblem('sleep')).to.contain('needs a namespace');
  });

  it('sleeps a duration on the host clock, needing no grant', async () => {
    const start = r.clock.now();
    const armed = sleeping(r, 90_000);
    const call = track(r.host.invoke(r.agent, 'wait', { duration: '1m30s' }));
    await armed;
    r.clock.advance(89_999);
    await Promise.resolve();
    expect(call.done(), 'still waiting 1 ms before the end').to.be.false;
    r.clock.advance(1);
    expect(await call.result).to.deep.equal({ waitedMs: 90_000, until: start + 90_000 });
  });

  it('waits until an instant given as epoch ms or ISO text, and not at all for one in the past', async () => {
    const start = r.clock.now();
    const armed = sleeping(r, 5000);
    const iso = track(r.host.invoke(r.agent, 'wait', { until: new Date(start + 5000).toISOString() }));
    await armed;
    r.clock.advance(5000);
    expect(await iso.result).to.deep.equal({ waitedMs: 5000, until: start + 5000 });
    const past = (await r.host.invoke(r.agent, 'wait', { until: start - 60_000 })) as WaitOutput;
    expect(past).to.deep.equal({ waitedMs: 0, until: start - 60_000 });
  });

  it('sleeps only what is left when the same until is asked again (a replay after a reload)', async () => {
    const until = r.clock.now() + 10 * 60_000;
    r.clock.advance(7 * 60_000); // the page was closed for 7 of the 10 minutes
    const armed = sleeping(r, 3 * 60_000);
    const replay = track(r.host.invoke(r.agent, 'wait', { until }));
    await armed;
    r.clock.advance(3 * 60_000);
    expect(await replay.result).to.deep.equal({ waitedMs: 3 * 60_000, until });
  });

  it('stops when the caller aborts, leaving no timer behind', async () => {
    const controller = new AbortController();
    const armed = sleeping(r, 60_000);
    const call = track(r.host.invoke(r.agent, 'wait', { duration: 60_000 }, { signal: controller.signal }));
    await armed;
    expect(r.clock.pending).to.be.greaterThan(0);
    controller.abort();
    const error = await rejection(call.result);
    expect((error as Error).name).to.equal('AbortError');
    expect(r.clock.pending, 'the wait timer and the host deadline are cleared').to.equal(0);
  });

  it('is not cut short by the host deadline: its own limit is 24 days', async () => {
    const armed = sleeping(r, MAX_WAIT_MS);
    const call = track(r.host.invoke(r.agent, 'wait', { duration: '24d' }));
    await armed;
    r.clock.advance(MAX_WAIT_MS - 1);
    await Promise.resolve();
    expect(call.done()).to.be.false;
    r.clock.advance(1);
    expect(((await call.result) as WaitOutput).waitedMs).to.equal(MAX_WAIT_MS);
  });

  it('rejects both or neither of duration and until, bad durations and dates, and waits over 24 days', async () => {
    const start = r.clock.now();
    const cases: [unknown, string][] = [
      [{}, ''],
      [{ duration: '1s', until: start }, ''],
      [{ duration: 'soon' }, 'soon'],
      [{ duration: -5 }, 'duration'],
      [{ until: 'next tuesday' }, 'ISO 8601'],
      [{ duration: '25d' }, '24 days'],
      [{ until: start + MAX_WAIT_MS + 1 }, '24 days'],
    ];
    for (const [input, words] of cases) {
      const error = await rejection(r.host.invoke(r.agent, 'wait', input));
      expect(isCometError(error, 'invalid-input'), JSON.stringify(input)).to.be.true;
      expect((error as Error).message).to.contain(words);
    }
    expect(r.clock.pending).to.equal(0);
  });
});
