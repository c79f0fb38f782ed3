import { isReplied } from '../call-status.ts';
import { nearestRankPosition } from '../stats/stream.ts';
import type { CallStatus } from '../../schemas/calls.ts';
import type { RoundSummary } from '../../schemas/rounds.ts';

/** One group of a round's calls sharing a status, as one grouped query answers it. */
export interface StatusGroup {
  status: CallStatus;
  count: number;
  /** The earliest placedAt of the group (epoch ms): for awaiting calls, the longest wait's start. */
  firstPlacedAt: number | null;
  /** The latest respondedAt of the group (epoch ms). */
  lastRespondedAt: number | null;
}

/**
 * A round's summary from its calls grouped by status and the response times
 * of its replies (any order). Every duration runs from placedAt, the first
 * try: attempts play no part. `now` is the server's clock.
 */
export function summarizeRound(groups: readonly StatusGroup[], replyMs: readonly number[], now: number): RoundSummary {
  let calls = 0;
  let replied = 0;
  let awaiting = 0;
  let withdrawn = 0;
  let firstAwaitingAt: number | null = null;
  let lastReplyAt: number | null = null;
  for (const group of groups) {
    calls += group.count;
    if (group.status === 'awaiting') {
      awaiting += group.count;
      if (group.firstPlacedAt !== null) firstAwaitingAt = Math.min(firstAwaitingAt ?? group.firstPlacedAt, group.firstPlacedAt);
    } else if (group.status === 'withdrawn') {
      withdrawn += group.count;
    } else if (isReplied(group.status)) {
      replied += group.count;
      if (group.lastRespondedAt !== null) lastReplyAt = Math.max(lastReplyAt ?? group.lastRespondedAt, group.lastRespondedAt);
    }
  }
  return {
    calls,
    replied,
    awaiting,
    withdrawn,
    medianResponseMs: nearestRankMedian(replyMs),
    longestWaitMs: awaiting > 0 && firstAwaitingAt !== null ? Math.max(0, now - firstAwaitingAt) : null,
    lastReplyAt: lastReplyAt === null ? null : new Date(lastReplyAt).toISOString(),
  };
}

/** The nearest-rank median (SPEC.md's percentiles): with n replies, the ceil(n/2)-th shortest. */
export function nearestRankMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRankPosition(sorted.length, 50) - 1]!;
}

/** A round without calls. */
export const EMPTY_SUMMARY: RoundSummary = summarizeRound([], [], 0);
