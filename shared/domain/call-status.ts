import type { CallStatus } from '../schemas/calls.ts';

export const REPLIED_STATUSES = ['answered', 'returned', 'declined'] as const satisfies readonly CallStatus[];

export function isReplied(status: CallStatus): boolean {
  return (REPLIED_STATUSES as readonly CallStatus[]).includes(status);
}

/**
 * The allowed moves of SPEC.md: from `awaiting` to anything, and from anything
 * back to `awaiting` (reopening a mistaken entry). Staying put is no move.
 */
export function canMove(from: CallStatus, to: CallStatus): boolean {
  return from === to || from === 'awaiting' || to === 'awaiting';
}

/** Epoch milliseconds of a call's timestamps, as the rules below see them. */
export interface StatusTimes {
  status: CallStatus;
  placedAt: number;
  respondedAt: number | null;
  closedAt: number | null;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Fills in the timestamp a status needs when the analyst left it out (a reply
 * or withdrawal "now"; `answered` at the moment the call was placed) and
 * reports every timestamp that does not fit the status. `given` says which
 * fields the request named explicitly, so that a field left over from a
 * previous status is cleared rather than reported.
 */
export function settleStatusTimes(
  next: StatusTimes,
  given: { respondedAt: boolean; closedAt: boolean },
  now: number,
): { times: StatusTimes; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let { respondedAt, closedAt } = next;
  const { status, placedAt } = next;

  if (status === 'awaiting') {
    if (given.respondedAt && respondedAt !== null) problems.push({ path: 'respondedAt', message: 'must be empty while the call is awaiting' });
    if (given.closedAt && closedAt !== null) problems.push({ path: 'closedAt', message: 'must be empty while the call is awaiting' });
    respondedAt = null;
    closedAt = null;
  } else if (status === 'withdrawn') {
    if (given.respondedAt && respondedAt !== null) problems.push({ path: 'respondedAt', message: 'must be empty for a withdrawn call' });
    respondedAt = null;
    closedAt ??= Math.max(now, placedAt);
  } else {
    if (given.closedAt && closedAt !== null) problems.push({ path: 'closedAt', message: `must be empty for ${status === 'answered' ? 'an' : 'a'} ${status} call` });
    closedAt = null;
    respondedAt ??= status === 'answered' ? placedAt : Math.max(now, placedAt);
  }

  if (respondedAt !== null && respondedAt < placedAt) problems.push({ path: 'respondedAt', message: 'must not be before placedAt' });
  if (closedAt !== null && closedAt < placedAt) problems.push({ path: 'closedAt', message: 'must not be before placedAt' });

  return { times: { status, placedAt, respondedAt, closedAt }, problems };
}

/** `respondedAt − placedAt` for replied calls, else null. */
export function responseMs(times: StatusTimes): number | null {
  return isReplied(times.status) && times.respondedAt !== null ? times.respondedAt - times.placedAt : null;
}

/** How far ahead of the server's clock a timestamp may lie (clock skew between machines). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

const TIME_FIELDS = ['placedAt', 'respondedAt', 'closedAt'] as const;

/**
 * Reports every timestamp that lies more than MAX_FUTURE_SKEW_MS after `now`:
 * a call cannot be logged before it happened, but a few minutes of clock skew
 * between the analyst's machine and the server must not refuse a real call.
 */
export function futureProblems(times: StatusTimes, now: number): FieldProblem[] {
  const limit = now + MAX_FUTURE_SKEW_MS;
  return TIME_FIELDS.filter((field) => {
    const at = times[field];
    return at !== null && at > limit;
  }).map((path) => ({ path, message: `must not be more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes in the future of the server's clock` }));
}

/** Why a status change is refused, or null when it is allowed (see canMove). */
export function moveProblem(from: CallStatus, to: CallStatus): FieldProblem | null {
  if (canMove(from, to)) return null;
  return { path: 'status', message: `cannot move from ${from} to ${to}; reopen the call (status awaiting) first` };
}

/**
 * Everything the status rules say about a call about to be stored: fills in
 * the missing timestamp, then checks the status/timestamp fit, order and
 * future skew. The caller checks moves (moveProblem) separately, since an
 * illegal move is a conflict (409), not invalid input (422).
 */
export function settleCallTimes(
  next: StatusTimes,
  given: { respondedAt: boolean; closedAt: boolean },
  now: number,
): { times: StatusTimes; problems: FieldProblem[] } {
  const settled = settleStatusTimes(next, given, now);
  return { times: settled.times, problems: [...settled.problems, ...futureProblems(settled.times, now)] };
}
