/**
 * The response-time figures of SPEC.md ("Statistics of response time"),
 * computed in one pass over a group's observations as they arrive sorted by
 * duration: the plain nearest-rank median and p90 of replies, and the
 * Kaplan–Meier estimate (replies are events; withdrawn and awaiting calls are
 * censored) with its median, the median's 95% interval and the 24 h / 72 h
 * chances of a reply.
 *
 * The server keeps every call's duration in a sorted, columnar index
 * (server/features/stats/duration-index.ts), so a group is streamed in order
 * without a row object, a Map or a sort per request: a million calls take
 * milliseconds. tests/reference/stats holds an independent, call-by-call
 * implementation of the same definitions; stream.test.ts checks that the two
 * agree bit for bit on random data (the arithmetic is the same expression for
 * expression: the same products and Greenwood terms, and the bands and
 * half-way test imported from confidence.ts and curve.ts).
 */
import type { ResponseTimeGroup } from '../../schemas/stats.ts';
import { logLogBand, Z_95 } from './confidence.ts';
import type { MedianInterval } from './confidence.ts';
import { type CurveView, reachesHalf, thinCurve } from './curve.ts';

export const HOUR_MS = 3_600_000;

/** Groups with fewer calls are shown but not ranked. */
export const SMALL_SAMPLE_CALLS = 5;

/** What one observation was: a reply (the event), or censored as withdrawn or still awaiting. */
export const REPLY = 0;
export const WITHDRAWN = 1;
export const AWAITING = 2;
export type ObservationKind = typeof REPLY | typeof WITHDRAWN | typeof AWAITING;

/**
 * The 1-based nearest rank of SPEC.md's percentiles: ceil(p·n/100), so with
 * 10 replies p50 is the 5th shortest and p90 the 9th. Nearest rank answers a
 * duration some call really had, not an interpolated one. `p·n / 100` is
 * computed in that order (exact for integer p and n) and nudged down by a
 * relative 1e-12, so float noise such as 64.4 × 250 / 100 =
 * 161.00000000000003 cannot push the rank one place too far.
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

/** A group's figures, as the API answers them (less its key and label). */
export type StreamSummary = Omit<ResponseTimeGroup, 'key' | 'label'>;

/**
 * Accumulates one group. Call `add` in non-decreasing order of duration
 * (any order among equal durations: replies are counted before censorings
 * at the same time, the usual convention: a call withdrawn at t was still
 * waiting at t, so it belongs to the risk set of replies at t), then `finish`.
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

  add(durationMs: number, kind: ObservationKind): void {
    if (durationMs !== this.pendingMs) {
      if (!(durationMs > this.pendingMs)) throw new RangeError(`durations must not decrease (${durationMs} after ${this.pendingMs})`);
      if (this.pendingEvents + this.pendingCensored > 0) this.step();
      this.pendingMs = durationMs;
    }
    this.added += 1;
    if (kind === REPLY) {
      this.pendingEvents += 1;
      this.repliesSeen += 1;
      if (this.repliesSeen === this.rank50) this.median = durationMs;
      if (this.repliesSeen === this.rank90) this.p90 = durationMs;
    } else {
      this.pendingCensored += 1;
      if (kind === AWAITING) this.awaiting += 1;
      else this.withdrawn += 1;
    }
  }

  /** One row of the life table: the replies and censorings at `pendingMs`. */
  private step(): void {
    const tMs = this.pendingMs;
    const events = this.pendingEvents;
    const n = this.atRisk;
    if (events > 0) {
      // S(t) = Π (n − d) / n; Greenwood's Σ d / (n (n − d)) estimates the
      // variance of log S, and is infinite once S reaches 0 (n = d).
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

  /** 1 − S(t): null beyond the longest observation unless S already reached 0 (see survivalAt). */
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
