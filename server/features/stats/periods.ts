import { nextPeriodStart, periodStart } from '#shared/domain/stats/periods.ts';
import type { TrendInterval } from '#shared/schemas/stats.ts';

const WEEK_MS = 7 * 86_400_000;
/** More periods than this would be a chart nobody can read (and an answer nobody wants to wait for). */
export const MAX_PERIODS = 1200;

export interface Periods {
  /** count + 1 boundaries: period i is [bounds[i], bounds[i + 1]). */
  bounds: number[];
  count: number;
  /** The period holding placedAt, or −1 outside them all. */
  of(placedMs: number): number;
}

/**
 * The UTC weeks or months covering [fromMs, toMs) (finite). Throws a
 * RangeError past MAX_PERIODS; the service turns it into a 400.
 */
export function periodsCovering(interval: TrendInterval, fromMs: number, toMs: number): Periods {
  const bounds: number[] = [];
  if (toMs > fromMs) {
    let start = periodStart(interval, fromMs);
    bounds.push(start);
    while (start < toMs) {
      start = nextPeriodStart(interval, start);
      bounds.push(start);
      if (bounds.length > MAX_PERIODS + 1) throw new RangeError(`more than ${MAX_PERIODS} periods`);
    }
  }
  const count = Math.max(0, bounds.length - 1);
  const first = bounds[0] ?? 0;
  const last = bounds[count] ?? 0;
  // A UTC week is always exactly WEEK_MS long, so a call's week is a division
  // (this runs once per call); months differ in length and are searched.
  const of =
    interval === 'week'
      ? (placed: number) => (placed < first || placed >= last ? -1 : Math.floor((placed - first) / WEEK_MS))
      : (placed: number) => {
          if (placed < first || placed >= last) return -1;
          let lo = 0;
          let hi = count - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (bounds[mid]! <= placed) lo = mid;
            else hi = mid - 1;
          }
          return lo;
        };
  return { bounds, count, of };
}
