import { HOUR_MS } from '#client/lib/format.ts';
import type { ResponseTimeGroup } from '#shared/schemas/stats.ts';
import type { CsvValue } from './csv.ts';

export const hours = (ms: number | null) => (ms === null ? null : ms / HOUR_MS);

/**
 * The groups whose curves the page draws before anyone picks: the busiest
 * with enough calls to trust, topped up with the busiest small ones when
 * fewer than `count` have enough, so the page never opens on empty charts.
 */
export function defaultCurveKeys(groups: readonly ResponseTimeGroup[], count: number): string[] {
  const busiest = [...groups].sort((a, b) => b.calls - a.calls || a.label.localeCompare(b.label, 'en'));
  return [...busiest.filter((g) => !g.smallSample), ...busiest.filter((g) => g.smallSample)].slice(0, count).map((g) => g.key);
}

export interface RankedGroup {
  group: ResponseTimeGroup;
  /** 1 = fastest by survival median; null for small groups, which are shown but not ranked. */
  rank: number | null;
}

/**
 * Fastest first by the survival median — the figure that counts unanswered
 * calls. Groups that never reach half replied (no survival median) come after
 * those that do, by their chance of a reply within 72 h; groups with fewer
 * than 5 calls follow, unranked, by name.
 */
export function rankGroups(groups: readonly ResponseTimeGroup[]): RankedGroup[] {
  const big = groups.filter((g) => !g.smallSample);
  const small = groups.filter((g) => g.smallSample).sort((a, b) => a.label.localeCompare(b.label, 'en'));
  big.sort((a, b) => {
    const am = a.survivalMedianMs ?? Infinity;
    const bm = b.survivalMedianMs ?? Infinity;
    if (am !== bm) return am - bm;
    const a72 = a.replyWithin72hProbability ?? -1;
    const b72 = b.replyWithin72hProbability ?? -1;
    if (a72 !== b72) return b72 - a72;
    return a.label.localeCompare(b.label, 'en');
  });
  return [...big.map((group, i) => ({ group, rank: i + 1 })), ...small.map((group) => ({ group, rank: null }))];
}

export interface MedianRow {
  key: string;
  label: string;
  median: number | null;
  p90: number | null;
  survivalMedian: number | null;
  /** The survival median's 95% interval; null ends are not bounded by the data. */
  ciLower: number | null;
  ciUpper: number | null;
  smallSample: boolean;
  calls: number;
}

/** The bar chart's rows, in hours; small groups labelled with their count. */
export function medianRows(ranked: readonly RankedGroup[]): MedianRow[] {
  return ranked.map(({ group: g }) => ({
    key: g.key,
    label: g.smallSample ? `${g.label} (n=${g.calls})` : g.label,
    median: hours(g.medianResponseMs),
    p90: hours(g.p90ResponseMs),
    survivalMedian: hours(g.survivalMedianMs),
    ciLower: hours(g.survivalMedianCi.lowerMs),
    ciUpper: hours(g.survivalMedianCi.upperMs),
    smallSample: g.smallSample,
    calls: g.calls,
  }));
}

/**
 * Where the median chart's axis ends (hours): the largest figure of the
 * groups big enough to rank, with a little room. A small group's outlier (one
 * call answered after years) would otherwise squash every other bar to
 * nothing; its bars run off the edge, and the tooltip and table give the value.
 */
export function medianAxisMax(groups: readonly ResponseTimeGroup[]): number {
  const ranked = groups.filter((g) => !g.smallSample);
  let max = 1;
  for (const g of ranked.length > 0 ? ranked : groups) {
    for (const v of [g.medianResponseMs, g.p90ResponseMs, g.survivalMedianMs, g.survivalMedianCi.upperMs]) if (v !== null) max = Math.max(max, v / HOUR_MS);
  }
  return max * 1.05;
}

export interface CurvePoint {
  hours: number;
  /** Percent still awaiting, 0–100. */
  awaiting: number;
}

/**
 * One group's Kaplan–Meier curve as chart points (hours, percent), cut at
 * maxHours, and carried flat to the longest observation: the estimate is
 * known up to there and not beyond, so the line stops there.
 */
export function curvePoints(group: ResponseTimeGroup, maxHours: number): CurvePoint[] {
  const points: CurvePoint[] = [];
  let last = 100;
  for (const p of group.survival) {
    const h = p.tMs / HOUR_MS;
    if (h > maxHours) break;
    last = p.stillAwaiting * 100;
    points.push({ hours: h, awaiting: last });
  }
  const end = group.observedUntilMs === null ? null : Math.min(group.observedUntilMs / HOUR_MS, maxHours);
  const tail = points[points.length - 1];
  if (end !== null && tail && end > tail.hours) points.push({ hours: end, awaiting: last });
  return points;
}

/** Where the survival chart's time axis should end: the latest survival median shown, doubled, within 1 h … 60 days. */
export function survivalAxisMax(groups: readonly ResponseTimeGroup[]): number {
  let max = 24;
  for (const g of groups) {
    const ends = [g.survivalMedianMs, g.p90ResponseMs].filter((v): v is number => v !== null);
    for (const v of ends) max = Math.max(max, (v / HOUR_MS) * 1.5);
  }
  return Math.min(max, 60 * 24);
}

export const CSV_HEADER = [
  'rank', 'key', 'label', 'calls', 'responded', 'awaiting', 'withdrawn', 'responseRate',
  'medianResponseMs', 'p90ResponseMs', 'survivalMedianMs', 'survivalMedianCiLowerMs', 'survivalMedianCiUpperMs',
  'replyWithin24hProbability', 'replyWithin72hProbability', 'smallSample',
] as const;

/** The table as CSV rows: the API's own field names and exact values (milliseconds, shares 0–1). */
export function csvRows(ranked: readonly RankedGroup[]): CsvValue[][] {
  return ranked.map(({ group: g, rank }) => [
    rank, g.key, g.label, g.calls, g.responded, g.awaiting, g.withdrawn, g.responseRate,
    g.medianResponseMs, g.p90ResponseMs, g.survivalMedianMs, g.survivalMedianCi.lowerMs, g.survivalMedianCi.upperMs,
    g.replyWithin24hProbability, g.replyWithin72hProbability, g.smallSample,
  ]);
}
