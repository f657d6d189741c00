import { expect } from '@open-wc/testing';
import { EventBus, type BusMessage } from '../../src/core/bus.js';
import { ManualClock } from '../../src/core/clock.js';
import { isCometError } from '../../src/core/errors.js';
import type { Topic } from '../../src/core/events.js';
import { log, type LogEntry } from '../../src/core/log.js';
import './fixtures/bus-test-events.js';

/** Resolves with the next message on `topic` that satisfies `accept`. */
function next<T extends Topic>(
  bus: EventBus,
  topic: T,
  accept: (message: BusMessage<T>) => boolean = () => true,
): Promise<BusMessage<T>> {
  return new Promise((resolve) => {
    const off = bus.subscribe(topic, (_payload, message) => {
      if (!accept(message)) return;
      off();
      resolve(message);
    });
  });
}

/** The topic inside a raw bus envelope seen on a port, for watching the wire itself. */
const wireTopic = (data: unknown) => (data as { message?: { topic?: string } }).message?.topic;

describe('EventBus', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it('delivers a payload with its message envelope to subscribers of the exact topic', () => {
    const bus = new EventBus({ id: 'page', clock: new ManualClock(5000) });
    const got: [unknown, BusMessage][] = [];
    bus.subscribe('test.a', (payload, message) => got.push([payload, message]));
    bus.publish('test.a', { n: 1 });
    bus.publish('test.other', { n: 2 });
    expect(got).to.have.length(1);
    expect(got[0][0]).to.deep.equal({ n: 1 });
    expect(got[0][1]).to.include({ topic: 'test.a', time: 5000, origin: 'page' });
  });

  it("matches 'prefix.*' at any depth and '*' for everything, but not a sibling prefix", () => {
    const bus = new EventBus();
    const seen: Record<string, string[]> = { 'test.*': [], 'test.a.*': [], '*': [], 'tes.*': [] };
    for (const pattern of ['test.*', 'test.a.*', '*', 'tes.*'] as const) {
      bus.subscribe(pattern, (_p, m) => seen[pattern].push(m.topic));
    }
    bus.publish('test.a', { n: 1 });
    bus.publish('test.a.b', { n: 2 });
    bus.publish('bus.ping', { from: 'x' });
    expect(seen).to.deep.equal({
      'test.*': ['test.a', 'test.a.b'],
      'test.a.*': ['test.a.b'],
      '*': ['test.a', 'test.a.b', 'bus.ping'],
      'tes.*': [],
    });
  });

  it('leaves listenerCount at 0 once every subscription is undone, even undone twice', () => {
    const bus = new EventBus();
    const offs = [
      bus.subscribe('test.a', () => {}),
      bus.subscribe('test.a', () => {}),
      bus.subscribe('test.*', () => {}),
      bus.subscribe('*', () => {}),
    ];
    expect(bus.listenerCount()).to.equal(4);
    offs.forEach((off) => off());
    offs[0]();
    expect(bus.listenerCount()).to.equal(0);
  });

  it('keeps delivering to other handlers when one throws, and reports the throw in the log', () => {
    const bus = new EventBus();
    const errors: LogEntry[] = [];
    cleanups.push(log.subscribe((e) => e.level === 'error' && errors.push(e)));
    const got: number[] = [];
    bus.subscribe('test.a', () => {
      throw new Error('boom');
    });
    bus.subscribe('test.a', (p) => got.push(p.n));
    bus.subscribe('*', () => got.push(-1));
    bus.publish('test.a', { n: 7 });
    expect(got).to.deep.equal([7, -1]);
    expect(errors).to.have.length(1);
    expect(errors[0].message).to.contain('boom').and.contain('test.a');
  });

  it('lets a handler unsubscribe itself while the message is being delivered', () => {
    const bus = new EventBus();
    const got: string[] = [];
    const off = bus.subscribe('test.a', () => {
      got.push('first');
      off();
    });
    bus.subscribe('test.a', () => got.push('second'));
    bus.publish('test.a', { n: 1 });
    bus.publish('test.a', { n: 2 });
    expect(got).to.deep.equal(['first', 'second', 'second']);
  });

  it('carries messages between two buses over a real BroadcastChannel, in both directions', async () => {
    const name = `bus-test-${crypto.randomUUID()}`;
    const a = new EventBus({ id: 'tab-a' });
    const b = new EventBus({ id: 'tab-b' });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    a.connectBroadcastChannel(name);
    b.connectBroadcastChannel(name);
    const atB = next(b, 'test.a');
    a.publish('test.a', { n: 1 });
    expect((await atB).payload).to.deep.equal({ n: 1 });
    expect((await atB).origin).to.equal('tab-a');
    const atA = next(a, 'test.other');
    b.publish('test.other', { n: 2 });
    expect((await atA).origin).to.equal('tab-b');
  });

  it('refuses an uncloneable payload with an error naming the topic, before anyone receives it', () => {
    const bus = new EventBus();
    cleanups.push(() => bus.close());
    bus.connectBroadcastChannel(`bus-test-${crypto.randomUUID()}`);
    let delivered = false;
    bus.subscribe('test.fn', () => (delivered = true));
    let error: unknown;
    try {
      bus.publish('test.fn', { f: () => {} });
    } catch (e) {
      error = e;
    }
    expect(isCometError(error, 'not-cloneable')).to.be.true;
    expect((error as Error).message).to.contain('test.fn');
    expect(delivered).to.be.false;
  });

  it('talks to a bus inside a real worker in both directions', async () => {
    const worker = new Worker(new URL('./fixtures/bus-echo.worker.ts', import.meta.url), { type: 'module' });
    const bus = new EventBus({ id: 'page' });
    cleanups.push(
      () => bus.close(),
      () => worker.terminate(),
    );
    bus.connectPort(worker);
    const reply = next(bus, 'test.echo.reply');
    bus.publish('test.echo', { n: 42 });
    const { payload, origin } = await reply;
    expect(payload).to.deep.equal({ n: 42, seen: 1, requestOrigin: 'page', worker: 'echo-worker' });
    expect(origin).to.equal('echo-worker');
  });

  it('relays between a worker and other tabs without echoes or loops', async () => {
    const name = `bus-test-${crypto.randomUUID()}`;
    const worker = new Worker(new URL('./fixtures/bus-echo.worker.ts', import.meta.url), { type: 'module' });
    const page = new EventBus({ id: 'page' });
    const otherTab = new EventBus({ id: 'other-tab' });
    cleanups.push(
      () => page.close(),
      () => otherTab.close(),
      () => worker.terminate(),
    );
    page.connectPort(worker);
    page.connectBroadcastChannel(name);
    otherTab.connectBroadcastChannel(name);
    const atPage: string[] = [];
    const atOther: string[] = [];
    page.subscribe('*', (_p, m) => atPage.push(`${m.topic}#${(m.payload as { n: number }).n}`));
    otherTab.subscribe('*', (_p, m) => atOther.push(`${m.topic}#${(m.payload as { n: number }).n}`));

    // The other tab asks; the page relays to the worker; the worker's answer comes back through the page.
    for (const n of [1, 2, 3]) {
      const reply = next(otherTab, 'test.echo.reply', (m) => m.payload.n === n);
      otherTab.publish('test.echo', { n });
      expect((await reply).payload.seen, 'the worker saw each request exactly once').to.equal(n);
    }
    // A last round trip from the page flushes anything still in flight on both transports.
    const flushed = next(otherTab, 'test.echo.reply', (m) => m.payload.n === 4);
    page.publish('test.echo', { n: 4 });
    expect((await flushed).payload.seen).to.equal(4);
    const expected = [1, 2, 3, 4].flatMap((n) => [`test.echo#${n}`, `test.echo.reply#${n}`]);
    expect(atPage).to.deep.equal(expected);
    expect(atOther).to.deep.equal(expected);
  });

  it('never sends a message back through the port it arrived on', async () => {
    const { port1, port2 } = new MessageChannel();
    const hub = new EventBus({ id: 'hub' });
    const spoke = new EventBus({ id: 'spoke' });
    cleanups.push(
      () => hub.close(),
      () => spoke.close(),
      () => port1.close(),
    );
    // Listen to the raw wire before the spoke does, so every envelope is recorded before the spoke reacts.
    const onTheWire: string[] = [];
    port2.addEventListener('message', (e) => onTheWire.push(wireTopic(e.data) ?? '?'));
    hub.connectPort(port1);
    spoke.connectPort(port2);

    const arrived = next(hub, 'test.a');
    spoke.publish('test.a', { n: 1 });
    await arrived;
    // Ports are ordered: an echo of test.a would reach port2 before the sentinel does.
    const sentinel = next(spoke, 'test.other');
    hub.publish('test.other', { n: 2 });
    await sentinel;
    expect(onTheWire).to.deep.equal(['test.other']);
  });

  it('delivers once on every bus when the transports form a cycle', async () => {
    const buses = ['a', 'b', 'c'].map((id) => new EventBus({ id }));
    const [a, b, c] = buses as [EventBus, EventBus, EventBus];
    for (const [x, y] of [
      [a, b],
      [b, c],
      [c, a],
    ] as const) {
      const { port1, port2 } = new MessageChannel();
      x.connectPort(port1);
      y.connectPort(port2);
      cleanups.push(() => port1.close());
    }
    cleanups.push(() => buses.forEach((bus) => bus.close()));
    const counts = buses.map(() => 0);
    buses.forEach((bus, i) => bus.subscribe('test.a', () => counts[i]++));

    a.publish('test.a', { n: 1 });
    // Sentinels sent after it on the same ports arrive after it; an endless relay would have counted twice by then.
    const sentinels = Promise.all([next(b, 'test.other'), next(c, 'test.other')]);
    a.publish('test.other', { n: 0 });
    await sentinels;
    expect(counts).to.deep.equal([1, 1, 1]);
  });

  it('stops listening to a port once disconnected, and close drops the rest', async () => {
    const { port1, port2 } = new MessageChannel();
    const a = new EventBus();
    const b = new EventBus();
    cleanups.push(() => port1.close());
    const disconnect = a.connectPort(port1);
    b.connectPort(port2);
    a.connectBroadcastChannel(`bus-test-${crypto.randomUUID()}`);
    let received = 0;
    a.subscribe('test.a', () => received++);
    expect(a.transportCount()).to.equal(2);
    disconnect();
    expect(a.transportCount()).to.equal(1);
    // A listener added now runs after any the bus left behind on the same event, so when it fires the bus would have too.
    const raw = new Promise((resolve) => port1.addEventListener('message', resolve, { once: true }));
    b.publish('test.a', { n: 1 });
    await raw;
    expect(received).to.equal(0);
    a.close();
    b.close();
    expect(a.transportCount()).to.equal(0);
    expect(a.listenerCount()).to.equal(0);
  });
});
