// A minimal worker: answers at once. The RPC benchmark measures the cost of a call with it (against raw pings
// to the same thread), and it is the smallest proof, in the debug inspector's worker list, that workers start.
import { exposeWorker, transfer } from '../src/core/rpc.js';

const api = {
  /** Does nothing: a call's round trip and nothing else. */
  noop(): void {},
  /** Returns its argument (copied back). */
  echo<T>(value: T): T {
    return value;
  },
  /** How many bytes arrived: proves a buffer reached the worker whole, whether moved or copied. */
  byteLength(data: ArrayBuffer | ArrayBufferView): number {
    return data.byteLength;
  },
  /** A Float32Array of `length` values, moved (not copied) to the caller. */
  floats(length: number): Float32Array {
    const values = new Float32Array(length).fill(1);
    return transfer(values, [values.buffer]);
  },
};

/** The echo worker's API, for spawnWorker<EchoApi>. */
export type EchoApi = typeof api;

/** A raw message outside Comlink: posted straight back (or from a microtask if `async`). */
export interface EchoPing {
  ping: number;
  async?: boolean;
}

// Raw pings on the same thread as the API calls: the benchmark's baseline, which must share the threads (and so
// the scheduling) of the Comlink calls it is compared with.
self.addEventListener('message', (event: MessageEvent<Partial<EchoPing> | null>) => {
  const { ping, async } = event.data ?? {};
  if (ping === undefined) return;
  if (async) void Promise.resolve().then(() => self.postMessage({ ping }));
  else self.postMessage({ ping });
});
exposeWorker(api);
