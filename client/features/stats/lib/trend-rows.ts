import { formatPeriod } from '#client/lib/format.ts';
import { nextPeriodStart } from '#shared/domain/stats/periods.ts';
import type { Trend, TrendInterval } from '#shared/schemas/stats.ts';
import { hours } from './chart-data.ts';

export type TrendMeasure = 'survivalMedianMs' | 'medianResponseMs';

export interface TrendRow {
  start: string;
  /** The period's start (epoch ms) for a time axis, and its label. */
  at: number;
  label: string;
  [key: string]: number | string | null;
}

export interface TrendLayout {
  /** Every period from the first with a figure to the last, oldest first; a period without calls has no group columns. */
  rows: TrendRow[];
  /** The last period, when it is still under way (asOf, or the window's end, falls inside it). */
  partial: TrendRow | null;
  /** Some period in between had no calls of the chosen groups: the lines break there. */
  gaps: boolean;
}

/**
 * The column a group's figure for a period still under way goes in, drawn
 * dashed from the last complete period; the group's own column stops there.
 */
export const partialKey = (key: string) => `${key}~so-far`;

/**
 * One row per period (oldest first), a column per group key (hours; null
 * where the period had calls but no figure). Periods without calls get a row
 * with no figures at all, so the chart breaks its lines there instead of
 * drawing a straight line across them; the period still under way moves to
 * the partial columns, so its low early figure is not read as a drop.
 */
export function trendRows(trend: Trend, keys: readonly string[], measure: TrendMeasure, interval: TrendInterval): TrendLayout {
  const byStart = new Map<number, TrendRow>();
  const row = (at: number) => {
    let found = byStart.get(at);
    if (!found) {
      const start = new Date(at).toISOString();
      found = { start, at, label: formatPeriod(start, interval) };
      byStart.set(at, found);
    }
    return found;
  };
  for (const group of trend.groups) {
    if (!keys.includes(group.key)) continue;
    for (const period of group.periods) row(Date.parse(period.start))[group.key] = hours(period[measure]);
  }
  const filled = [...byStart.keys()];
  if (filled.length === 0) return { rows: [], partial: null, gaps: false };
  const first = Math.min(...filled);
  const last = Math.max(...filled);
  for (let at = nextPeriodStart(interval, first); at < last; at = nextPeriodStart(interval, at)) row(at);
  const rows = [...byStart.values()].sort((a, b) => a.at - b.at);
  const gaps = rows.length > filled.length;

  const endMs = Math.min(Date.parse(trend.asOf), trend.to === null ? Infinity : Date.parse(trend.to));
  const current = rows[rows.length - 1]!;
  if (nextPeriodStart(interval, current.at) <= endMs) return { rows, partial: null, gaps };
  const before = rows.length > 1 ? rows[rows.length - 2]! : null;
  for (const key of keys) {
    const value = current[key];
    if (typeof value !== 'number') continue;
    current[partialKey(key)] = value;
    delete current[key];
    const previous = before?.[key];
    if (before && typeof previous === 'number') before[partialKey(key)] = previous;
  }
  return { rows, partial: current, gaps };
}

/** A figure with no figure either side: a line cannot show it, so it needs its dot. */
export function isLonely(rows: readonly TrendRow[], index: number, column: string): boolean {
  return typeof rows[index]?.[column] === 'number' && typeof rows[index - 1]?.[column] !== 'number' && typeof rows[index + 1]?.[column] !== 'number';
}
