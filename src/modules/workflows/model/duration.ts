/**
 * Durations in workflow files: a number of milliseconds, or text such as '250ms', '2s', '5m', '1h', '1d' and
 * combinations ('1m30s', '1h 15m'). Read with parseDuration; shown to people with formatDuration.
 */
import { CometError } from '../../../core/errors.js';
import type { Duration } from './types.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** One amount and unit ('1.5s'); the text is read as a run of these, spaces allowed between them. */
const PART = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d)\s*/y;

/** Milliseconds of a Duration; throws CometError 'invalid-argument' naming `field` when it is not one. */
export function parseDuration(d: Duration, field = 'The duration'): number {
  const invalid = (reason: string) =>
    new CometError('invalid-argument', { what: `${field} (${JSON.stringify(d) ?? String(d)})`, reason, field });
  if (typeof d === 'number') {
    if (!Number.isFinite(d) || d < 0) throw invalid('it must be a finite number of milliseconds ≥ 0');
    return d;
  }
  if (typeof d !== 'string') throw invalid("it must be milliseconds or text like '500ms', '2s', '5m', '1h', '1m30s'");
  const text = d.trim();
  if (text === '') throw invalid("it is empty; write e.g. '30s' or '5m'");
  let total = 0;
  const seen = new Set<Unit>();
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex;
    const match = PART.exec(text);
    if (!match) {
      throw invalid(
        `"${text.slice(at)}" is not an amount and a unit (ms, s, m, h, d)` +
          (/^\d+(\.\d+)?$/.test(text) ? `; for milliseconds write ${text}ms or the number ${text}` : ''),
      );
    }
    const unit = match[2] as Unit;
    if (seen.has(unit)) throw invalid(`the unit '${unit}' appears twice`);
    seen.add(unit);
    total += Number(match[1]) * UNIT_MS[unit];
  }
  return Math.round(total);
}

/** A short human text for a number of milliseconds: '250 ms', '1.5 s', '2 min', '1 min 30 s', '1 h 5 min', '2 d 3 h'. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return ms > 0 ? 'forever' : String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return pair(Math.floor(seconds / 60), 'min', seconds % 60, 's');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  const hours = Math.round(ms / 3_600_000);
  return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

/** '1 h 5 min', or '1 h' when the smaller part is zero. */
function pair(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}
