/**
 * Kaplan–Meier estimate of "share of calls still awaiting a reply after t".
 *
 * Why not just the median of replied calls: a ministry that never answers its
 * awkward calls would look fast. Kaplan–Meier keeps every call in the
 * denominator for as long as we watched it — calls still awaiting, or
 * withdrawn, are *censored* at the time we stopped watching — so unanswered
 * calls pull the curve up instead of vanishing (SPEC.md, "Statistics of
 * response time").
 *
 * Reference: the full life table, built the textbook way from counts per
 * distinct duration (`DurationCount`); `kaplanMeier()` is the per-call
 * wrapper. The server runs SurvivalStream (shared/domain/stats/stream.ts);
 * the tests check it against this.
 */
import { reachesHalf, type SurvivalPoint } from '#shared/domain/stats/curve.ts';

/** One call as the estimator sees it: how long it was observed and whether it ended in a reply. */
export interface Observation {
  durationMs: number;
  /** true: a reply (answered/returned/declined); false: censored (withdrawn or still awaiting). */
  event: boolean;
}

/** Pre-aggregated input: how many replies and censorings happened at exactly `durationMs`. */
export interface DurationCount {
  durationMs: number;
  events: number;
  censored: number;
}

/** One row of the life table; there is a row for every distinct observed duration. */
export interface KaplanMeierStep {
  tMs: number;
  /** Calls still awaiting (and watched) just before tMs. */
  atRisk: number;
  events: number;
  censored: number;
  /** S(tMs), right-continuous: replies at tMs are already counted. */
  survival: number;
  /**
   * Greenwood's sum Σ d / (n (n − d)) over event times ≤ tMs: the estimated
   * variance of log S(tMs). Var(S) = S² × variance, SE(S) = S × √variance.
   * Infinity once S reaches 0 (n = d), where the variance is undefined.
   */
  variance: number;
}

export interface KaplanMeierResult {
  /**
   * The step curve for charts: { tMs: 0, stillAwaiting: 1 } and then one point
   * per distinct *reply* time. Censor-only times are left out — the curve does
   * not move there and charts of a million calls stay small. Read it as a
   * right-continuous step: the value at t is the last point with tMs ≤ t. If
   * replies were logged with zero delay there are two points at tMs 0 (1, then
   * S(0)), which draws as a drop at the origin.
   */
  curve: SurvivalPoint[];
  /** The full life table, censor-only times included (so the last step is the longest observation). */
  steps: KaplanMeierStep[];
  /** Smallest reply time with S(t) ≤ 0.5 (SPEC.md); null if the curve never gets there. */
  medianMs: number | null;
}

function checkRow(row: DurationCount): void {
  if (!Number.isFinite(row.durationMs) || row.durationMs < 0) {
    throw new RangeError(`durationMs must be a finite number >= 0, got ${row.durationMs}`);
  }
  for (const [name, value] of [['events', row.events], ['censored', row.censored]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Kaplan–Meier from counts per duration. Rows may be unsorted and may repeat a
 * duration (they are merged). At equal durations replies are counted before
 * censorings — the standard convention: a call withdrawn at t was still
 * waiting at t, so it belongs to the risk set of replies at t.
 */
export function kaplanMeierFromCounts(rows: readonly DurationCount[]): KaplanMeierResult {
  const merged = new Map<number, { events: number; censored: number }>();
  let total = 0;
  for (const row of rows) {
    checkRow(row);
    if (row.events + row.censored === 0) continue;
    const cell = merged.get(row.durationMs) ?? { events: 0, censored: 0 };
    cell.events += row.events;
    cell.censored += row.censored;
    merged.set(row.durationMs, cell);
    total += row.events + row.censored;
  }

  const times = [...merged.keys()].sort((a, b) => a - b);
  const curve: SurvivalPoint[] = [{ tMs: 0, stillAwaiting: 1 }];
  const steps: KaplanMeierStep[] = [];
  let medianMs: number | null = null;
  let atRisk = total;
  let survival = 1;
  let variance = 0;

  for (const tMs of times) {
    const { events, censored } = merged.get(tMs) ?? { events: 0, censored: 0 };
    if (events > 0) {
      survival *= (atRisk - events) / atRisk;
      // n = d makes the Greenwood term d / 0: S is 0 and its log undefined.
      variance += atRisk === events ? Infinity : events / (atRisk * (atRisk - events));
      curve.push({ tMs, stillAwaiting: survival });
      if (medianMs === null && reachesHalf(survival)) medianMs = tMs;
    }
    steps.push({ tMs, atRisk, events, censored, survival, variance });
    atRisk -= events + censored;
  }

  return { curve, steps, medianMs };
}

/** Kaplan–Meier from one observation per call: a thin wrapper that counts per duration. */
export function kaplanMeier(observations: readonly Observation[]): KaplanMeierResult {
  const counts = new Map<number, DurationCount>();
  for (const { durationMs, event } of observations) {
    const row = counts.get(durationMs) ?? { durationMs, events: 0, censored: 0 };
    if (event) row.events += 1;
    else row.censored += 1;
    counts.set(durationMs, row);
  }
  return kaplanMeierFromCounts([...counts.values()]);
}

/**
 * S(t): estimated share of calls still without a reply t ms after placing.
 *
 * Null when there is no estimate: no data at all, or t lies beyond the longest
 * observation while calls were still unreplied there (the last observation
 * was censored). Kaplan–Meier says nothing about that range — extending the
 * last value would claim nobody replies after our data ends. If S already
 * reached 0 the curve is known to stay 0, so t beyond the data answers 0.
 */
export function survivalAt(result: KaplanMeierResult, tMs: number): number | null {
  if (Number.isNaN(tMs)) throw new RangeError('tMs must be a number');
  const last = result.steps[result.steps.length - 1];
  if (last === undefined) return null;
  if (tMs > last.tMs && last.survival > 0) return null;
  if (tMs < 0) return 1; // no call can be answered before it is placed

  // Binary search for the last curve point with tMs <= t (the curve is sorted).
  const { curve } = result;
  let lo = 0;
  let hi = curve.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((curve[mid]?.tMs ?? Infinity) <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return curve[lo]?.stillAwaiting ?? 1;
}

/** Estimated chance that a call gets a reply within t ms: 1 − S(t), null where S(t) is. */
export function probabilityOfReplyWithin(result: KaplanMeierResult, tMs: number): number | null {
  const s = survivalAt(result, tMs);
  return s === null ? null : 1 - s;
}
