/**
 * The figures of `summarizeCounts` (summary.ts), computed in one pass over
 * observations that arrive already sorted by duration.
 *
 * Why a second route to the same numbers: the server keeps every call's
 * duration in a sorted, columnar index (server/features/stats), so a group's
 * observations can be streamed in order without building a row object, a Map
 * or a sort per request. `summarizeCounts` over a million rows takes seconds;
 * this takes milliseconds. The arithmetic is the same expression for
 * expression — the same products, the same Greenwood terms, and the bands,
 * half-way test and constants imported from the modules beside this one — so
 * the results are bit-identical; stream.test.ts checks that on random data.
 */
import { logLogBand, Z_95 } from './confidence.ts';
import type { MedianInterval } from './confidence.ts';
import { reachesHalf } from './kaplan-meier.ts';
import type { SurvivalPoint } from './kaplan-meier.ts';
import type { GroupSummary, ShareSooner } from './summary.ts';
import { HOUR_MS, SMALL_SAMPLE_CALLS } from './summary.ts';

/** What one observation was: a reply (the event), or censored as withdrawn or still awaiting. */
export const REPLY = 0;
export const WITHDRAWN = 1;
export const AWAITING = 2;
export type Outcome = typeof REPLY | typeof WITHDRAWN | typeof AWAITING;

/** Curves with more reply times than this are thinned (see `thinCurve`). */
export const MAX_CURVE_POINTS = 1000;
/** The largest vertical gap a thinned curve may leave. */
export const THIN_STEP = 0.001;

/**
 * The 1-based nearest rank, as percentile.ts computes it: ceil(p·n/100),
 * nudged down by a relative 1e-12 against float noise.
 */
export function nearestRankPosition(n: number, p: number): number {
  if (!Number.isFinite(p) || p <= 0 || p > 100) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const exact = (p * n) / 100;
  return Math.min(n, Math.max(1, Math.ceil(exact - exact * 1e-12)));
}

export interface StreamOptions {
  /** How many observations will be added, and how many of them are replies (known from a counting pass). */
  total: number;
  responded: number;
  /** Compute the confidence interval of the median (default true; the trend needs only medians). */
  interval?: boolean;
  /** Keep the curve (default true). */
  curve?: boolean;
}

export interface StreamSummary extends GroupSummary {
  /** The longest observation: the curve is known up to here; null without data. */
  observedUntilMs: number | null;
  survivalThinned: boolean;
}

/** The survival curve as parallel arrays: enough to read S(t) for any t. */
export interface CurveView {
  tMs: readonly number[];
  stillAwaiting: readonly number[];
  /** The longest observation (a reply or a censoring) and S there; lastMs is -1 without data. */
  lastMs: number;
  lastSurvival: number;
}

/**
 * Accumulates one group. Call `add` in non-decreasing order of duration
 * (any order among equal durations: replies are counted before censorings
 * at the same time, as kaplanMeierFromCounts does), then `finish`.
 */
export class SurvivalStream {
  private readonly total: number;
  private readonly responded: number;
  private readonly rank50: number;
  private readonly rank90: number;
  private readonly withInterval: boolean;
  private readonly withCurve: boolean;

  private added = 0;
  private awaiting = 0;
  private withdrawn = 0;
  private repliesSeen = 0;
  private median: number | null = null;
  private p90: number | null = null;

  private atRisk: number;
  private survival = 1;
  private variance = 0;
  private pendingMs = -1;
  private pendingEvents = 0;
  private pendingCensored = 0;
  private lastMs = -1;

  private survivalMedian: number | null = null;
  private lowerMs: number | null = null;
  private upperMs: number | null = null;
  private s24 = 1;
  private s72 = 1;
  private readonly curveT: number[] = [0];
  private readonly curveS: number[] = [1];

  constructor(options: StreamOptions) {
    const { total, responded } = options;
    if (!Number.isInteger(total) || !Number.isInteger(responded) || responded < 0 || responded > total) {
      throw new RangeError(`need 0 <= responded <= total, got ${responded} of ${total}`);
    }
    this.total = total;
    this.responded = responded;
    this.atRisk = total;
    this.rank50 = responded > 0 ? nearestRankPosition(responded, 50) : 0;
    this.rank90 = responded > 0 ? nearestRankPosition(responded, 90) : 0;
    this.withInterval = options.interval ?? true;
    this.withCurve = options.curve ?? true;
  }

  add(durationMs: number, outcome: Outcome): void {
    if (durationMs !== this.pendingMs) {
      if (!(durationMs > this.pendingMs)) throw new RangeError(`durations must not decrease (${durationMs} after ${this.pendingMs})`);
      if (this.pendingEvents + this.pendingCensored > 0) this.step();
      this.pendingMs = durationMs;
    }
    this.added += 1;
    if (outcome === REPLY) {
      this.pendingEvents += 1;
      this.repliesSeen += 1;
      if (this.repliesSeen === this.rank50) this.median = durationMs;
      if (this.repliesSeen === this.rank90) this.p90 = durationMs;
    } else {
      this.pendingCensored += 1;
      if (outcome === AWAITING) this.awaiting += 1;
      else this.withdrawn += 1;
    }
  }

  /** One row of the life table: the replies and censorings at `pendingMs`. */
  private step(): void {
    const tMs = this.pendingMs;
    const events = this.pendingEvents;
    const n = this.atRisk;
    if (events > 0) {
      // Same expressions as kaplanMeierFromCounts, so the floats agree bit for bit.
      this.survival *= (n - events) / n;
      this.variance += n === events ? Infinity : events / (n * (n - events));
      if (this.withCurve) {
        this.curveT.push(tMs);
        this.curveS.push(this.survival);
      }
      if (this.survivalMedian === null && reachesHalf(this.survival)) this.survivalMedian = tMs;
      // The upper band is S^a with 0 < a ≤ 1, never below S: while S is above
      // one half it cannot cross, so the bands are only worked out when one can.
      if (this.withInterval && (this.lowerMs === null || (this.upperMs === null && reachesHalf(this.survival)))) {
        const band = logLogBand(this.survival, this.variance, Z_95);
        if (band !== null) {
          if (this.lowerMs === null && reachesHalf(band.lower)) this.lowerMs = tMs;
          if (this.upperMs === null && reachesHalf(band.upper)) this.upperMs = tMs;
        }
      }
    }
    if (tMs <= 24 * HOUR_MS) this.s24 = this.survival;
    if (tMs <= 72 * HOUR_MS) this.s72 = this.survival;
    this.lastMs = tMs;
    this.atRisk = n - events - this.pendingCensored;
    this.pendingEvents = 0;
    this.pendingCensored = 0;
  }

  /** Like probabilityOfReplyWithin: null beyond the longest observation unless S already reached 0. */
  private replyWithin(tMs: number, sAtT: number): number | null {
    if (this.lastMs < 0) return null;
    if (tMs > this.lastMs && this.survival > 0) return null;
    return 1 - sAtT;
  }

  /** The full curve (only with `curve: true`), for reading S at arbitrary times. */
  curveView(): CurveView {
    this.flush();
    return { tMs: this.curveT, stillAwaiting: this.curveS, lastMs: this.lastMs, lastSurvival: this.survival };
  }

  private flush(): void {
    if (this.pendingEvents + this.pendingCensored > 0) this.step();
    if (this.added !== this.total) throw new RangeError(`expected ${this.total} observations, got ${this.added}`);
    if (this.repliesSeen !== this.responded) throw new RangeError(`expected ${this.responded} replies, got ${this.repliesSeen}`);
  }

  finish(): StreamSummary {
    this.flush();
    const { points, thinned } = this.withCurve ? thinCurve(this.curveT, this.curveS) : { points: [], thinned: false };
    const interval: MedianInterval = { lowerMs: this.lowerMs, upperMs: this.upperMs };
    return {
      calls: this.total,
      responded: this.responded,
      awaiting: this.awaiting,
      withdrawn: this.withdrawn,
      responseRate: this.total === 0 ? null : this.responded / this.total,
      medianResponseMs: this.median,
      p90ResponseMs: this.p90,
      survivalMedianMs: this.survivalMedian,
      survivalMedianCi: interval,
      replyWithin24hProbability: this.replyWithin(24 * HOUR_MS, this.s24),
      replyWithin72hProbability: this.replyWithin(72 * HOUR_MS, this.s72),
      smallSample: this.total < SMALL_SAMPLE_CALLS,
      survival: points,
      observedUntilMs: this.lastMs < 0 ? null : this.lastMs,
      survivalThinned: thinned,
    };
  }
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

/** S(t) from a curve view, with survivalAt's rules (null past the data unless S reached 0). */
export function survivalAtView(view: CurveView, tMs: number): number | null {
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

/** shareRepliedSooner (summary.ts) from a curve view: same rule, same numbers. */
export function shareRepliedSoonerOfView(view: CurveView, elapsedMs: number): ShareSooner | null {
  if (view.lastMs < 0) return null;
  if (elapsedMs > view.lastMs && view.lastSurvival > 0) return { share: 1 - view.lastSurvival, isLowerBound: true };
  const s = survivalAtView(view, elapsedMs);
  return s === null ? null : { share: 1 - s, isLowerBound: false };
}
