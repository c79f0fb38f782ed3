import type { AwaitingCall } from '#shared/schemas/calls.ts';

type Timed = Pick<AwaitingCall, 'placedAt' | 'waitingMs' | 'workingMs' | 'availability'>;

/**
 * A call's wait in the callee's working time at `serverNow`, from the board's
 * answer: the server's workingMs as of its clock (placedAt + waitingMs), plus
 * the time since while the callee is working — up to when that state ends,
 * after which the board fetches afresh.
 */
export function workingMsAt(call: Timed, serverNow: number): number {
  if (call.availability.state !== 'working') return call.workingMs;
  const asOf = Date.parse(call.placedAt) + call.waitingMs;
  const until = call.availability.until === null ? Infinity : Date.parse(call.availability.until);
  return call.workingMs + Math.max(0, Math.min(serverNow, until) - asOf);
}

/** The next instant at which some callee's availability changes (the board refetches then); null when none is known. */
export function nextAvailabilityChange(items: readonly Timed[]): number | null {
  let next = Infinity;
  for (const call of items) {
    const until = call.availability.until;
    if (until !== null) next = Math.min(next, Date.parse(until));
  }
  return Number.isFinite(next) ? next : null;
}
