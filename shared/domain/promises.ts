import type { FieldProblem } from './call-status.ts';
import { MAX_FUTURE_SKEW_MS, isBeyondFutureSkew } from './call-status.ts';

/** A call's promised callback and acknowledgement, as epoch ms. */
export interface PromiseTimes {
  placedAt: number;
  promisedBy: number | null;
  acknowledgedAt: number | null;
}

/**
 * The rules of a promise: a callback cannot be promised before the call was
 * placed (it may lie in the future: "by Friday"); an acknowledgement happened
 * after the call and, like every past event, not beyond the clock's skew.
 */
export function promiseProblems(times: PromiseTimes, now: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (times.promisedBy !== null && times.promisedBy < times.placedAt) problems.push({ path: 'promisedBy', message: 'must not be before placedAt' });
  if (times.acknowledgedAt !== null) {
    if (times.acknowledgedAt < times.placedAt) problems.push({ path: 'acknowledgedAt', message: 'must not be before placedAt' });
    else if (isBeyondFutureSkew(times.acknowledgedAt, now)) {
      problems.push({ path: 'acknowledgedAt', message: `must not be more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes in the future of the server's clock` });
    }
  }
  return problems;
}

export type PromiseState = { state: 'pending'; leftMs: number } | { state: 'broken'; lateMs: number } | { state: 'none' };

/** Where an awaiting call's promise stands at `now`: still pending (and how long is left), broken, or none. */
export function promiseState(call: { status: string; promisedBy: string | null }, now: number): PromiseState {
  if (call.promisedBy === null || call.status !== 'awaiting') return { state: 'none' };
  const by = Date.parse(call.promisedBy);
  return now >= by ? { state: 'broken', lateMs: now - by } : { state: 'pending', leftMs: by - now };
}
