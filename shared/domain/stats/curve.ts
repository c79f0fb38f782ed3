/**
 * The Kaplan–Meier survival curve as the statistics answer it: S(t), the
 * estimated share of calls still without a reply t ms after they were
 * placed, kept as a right-continuous step curve.
 */

/** One step of the curve: S(tMs). */
export interface SurvivalPoint {
  tMs: number;
  stillAwaiting: number;
}

/**
 * Products of (n − d) / n ratios carry float noise: 24 single replies give
 * S = 23/24 × 22/23 × … × 12/13 = 0.5000000000000001 instead of 0.5, and
 * without slack the median would skip to the next reply time. sqrt(ε) is the
 * tolerance R's quantile.survfit uses for the same comparison.
 */
export const HALF_TOLERANCE = Math.sqrt(Number.EPSILON);

/** S ≤ 0.5 up to float noise: "half the calls have had a reply". */
export function reachesHalf(survival: number): boolean {
  return survival <= 0.5 + HALF_TOLERANCE;
}

/** Curves with more reply times than this are thinned (see `thinCurve`). */
export const MAX_CURVE_POINTS = 1000;
/** The largest vertical gap a thinned curve may leave. */
export const THIN_STEP = 0.001;

/** The survival curve as parallel arrays: enough to read S(t) for any t. */
export interface CurveView {
  tMs: readonly number[];
  stillAwaiting: readonly number[];
  /** The longest observation (a reply or a censoring) and S there; lastMs is -1 without data. */
  lastMs: number;
  lastSurvival: number;
}

/**
 * The curve as points; past MAX_CURVE_POINTS reply times, only the points
 * where S fell by at least THIN_STEP since the last one kept, and the last.
 * Every kept point is exact, and between kept points the true curve lies
 * within THIN_STEP below the drawn step, so a chart cannot tell them apart —
 * while a million-call ministry answers a thousand points, not a million.
 */
export function thinCurve(tMs: readonly number[], stillAwaiting: readonly number[]): { points: SurvivalPoint[]; thinned: boolean } {
  const n = tMs.length;
  if (n - 1 <= MAX_CURVE_POINTS) {
    const points: SurvivalPoint[] = new Array(n);
    for (let i = 0; i < n; i++) points[i] = { tMs: tMs[i]!, stillAwaiting: stillAwaiting[i]! };
    return { points, thinned: false };
  }
  const points: SurvivalPoint[] = [{ tMs: tMs[0]!, stillAwaiting: stillAwaiting[0]! }];
  let kept = stillAwaiting[0]!;
  for (let i = 1; i < n; i++) {
    const s = stillAwaiting[i]!;
    if (kept - s >= THIN_STEP || i === n - 1) {
      points.push({ tMs: tMs[i]!, stillAwaiting: s });
      kept = s;
    }
  }
  return { points, thinned: true };
}

/**
 * S(t). Null when there is no estimate: no data at all, or t lies beyond the
 * longest observation while calls were still unreplied there (the last
 * observation was censored). Kaplan–Meier says nothing about that range —
 * extending the last value would claim nobody replies after our data ends. If
 * S already reached 0 the curve is known to stay 0, so t beyond the data
 * answers 0; before 0 it is 1, since no call is answered before it is placed.
 */
export function survivalAt(view: CurveView, tMs: number): number | null {
  if (Number.isNaN(tMs)) throw new RangeError('tMs must be a number');
  if (view.lastMs < 0) return null;
  if (tMs > view.lastMs && view.lastSurvival > 0) return null;
  if (tMs < 0) return 1;
  let lo = 0;
  let hi = view.tMs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((view.tMs[mid] ?? Infinity) <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return view.stillAwaiting[lo] ?? 1;
}

export interface ShareSooner {
  /** Estimated share of the group's calls that had a reply within the elapsed time. */
  share: number;
  /** True when the wait is longer than every reply the group has had (with calls still open): the share is then "at least". */
  isLowerBound: boolean;
}

/**
 * "Is this wait unusual?" for a call awaiting `elapsedMs`: 1 − S(elapsed), the
 * estimated share of the ministry's *calls* that got a reply sooner (replies
 * at exactly `elapsedMs` included).
 *
 * Why this figure: the share of *replies* that came sooner (the empirical CDF
 * of replied calls) ignores the calls never answered and so overstates how
 * unusual a wait is; it cannot be estimated honestly anyway, as nobody knows
 * how many open calls will still get a reply. 1 − S(t) can only understate,
 * and tops out below 100% for a ministry that leaves calls unanswered. So the
 * honest wording is "longer than X% of calls to MFA Russia waited for a
 * reply", not "… of its replies".
 *
 * The waiting call itself belongs in the data: it rightly counts as still
 * waiting at every earlier time, and its censoring at `elapsedMs` comes after
 * any replies at that instant, so it cannot shift the step at `elapsedMs`.
 * Past the ministry's last reply (with calls still open there) S stays flat
 * up to the longest observation and is unknown beyond it, so the share stops
 * telling a long wait from a very long one: the answer is 1 − S there, marked
 * `isLowerBound` ("longer than any reply it has given"), as S can only fall
 * further. The waiting call itself is usually the longest observation, so the
 * mark is set from the last reply, not from the last observation. Null when the group has no calls at all.
 */
export function shareRepliedSooner(view: CurveView, elapsedMs: number): ShareSooner | null {
  if (view.lastMs < 0) return null;
  if (elapsedMs > view.lastMs && view.lastSurvival > 0) return { share: 1 - view.lastSurvival, isLowerBound: true };
  const s = survivalAt(view, elapsedMs);
  if (s === null) return null;
  // Past the last reply S stays flat to the longest observation: the same share for 2 hours and 13 years.
  const lastReplyMs = view.tMs.length > 1 ? view.tMs[view.tMs.length - 1]! : null;
  return { share: 1 - s, isLowerBound: lastReplyMs !== null && elapsedMs > lastReplyMs && s > 0 };
}
