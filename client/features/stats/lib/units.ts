import type { TrendInterval } from '#shared/schemas/stats.ts';

// Formatting for the statistics: durations in hours and days (the unit
// analysts quote), shares as percentages, and period labels in UTC because
// the server's weeks and months are UTC periods.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A response time for tables and tooltips: "45 min", "6.5 h", "3.2 days". */
export function formatHours(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < HOUR_MS) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * HOUR_MS) return `${trim(ms / HOUR_MS)} h`;
  return `${trim(ms / DAY_MS)} days`;
}

function trim(value: number): string {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
}

/** An axis tick in hours: "0", "12h", "2d", "1.5d". */
export function formatAxisHours(hours: number): string {
  if (hours === 0) return '0';
  if (hours < 48) return `${trim(hours)}h`;
  return `${trim(hours / 24)}d`;
}

/**
 * Round tick positions (in hours) for an axis from 0 to maxHours: steps of
 * 1, 2, 3, 6, 12 hours or 1, 2, 3, 7, 14, 30 days, ending on the first
 * tick at or past maxHours: at most eight ticks.
 */
export function hourTicks(maxHours: number): number[] {
  const steps = [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720];
  const max = Math.max(maxHours, 1);
  const step = steps.find((s) => max / s <= 6) ?? Math.ceil(max / 6 / 720) * 720;
  const ticks: number[] = [0];
  // Up to the first tick at or past the maximum, so the axis ends on a labelled value.
  while (ticks[ticks.length - 1]! < max - 1e-9) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** A share as a percentage: "94%", "<1%" for a small non-zero share, "—" when unknown. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value > 0 && value < 0.005) return '<1%';
  if (value < 1 && value > 0.995) return '>99%';
  return `${Math.round(value * 100)}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A trend period's label, read in UTC like the period itself: "11 Feb 2013" (week of) or "Feb 2013". */
export function periodLabel(startIso: string, interval: TrendInterval): string {
  const d = new Date(startIso);
  const month = MONTHS[d.getUTCMonth()]!;
  return interval === 'month' ? `${month} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}
