import { openCallSentence, replySentence } from '#shared/domain/briefing/sentence.ts';
import { promiseState } from '#shared/domain/promises.ts';
import type { Briefing, BriefingOpenCall, BriefingReply } from '#shared/schemas/briefing.ts';
import type { Deps } from '../../lib/context.ts';
import { toIso } from '../../lib/time.ts';
import { withAvailability, withWorkingMs } from '../availability/service.ts';
import { waitShares } from '../stats/service.ts';
import { openCalls, repliesBetween, roundFacts } from './repository.ts';

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
  const [timedOpen, timedReplies, extras] = await Promise.all([
    withAvailability(deps.db, open, nowMs),
    withWorkingMs(deps.db, replies, nowMs),
    roundFacts(deps.db, [...open, ...replies].map((c) => c.id)),
  ]);

  const openItems = timedOpen.map((call): BriefingOpenCall => {
    const placedAt = Date.parse(call.placedAt);
    const share = shares.get(call.id);
    const record = share?.record;
    const extra = extras.get(call.id) ?? { attempts: 1, round: null };
    const otherCalls = Math.max(0, (record?.calls ?? 1) - 1);
    const ministryMedianMs = record?.median ?? null;
    const promisedBy = call.promisedBy === null ? null : Date.parse(call.promisedBy);
    const waitingMs = Math.max(0, nowMs - placedAt);
    return {
      callId: call.id,
      caller: call.caller,
      callee: call.callee,
      topic: call.topic,
      placedAt: call.placedAt,
      attempts: extra.attempts,
      round: extra.round,
      workingMs: call.workingMs,
      waitingMs,
      availability: call.availability,
      promisedBy: call.promisedBy,
      promise: promiseState(call, nowMs).state,
      shareRepliedSooner: share?.share?.share ?? null,
      ministryMedianMs,
      ministryCalls: otherCalls,
      sentence: openCallSentence(
        { caller: call.caller, callee: call.callee, placedAt, waitingMs, attempts: extra.attempts, promisedBy, record: { otherCalls, survivalMedianMs: ministryMedianMs } },
        nowMs,
      ),
    };
  });

  const replyItems = timedReplies.map((call): BriefingReply => {
    const placedAt = Date.parse(call.placedAt);
    const respondedAt = Date.parse(call.respondedAt!);
    const extra = extras.get(call.id) ?? { attempts: 1, round: null };
    const status = call.status as BriefingReply['status'];
    return {
      callId: call.id,
      caller: call.caller,
      callee: call.callee,
      topic: call.topic,
      placedAt: call.placedAt,
      attempts: extra.attempts,
      round: extra.round,
      workingMs: call.workingMs,
      status,
      respondedAt: call.respondedAt!,
      responseMs: Math.max(0, respondedAt - placedAt),
      sentence: replySentence({ caller: call.caller, callee: call.callee, placedAt, respondedAt, status, attempts: extra.attempts }),
    };
  });

  return { asOf: toIso(nowMs), since: toIso(since), open: openItems, repliedSince: replyItems };
}
