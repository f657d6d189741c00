/**
 * What a worker call costs: a raw postMessage round trip, the same no-op through Comlink (raw, and through
 * spawnWorker's tracking endpoint), the same calls 50 in flight at once, and moving a 15 MB Float32Array by
 * transfer against copying it. Every case talks to one echo worker: a lone round trip's latency depends on where
 * the OS puts the two threads, so cases on different workers are not comparable.
 * Targets (issue 3): Comlink within 1.5× of raw postMessage; the 15 MB transfer under 5 ms.
 */
import { wrap } from 'comlink';
import { spawnWorker, transfer } from '../src/core/rpc.js';
import type { EchoApi, EchoPing } from '../workers/echo.worker.js';
import { measure, measureTogether } from './harness.js';

const FLOATS_15MB = (15 * 1024 * 1024) / Float32Array.BYTES_PER_ELEMENT;

const echo = spawnWorker<EchoApi>('echo', new URL('./echo.worker.js', import.meta.url));
await echo.ready;
const worker = echo.worker!;
const comlink = wrap<EchoApi>(worker);

// Raw postMessage: one listener, replies matched by id, as a hand-written RPC would do it. The async variant has
// the worker reply from a microtask, as any handler that awaits (Comlink's among them) does.
const waiting = new Map<number, () => void>();
worker.addEventListener('message', (event: MessageEvent<Partial<EchoPing>>) => {
  const { ping } = event.data;
  if (ping === undefined) return;
  waiting.get(ping)?.();
  waiting.delete(ping);
});
let nextPing = 0;
const rawCall = (async = false) =>
  new Promise<void>((resolve) => {
    const ping = ++nextPing;
    waiting.set(ping, resolve);
    worker.postMessage({ ping, async } satisfies EchoPing);
  });

await measureTogether(
  [
    { name: 'postmessage-noop', fn: () => rawCall() },
    { name: 'postmessage-async-noop', fn: () => rawCall(true), peer: 'postmessage-noop' },
    { name: 'comlink-raw-noop', fn: () => comlink.noop(), peer: 'postmessage-noop' },
    { name: 'comlink-noop', fn: () => echo.api.noop(), peer: 'postmessage-noop' },
  ],
  { samples: 30, warmup: 5, batch: 200 },
);

// 50 calls in flight at once (the figure is per 50): the CPU cost per call, without a lone call's wake-up latency.
const fifty = (call: () => Promise<unknown>) => () => Promise.all(Array.from({ length: 50 }, call));
await measureTogether(
  [
    { name: 'postmessage-noop-x50', fn: fifty(() => rawCall()) },
    { name: 'comlink-noop-x50', fn: fifty(() => echo.api.noop()), peer: 'postmessage-noop-x50' },
  ],
  { samples: 30, warmup: 5, batch: 10 },
);

const arrays = (count: number) => () => Array.from({ length: count }, () => new Float32Array(FLOATS_15MB));
await measure('clone-15mb', (floats: Float32Array[], i) => echo.api.byteLength(floats[i]), {
  samples: 15,
  warmup: 3,
  batch: 2,
  setup: arrays(2),
});
await measure(
  'transfer-15mb',
  (floats: Float32Array[], i) => echo.api.byteLength(transfer(floats[i], [floats[i].buffer])),
  { samples: 20, warmup: 3, batch: 5, setup: arrays(5), peer: 'clone-15mb' },
);

echo.terminate();
