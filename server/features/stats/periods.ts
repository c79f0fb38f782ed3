import type { TrendInterval } from '#shared/schemas/stats.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** More periods than this would be a chart nobody can read (and an answer nobody wants to wait for). */
export const MAX_PERIODS = 1200;

/** The start of the UTC week (Monday 00:00) or month holding `ms`. */
export function periodStart(interval: TrendInterval, ms: number): number {
  const d = new Date(ms);
  if (interval === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const daysSinceMonday = (d.getUTCDay() + 6) % 7;
  return midnight - daysSinceMonday * DAY_MS;
}

function nextStart(interval: TrendInterval, start: number): number {
  if (interval === 'week') return start + WEEK_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

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
      start = nextStart(interval, start);
      bounds.push(start);
      if (bounds.length > MAX_PERIODS + 1) throw new RangeError(`more than ${MAX_PERIODS} periods`);
    }
  }
  const count = Math.max(0, bounds.length - 1);
  const first = bounds[0] ?? 0;
  const last = bounds[count] ?? 0;
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
