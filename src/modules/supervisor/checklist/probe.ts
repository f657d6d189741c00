/**
 * The checklist's vocabulary: a probe is one live check of the running supervisor. While it runs it notes what it
 * did and what it saw, so a person can follow the check; it passes by returning a summary and fails by throwing
 * 'probe-failed' with what went wrong.
 */
import { CometError } from '../../../core/errors.js';
import type { ProbeKit } from './probe-kit.js';

/** How a probe ended: it passed, it found the supervisor broken, or it could not run safely. */
export type ProbeStatus = 'pass' | 'fail' | 'not-run';

/** One line of a probe's account: something it did, or something it saw (ok: false marks what was wrong). */
export interface ProbeStep {
  kind: 'did' | 'saw';
  text: string;
  ok?: boolean;
}

/** A probe's result, as the checklist shows it. */
export interface ProbeResult {
  id: string;
  title: string;
  status: ProbeStatus;
  /** One sentence: what it found (pass) or what was wrong (fail, not-run). */
  summary: string;
  steps: ProbeStep[];
  /** When it ran (epoch ms, the services' clock). */
  ranAt: number;
  durationMs: number;
}

/** One live check. */
export interface Probe {
  /** Stable id: 'default-deny', 'expired-grant', … */
  readonly id: string;
  /** What holds when it passes: 'Default deny holds'. */
  readonly title: string;
  /** What it checks, in one sentence, shown before it has run. */
  readonly about: string;
  /** Runs the check with a kit of scratch principal, capability and clock; resolves with the summary. */
  run(kit: ProbeKit): Promise<string>;
}

/** Fails the probe with `reason` unless `condition` holds. */
export function expectThat(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new CometError('probe-failed', { reason });
}

/** Stops the probe without a verdict: running it would touch the user's data or limits. */
export function notRun(reason: string): never {
  throw new CometError('probe-not-run', { reason });
}
