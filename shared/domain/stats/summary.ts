/**
 * The per-group response-time figures of SPEC.md ("Statistics of response
 * time"), assembled from the pure estimators beside this file.
 *
 * Two entry points give identical figures:
 * - `summarizeGroup(calls, nowMs)` for a list of calls (tests, small groups);
 * - `summarizeCounts({ awaiting, withdrawn, rows })` for what SQL can produce
 *   with `GROUP BY group, duration` (replies and censorings per duration), so
 *   the server never loads every call of a million-call table into memory.
 */
import type { CallStatus } from '../../schemas/calls.ts';
import { isReplied } from '../call-status.ts';
import { nearestRankOfCounts } from './percentile.ts';
import type { DurationCount, KaplanMeierResult, SurvivalPoint } from './kaplan-meier.ts';
import { kaplanMeierFromCounts, probabilityOfReplyWithin } from './kaplan-meier.ts';
import type { MedianInterval } from './confidence.ts';
import { survivalMedianInterval } from './confidence.ts';

export const HOUR_MS = 3_600_000;

/** Groups with fewer calls are shown but not ranked (issue 4). */
export const SMALL_SAMPLE_CALLS = 5;

/** The fields of a call the statistics need, as epoch milliseconds. */
export interface CallForStats {
  status: CallStatus;
  placedAtMs: number;
  respondedAtMs: number | null;
  closedAtMs: number | null;
}

export interface GroupSummary {
  calls: number;
  responded: number;
  awaiting: number;
  withdrawn: number;
  /** responded / calls; null for an empty group rather than a misleading 0. */
  responseRate: number | null;
  /** Nearest-rank median of replied calls' durations (flatters ministries that leave calls unanswered). */
  medianResponseMs: number | null;
  p90ResponseMs: number | null;
  /** Kaplan–Meier median: counts awaiting and withdrawn calls as censored. */
  survivalMedianMs: number | null;
  /** 95% interval of the survival median (Greenwood, log-log, as R reports it); null ends are unbounded by the data. */
  survivalMedianCi: MedianInterval;
  /** Estimated chance of a reply within 24 h / 72 h (1 − S); null where the data does not reach that far. */
  replyWithin24hProbability: number | null;
  replyWithin72hProbability: number | null;
  /** Fewer than 5 calls: show, but do not rank. */
  smallSample: boolean;
  survival: SurvivalPoint[];
}

/**
 * SPEC.md's duration: (respondedAt ?? closedAt ?? now) − placedAt. Clamped at
 * 0 because placedAt may lie a few minutes in the future (clock skew is
 * accepted on input) and an awaiting call cannot have waited a negative time.
 */
export function callDurationMs(call: CallForStats, nowMs: number): number {
  return Math.max(0, (call.respondedAtMs ?? call.closedAtMs ?? nowMs) - call.placedAtMs);
}

export interface GroupCounts {
  /** Awaiting and withdrawn calls; together they are the censored ones. */
  awaiting: number;
  withdrawn: number;
  /** Replies (events) and censorings per distinct duration, in any order. */
  rows: readonly DurationCount[];
}

/** All figures from pre-aggregated counts. Throws if the censored counts do not add up. */
export function summarizeCounts(counts: GroupCounts): GroupSummary {
  let responded = 0;
  let censored = 0;
  for (const row of counts.rows) {
    responded += row.events;
    censored += row.censored;
  }
  for (const [name, value] of [['awaiting', counts.awaiting], ['withdrawn', counts.withdrawn]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  if (censored !== counts.awaiting + counts.withdrawn) {
    throw new RangeError(`censored rows (${censored}) must equal awaiting + withdrawn (${counts.awaiting + counts.withdrawn})`);
  }
  const calls = responded + censored;
  const km = kaplanMeierFromCounts(counts.rows);
  // The plain percentiles look at replies only: each duration weighted by its reply count.
  const replies = counts.rows.map((row) => ({ value: row.durationMs, count: row.events }));

  return {
    calls,
    responded,
    awaiting: counts.awaiting,
    withdrawn: counts.withdrawn,
    responseRate: calls === 0 ? null : responded / calls,
    medianResponseMs: nearestRankOfCounts(replies, 50),
    p90ResponseMs: nearestRankOfCounts(replies, 90),
    survivalMedianMs: km.medianMs,
    survivalMedianCi: survivalMedianInterval(km),
    replyWithin24hProbability: probabilityOfReplyWithin(km, 24 * HOUR_MS),
    replyWithin72hProbability: probabilityOfReplyWithin(km, 72 * HOUR_MS),
    smallSample: calls < SMALL_SAMPLE_CALLS,
    survival: km.curve,
  };
}

/** The replies/censorings-per-duration table of a list of calls (what the SQL aggregate returns). */
export function countGroup(calls: readonly CallForStats[], nowMs: number): GroupCounts {
  const rows = new Map<number, DurationCount>();
  let awaiting = 0;
  let withdrawn = 0;
  for (const call of calls) {
    if (call.status === 'awaiting') awaiting += 1;
    if (call.status === 'withdrawn') withdrawn += 1;
    const durationMs = callDurationMs(call, nowMs);
    const row = rows.get(durationMs) ?? { durationMs, events: 0, censored: 0 };
    if (isReplied(call.status)) row.events += 1;
    else row.censored += 1;
    rows.set(durationMs, row);
  }
  return { awaiting, withdrawn, rows: [...rows.values()] };
}

/** All figures of one group from its calls, `nowMs` closing the still-awaiting ones. */
export function summarizeGroup(calls: readonly CallForStats[], nowMs: number): GroupSummary {
  return summarizeCounts(countGroup(calls, nowMs));
}

export interface ShareSooner {
  /** Estimated share of the group's calls that had a reply within the elapsed time. */
  share: number;
  /** True when the wait is longer than anything observed: the share is then "at least". */
  isLowerBound: boolean;
}

/**
 * "Is this wait unusual?" for a call awaiting `elapsedMs`: 1 − S(elapsed), the
 * Kaplan–Meier estimate of the share of the ministry's *calls* that got a
 * reply sooner (replies at exactly `elapsedMs` included).
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
 * Past the longest observation (with calls still open there) S is unknown;
 * we answer 1 − S at the longest observation, marked `isLowerBound`, because
 * S can only fall further. Null when the group has no calls at all.
 */
export function shareRepliedSooner(km: KaplanMeierResult, elapsedMs: number): ShareSooner | null {
  const last = km.steps[km.steps.length - 1];
  if (last === undefined) return null;
  if (elapsedMs > last.tMs && last.survival > 0) return { share: 1 - last.survival, isLowerBound: true };
  const p = probabilityOfReplyWithin(km, elapsedMs);
  return p === null ? null : { share: p, isLowerBound: false };
}
