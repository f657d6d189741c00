// Settings › Developer › "Check workers": starts a real worker, times its start-up and a batch of calls, and
// stops it. It tells a user whether this browser runs the app's workers (some privacy modes and old
// browsers do not) before a feature that needs one fails.
import { spawnWorker } from '../../core/rpc.js';
import type { EchoApi } from '../../../workers/echo.worker.js';

/** What one check measured. */
export interface WorkerCheckResult {
  /** From spawning the worker until it answered its readiness handshake. */
  startMs: number;
  /** Median round trip of a no-op call. */
  callMedianMs: number;
  calls: number;
}

/** Starts the echo worker, times start-up and `calls` no-op calls, then terminates it. Rejects with the start-up error. */
export async function checkWorkers(calls = 50): Promise<WorkerCheckResult> {
  const started = performance.now();
  const handle = spawnWorker<EchoApi>('echo', new URL('./echo.worker.js', import.meta.url), { startTimeoutMs: 10_000 });
  try {
    await handle.ready;
    const startMs = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await handle.api.noop();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { startMs, callMedianMs: times[Math.floor(times.length / 2)], calls };
  } finally {
    handle.terminate();
  }
}
