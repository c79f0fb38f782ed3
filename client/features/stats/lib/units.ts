import { HOUR_MS, formatDuration } from '#client/lib/format.ts';

// The statistics' charts run their time axes in hours (the unit analysts
// quote); shares read as percentages. Durations and dates are formatted in
// client/lib/format.ts.

/** An axis tick given in hours: "0", "12h", "2d", "1.5d". */
export function formatHourTick(hours: number): string {
  return formatDuration(hours * HOUR_MS, 'axis');
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
