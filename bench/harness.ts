/**
 * A tiny benchmark harness that runs in the page scripts/bench.mjs opens. `measure` times a case and records a
 * row; the runner collects the rows, works out each ratio to its peer and writes bench/results/<name>.json.
 */

/** How to time one case. */
export interface MeasureOptions<T> {
  /** Timed samples (default 30). */
  samples?: number;
  /** Untimed samples first, so the JIT and caches settle (default 5). */
  warmup?: number;
  /**
   * Calls per sample; a sample's figure is its time divided by this. Pages without cross-origin isolation see
   * performance.now() in 0.1 ms steps, so anything faster than a few ms needs batching to be measured at all.
   */
  batch?: number;
  /** Units of work one call does (e.g. the steps of a run): figures are per unit (default 1). */
  per?: number;
  /** The case this one is compared with (its ratio is median / peer median). */
  peer?: string | null;
  /** Runs before each sample, untimed; its result is passed to every call of the sample. */
  setup?: () => T | Promise<T>;
}

/** One measured case, as written to bench/results/<name>.json (the runner adds the ratio). */
export interface BenchRow {
  case: string;
  unit: 'ms';
  median: number;
  p95: number;
  samples: number;
  peer: string | null;
}

const rows: BenchRow[] = [];
/** Where the runner reads the rows once the bench module has finished. */
(globalThis as { __cometBench?: { rows: BenchRow[] } }).__cometBench = { rows };

/** Times `fn` and records a row: per-call milliseconds, median and 95th percentile over the samples. */
export async function measure<T = undefined>(
  caseName: string,
  fn: (value: T, index: number) => unknown,
  options: MeasureOptions<T> = {},
): Promise<BenchRow> {
  const [row] = await measureTogether([{ name: caseName, fn, peer: options.peer, setup: options.setup }], options);
  return row;
}

/** One case of measureTogether. */
export interface BenchCase<T> {
  name: string;
  fn: (value: T, index: number) => unknown;
  peer?: string | null;
  setup?: () => T | Promise<T>;
}

/**
 * Times several cases sample by sample in turn (rotating which goes first), so that a change in machine load
 * during the run, common on shared CI machines, weighs on every case alike instead of skewing their ratios.
 */
export async function measureTogether<T = undefined>(
  cases: BenchCase<T>[],
  options: Omit<MeasureOptions<T>, 'peer' | 'setup'> = {},
): Promise<BenchRow[]> {
  const { samples = 30, warmup = 5, batch = 1, per = 1 } = options;
  const times = cases.map((): number[] => []);
  for (let s = 0; s < warmup + samples; s++) {
    for (let k = 0; k < cases.length; k++) {
      const c = (s + k) % cases.length;
      const { fn, setup } = cases[c];
      const value = (setup ? await setup() : undefined) as T;
      const start = performance.now();
      for (let i = 0; i < batch; i++) await fn(value, i);
      if (s >= warmup) times[c].push((performance.now() - start) / batch / per);
    }
  }
  return cases.map(({ name, peer = null }, c) => {
    const sorted = times[c].sort((a, b) => a - b);
    const row: BenchRow = {
      case: name,
      unit: 'ms',
      median: round(percentile(sorted, 0.5)),
      p95: round(percentile(sorted, 0.95)),
      samples,
      peer,
    };
    rows.push(row);
    return row;
  });
}

/** The nearest-rank percentile of sorted values (the median of an even count is the mean of the middle two). */
function percentile(sorted: number[], p: number): number {
  if (p === 0.5 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

const round = (ms: number) => Math.round(ms * 10_000) / 10_000;
