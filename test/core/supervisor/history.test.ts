import { expect } from '@open-wc/testing';
import { SessionHistory, TimeSeries } from '../../../src/core/supervisor/history.js';
import { entry } from './harness.js';

describe('session history', () => {
  it('counts and sums entries inside a sliding window with binary searches', () => {
    const series = new TimeSeries();
    [10, 20, 20, 30, 40].forEach((t, i) => series.push(t, i + 1)); // values 1..5
    expect(series.countSince(19)).to.equal(4);
    expect(series.countSince(20)).to.equal(2);
    expect(series.sumSince(19)).to.equal(2 + 3 + 4 + 5);
    expect(series.sumSince(40)).to.equal(0);
    expect(series.timeFromEnd(2)).to.equal(30);
    // Entries after 20 sum to 9; it drops below 6 once the entry at 30 (value 4) leaves.
    expect(series.timeSumDropsBelow(20, 6)).to.equal(30);
  });

  it('files an entry stamped before the last one at the last time, so the series stays sorted', () => {
    const series = new TimeSeries();
    series.push(100);
    series.push(50); // the clock went back
    expect(series.countSince(99)).to.equal(2);
  });

  it('drops what has left every window, and keeps counting correctly after compaction', () => {
    const series = new TimeSeries();
    for (let t = 0; t < 5000; t++) series.push(t);
    series.prune(3999);
    expect(series.length).to.equal(1000);
    expect(series.countSince(4499)).to.equal(500);
    expect(series.sumSince(-1)).to.equal(1000);
  });

  it('keeps run entries in order and forgets runs older than its retention', () => {
    const history = new SessionHistory({ retainMs: 1000 });
    history.add(entry({ time: 0, principal: 'agent:a', capability: 'x', runId: 'old' }));
    history.add(entry({ time: 5000, principal: 'agent:a', capability: 'x', runId: 'new' }));
    history.add(entry({ time: 5001, principal: 'agent:a', capability: 'y', runId: 'new' }));
    history.prune(5500);
    expect(history.run('old')).to.have.length(0);
    expect(history.run('new').map((e) => e.capability)).to.deep.equal(['x', 'y']);
    expect(history.size).to.equal(2);
  });
});
