import { isReplied } from '#shared/domain/call-status.ts';
import type { AlertRule } from '#shared/schemas/alerts.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';

/** The share of its ministry's calls that must have had a reply sooner for a wait to be unusual. */
export const UNUSUAL_SHARE = 0.9;
/** A ministry needs this many calls of history before any wait of it is called unusual. */
export const UNUSUAL_MIN_CALLS = 5;

/** What the rules look at of one call, times as epoch ms. */
export interface CallFacts {
  id: string;
  status: CallStatus;
  placedAt: number;
  promisedBy: number | null;
  updatedAt: number;
  calleeMinistryId: string;
  roundId: string | null;
  episode: number;
}

/** The board's figure for an open call: the share replied sooner, and how many calls its ministry's record holds. */
export interface WaitShare {
  share: number | null;
  ministryCalls: number;
}

export function inScope(rule: AlertRule, call: CallFacts): boolean {
  return (rule.ministryId === null || rule.ministryId === call.calleeMinistryId) && (rule.roundId === null || rule.roundId === call.roundId);
}

/**
 * Whether a rule's condition holds for a call at `now` (scope aside). A reply
 * counts for a `replied` rule when the call changed after the rule was made,
 * so a new rule does not fire for every reply of the past.
 */
export function conditionHolds(rule: AlertRule, call: CallFacts, now: number, share: WaitShare | undefined): boolean {
  const awaiting = call.status === 'awaiting';
  switch (rule.kind) {
    case 'wait_exceeds':
      return awaiting && rule.thresholdMs !== null && now - call.placedAt >= rule.thresholdMs;
    case 'unusual_wait':
      return awaiting && share !== undefined && share.share !== null && share.ministryCalls >= UNUSUAL_MIN_CALLS && share.share >= UNUSUAL_SHARE;
    case 'promise_broken':
      return awaiting && call.promisedBy !== null && now >= call.promisedBy;
    case 'replied':
      return isReplied(call.status) && call.updatedAt >= Date.parse(rule.createdAt);
  }
}
