import { openCallSentence, replySentence } from '#shared/domain/briefing/sentence.ts';
import { promiseState } from '#shared/domain/promises.ts';
import type { Briefing, BriefingOpenCall, BriefingReply } from '#shared/schemas/briefing.ts';
import type { Deps } from '../../lib/context.ts';
import { toIso } from '../../lib/time.ts';
import { withAvailability, withWorkingMs } from '../availability/service.ts';
import { waitShares } from '../stats/service.ts';
import { openCalls, repliesBetween, roundTitles } from './repository.ts';

/** The replies a briefing reports: those of the last day. */
export const BRIEFING_REPLIES_MS = 24 * 3600_000;

/**
 * Today's answer to "has he called back?": every open call with its wait (on
 * the wall clock and in working time), its tries, its promise, how its wait
 * compares with its ministry's record (the board's Kaplan–Meier figure, one
 * function: waitShares), and the replies of the last 24 hours, each with its
 * sentence.
 */
export async function buildBriefing(deps: Deps): Promise<Briefing> {
  const open = await openCalls(deps.db);
  // The stats clock's now is the briefing's: every figure is of one instant.
  const { nowMs, shares } = await waitShares(deps, open.map((c) => ({ id: c.id, ministryId: c.callee.ministry.id, placedAt: Date.parse(c.placedAt) })));
  const since = nowMs - BRIEFING_REPLIES_MS;
  const replies = await repliesBetween(deps.db, since, nowMs);
  const [timedOpen, timedReplies, titles] = await Promise.all([
    withAvailability(deps.db, open, nowMs),
    withWorkingMs(deps.db, replies, nowMs),
    roundTitles(deps.db, [...open, ...replies].flatMap((c) => (c.roundId === null ? [] : [c.roundId]))),
  ]);
  const roundOf = (roundId: string | null) => (roundId === null || !titles.has(roundId) ? null : { id: roundId, title: titles.get(roundId)! });

  /** What an open call and a reply both say of themselves. */
  const shared = (call: (typeof timedReplies)[number]) => ({
    callId: call.id,
    caller: call.caller,
    callee: call.callee,
    topic: call.topic,
    placedAt: call.placedAt,
    attempts: call.attempts,
    round: roundOf(call.roundId),
    workingMs: call.workingMs,
  });

  const openItems = timedOpen.map((call): BriefingOpenCall => {
    const placedAt = Date.parse(call.placedAt);
    const share = shares.get(call.id);
    const record = share?.record;
    const otherCalls = Math.max(0, (record?.calls ?? 1) - 1);
    const ministryMedianMs = record?.median ?? null;
    const promisedBy = call.promisedBy === null ? null : Date.parse(call.promisedBy);
    const waitingMs = Math.max(0, nowMs - placedAt);
    return {
      ...shared(call),
      waitingMs,
      availability: call.availability,
      promisedBy: call.promisedBy,
      promise: promiseState(call, nowMs).state,
      shareRepliedSooner: share?.share?.share ?? null,
      ministryMedianMs,
      ministryCalls: otherCalls,
      sentence: openCallSentence(
        { caller: call.caller, callee: call.callee, placedAt, waitingMs, attempts: call.attempts, promisedBy, record: { otherCalls, survivalMedianMs: ministryMedianMs } },
        nowMs,
      ),
    };
  });

  const replyItems = timedReplies.map((call): BriefingReply => {
    const placedAt = Date.parse(call.placedAt);
    const respondedAt = Date.parse(call.respondedAt!);
    const status = call.status as BriefingReply['status'];
    return {
      ...shared(call),
      status,
      respondedAt: call.respondedAt!,
      responseMs: Math.max(0, respondedAt - placedAt),
      sentence: replySentence({ caller: call.caller, callee: call.callee, placedAt, respondedAt, status, attempts: call.attempts }),
    };
  });

  return { asOf: toIso(nowMs), since: toIso(since), open: openItems, repliedSince: replyItems };
}
