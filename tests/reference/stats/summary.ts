/**
 * Reference: the per-group response-time figures of SPEC.md ("Statistics of
 * response time"), assembled call by call from the textbook estimators beside
 * this file. The server computes them with SurvivalStream
 * (shared/domain/stats/stream.ts); stream.test.ts and the duration index's
 * tests check that the two agree.
 *
 * Two entry points give identical figures: `summarizeGroup(calls, nowMs)` for
 * a list of calls, and `summarizeCounts({ awaiting, withdrawn, rows })` for
 * replies and censorings counted per duration.
 */
import type { ShareSooner } from '#shared/domain/stats/curve.ts';
import { isReplied } from '#shared/domain/call-status.ts';
import { HOUR_MS, SMALL_SAMPLE_CALLS } from '#shared/domain/stats/stream.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';
import type { ResponseTimeGroup } from '#shared/schemas/stats.ts';
import { nearestRankOfCounts } from './percentile.ts';
import type { DurationCount, KaplanMeierResult } from './kaplan-meier.ts';
import { kaplanMeierFromCounts, probabilityOfReplyWithin } from './kaplan-meier.ts';
import { survivalMedianInterval } from './median-interval.ts';

/** The fields of a call the statistics need, as epoch milliseconds. */
export interface CallForStats {
  status: CallStatus;
  placedAtMs: number;
  respondedAtMs: number | null;
  closedAtMs: number | null;
}

/** A group's figures, as the API answers them less key, label and the curve's extent. */
export type GroupSummary = Omit<ResponseTimeGroup, 'key' | 'label' | 'observedUntilMs' | 'survivalThinned'>;

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

/**
 * Reference for shareRepliedSooner (shared/domain/stats/curve.ts, which says
 * why this figure): 1 − S(elapsed) from the life table, "at least" past the
 * last reply while calls were still open there.
 */
export function shareRepliedSooner(km: KaplanMeierResult, elapsedMs: number): ShareSooner | null {
  const last = km.steps[km.steps.length - 1];
  if (last === undefined) return null;
  if (elapsedMs > last.tMs && last.survival > 0) return { share: 1 - last.survival, isLowerBound: true };
  const p = probabilityOfReplyWithin(km, elapsedMs);
  if (p === null) return null;
  const lastReply = km.steps.filter((step) => step.events > 0).pop();
  return { share: p, isLowerBound: lastReply !== undefined && elapsedMs > lastReply.tMs && lastReply.survival > 0 };
}
