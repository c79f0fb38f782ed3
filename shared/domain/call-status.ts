import type { CallPatch, CallStatus } from '../schemas/calls.ts';

// The status rules of SPEC.md, run by the server on every write and by the
// dashboard before it sends one, so both sides refuse the same things with
// the same words. The words, used with one meaning each:
// - status: any of the five (awaiting, answered, returned, declined, withdrawn);
// - outcome: how a call ended, i.e. any status but awaiting;
// - status time: the timestamp besides placedAt that a status carries
//   (respondedAt for a reply, closedAt for a withdrawal; none while awaiting).

export const REPLIED_STATUSES = ['answered', 'returned', 'declined'] as const satisfies readonly CallStatus[];

export function isReplied(status: CallStatus): boolean {
  return (REPLIED_STATUSES as readonly CallStatus[]).includes(status);
}

export type Outcome = Exclude<CallStatus, 'awaiting'>;

/** Every outcome, the most common first (the order the dashboard offers them in). */
export const OUTCOMES = ['returned', 'answered', 'declined', 'withdrawn'] as const satisfies readonly Outcome[];

export type StatusTimeField = 'respondedAt' | 'closedAt';

const STATUS_TIME_FIELDS = ['respondedAt', 'closedAt'] as const satisfies readonly StatusTimeField[];

/** Which status time a status carries: a reply's respondedAt, a withdrawal's closedAt, none while awaiting. */
export function statusTimeField(status: CallStatus): StatusTimeField | null {
  if (status === 'awaiting') return null;
  return status === 'withdrawn' ? 'closedAt' : 'respondedAt';
}

/**
 * The patch that records an outcome. Without `at` the server fills the status
 * time in (settleStatusTimes): now, or placedAt for `answered`.
 */
export function outcomePatch(outcome: Outcome, at?: string): CallPatch {
  if (!at) return { status: outcome };
  return statusTimeField(outcome) === 'closedAt' ? { status: outcome, closedAt: at } : { status: outcome, respondedAt: at };
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

/** "a returned call", "an answered call". */
function aCall(status: CallStatus): string {
  return `${status === 'answered' || status === 'awaiting' ? 'an' : 'a'} ${status} call`;
}

/**
 * Fills in the status time when the analyst left it out (a reply or
 * withdrawal "now"; `answered` at the moment the call was placed) and reports
 * every timestamp that does not fit the status. `given` says which fields the
 * request named explicitly, so that a field left over from a previous status
 * is cleared rather than reported.
 */
export function settleStatusTimes(
  next: StatusTimes,
  given: { respondedAt: boolean; closedAt: boolean },
  now: number,
): { times: StatusTimes; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const times = { ...next };
  const carried = statusTimeField(times.status);
  for (const field of STATUS_TIME_FIELDS) {
    if (field === carried) continue;
    if (given[field] && times[field] !== null) {
      const message = times.status === 'awaiting' ? 'must be empty while the call is awaiting' : `must be empty for ${aCall(times.status)}`;
      problems.push({ path: field, message });
    }
    times[field] = null;
  }
  if (carried) times[carried] ??= times.status === 'answered' ? times.placedAt : Math.max(now, times.placedAt);

  for (const field of STATUS_TIME_FIELDS) {
    const at = times[field];
    if (at !== null && at < times.placedAt) problems.push({ path: field, message: 'must not be before placedAt' });
  }
  return { times, problems };
}

/** `respondedAt − placedAt` for replied calls, else null. */
export function responseMs(times: StatusTimes): number | null {
  return isReplied(times.status) && times.respondedAt !== null ? times.respondedAt - times.placedAt : null;
}

/** How far ahead of the server's clock a timestamp may lie (clock skew between machines). */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/** True when an instant lies further ahead of `now` than clock skew explains. */
export function isBeyondFutureSkew(at: number, now: number): boolean {
  return at > now + MAX_FUTURE_SKEW_MS;
}

const TIME_FIELDS = ['placedAt', ...STATUS_TIME_FIELDS] as const;

/**
 * Reports every timestamp that lies more than MAX_FUTURE_SKEW_MS after `now`:
 * a call cannot be logged before it happened, but a few minutes of clock skew
 * between the analyst's machine and the server must not refuse a real call.
 */
export function futureProblems(times: StatusTimes, now: number): FieldProblem[] {
  return TIME_FIELDS.filter((field) => {
    const at = times[field];
    return at !== null && isBeyondFutureSkew(at, now);
  }).map((path) => ({ path, message: `must not be more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes in the future of the server's clock` }));
}

/** Why a status change is refused, or null when it is allowed (see canMove). */
export function moveProblem(from: CallStatus, to: CallStatus): FieldProblem | null {
  if (canMove(from, to)) return null;
  return { path: 'status', message: `cannot move from ${from} to ${to}; reopen the call (status awaiting) first` };
}

/**
 * A patch that clears the status time of a call keeping its status: refused,
 * since settling would otherwise quietly fill it in again with "now".
 */
export function clearedStatusTimeProblem(status: CallStatus, cleared: { respondedAt: boolean; closedAt: boolean }): FieldProblem | null {
  const field = statusTimeField(status);
  if (!field || !cleared[field]) return null;
  return { path: field, message: `is required for ${aCall(status)}; to clear it, reopen the call (status awaiting)` };
}

/**
 * Whether an open call may record this outcome at this time (epoch ms): the
 * first problem settleCallTimes finds, in its words, or null. For a form that
 * checks before it sends.
 */
export function outcomeTimeProblem(outcome: Outcome, at: number, placedAt: number, now: number): FieldProblem | null {
  const closes = statusTimeField(outcome) === 'closedAt';
  const times = { status: outcome, placedAt, respondedAt: closes ? null : at, closedAt: closes ? at : null };
  return settleCallTimes(times, { respondedAt: !closes, closedAt: closes }, now).problems[0] ?? null;
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
