import { describe, expect, it } from 'vitest';
import type { CallStatus } from '../schemas/calls.ts';
import {
  MAX_FUTURE_SKEW_MS,
  OUTCOMES,
  canMove,
  clearedStatusTimeProblem,
  futureProblems,
  isBeyondFutureSkew,
  isReplied,
  moveProblem,
  outcomePatch,
  outcomeTimeProblem,
  responseMs,
  settleCallTimes,
  settleStatusTimes,
  statusTimeField,
} from './call-status.ts';

const STATUSES: CallStatus[] = ['awaiting', 'answered', 'returned', 'declined', 'withdrawn'];
const placedAt = Date.parse('2013-02-12T15:00:00Z');
const now = Date.parse('2013-02-15T18:00:00Z');
const hour = 3600_000;
const none = { respondedAt: false, closedAt: false };

describe('canMove / moveProblem', () => {
  // SPEC: awaiting → any; any → awaiting; same status is no move; every other move refused.
  const table = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, from === to || from === 'awaiting' || to === 'awaiting'] as const));
  it.each(table)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
    const problem = moveProblem(from, to);
    if (allowed) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ path: 'status' });
  });
});

describe('settleStatusTimes', () => {
  it('clears both timestamps of an awaiting call left over from a previous status', () => {
    const { times, problems } = settleStatusTimes({ status: 'awaiting', placedAt, respondedAt: placedAt + hour, closedAt: null }, none, now);
    expect(problems).toEqual([]);
    expect(times).toEqual({ status: 'awaiting', placedAt, respondedAt: null, closedAt: null });
  });

  it('reports timestamps given explicitly with awaiting', () => {
    const { problems } = settleStatusTimes({ status: 'awaiting', placedAt, respondedAt: placedAt + hour, closedAt: placedAt + hour }, { respondedAt: true, closedAt: true }, now);
    expect(problems.map((p) => p.path)).toEqual(['respondedAt', 'closedAt']);
  });

  it('answered without respondedAt takes placedAt', () => {
    expect(settleStatusTimes({ status: 'answered', placedAt, respondedAt: null, closedAt: null }, none, now).times.respondedAt).toBe(placedAt);
  });

  it.each(['returned', 'declined'] as const)('%s without respondedAt takes now', (status) => {
    expect(settleStatusTimes({ status, placedAt, respondedAt: null, closedAt: null }, none, now).times.respondedAt).toBe(now);
  });

  it('withdrawn without closedAt takes now, and never a time before placedAt', () => {
    expect(settleStatusTimes({ status: 'withdrawn', placedAt, respondedAt: null, closedAt: null }, none, now).times.closedAt).toBe(now);
    const future = now + 60_000;
    expect(settleStatusTimes({ status: 'withdrawn', placedAt: future, respondedAt: null, closedAt: null }, none, now).times.closedAt).toBe(future);
  });

  it('reports respondedAt on a withdrawn call and closedAt on a replied one', () => {
    expect(settleStatusTimes({ status: 'withdrawn', placedAt, respondedAt: now, closedAt: now }, { respondedAt: true, closedAt: true }, now).problems).toEqual([
      { path: 'respondedAt', message: 'must be empty for a withdrawn call' },
    ]);
    expect(settleStatusTimes({ status: 'returned', placedAt, respondedAt: now, closedAt: now }, { respondedAt: true, closedAt: true }, now).problems).toEqual([
      { path: 'closedAt', message: 'must be empty for a returned call' },
    ]);
    expect(settleStatusTimes({ status: 'answered', placedAt, respondedAt: now, closedAt: now }, { respondedAt: true, closedAt: true }, now).problems[0]?.message).toBe(
      'must be empty for an answered call',
    );
  });

  it('reports a reply or close before the call was placed', () => {
    const early = placedAt - 1;
    expect(settleStatusTimes({ status: 'returned', placedAt, respondedAt: early, closedAt: null }, { respondedAt: true, closedAt: false }, now).problems).toEqual([
      { path: 'respondedAt', message: 'must not be before placedAt' },
    ]);
    expect(settleStatusTimes({ status: 'withdrawn', placedAt, respondedAt: null, closedAt: early }, { respondedAt: false, closedAt: true }, now).problems).toEqual([
      { path: 'closedAt', message: 'must not be before placedAt' },
    ]);
  });

  it('accepts a reply at the very moment the call was placed', () => {
    expect(settleStatusTimes({ status: 'returned', placedAt, respondedAt: placedAt, closedAt: null }, { respondedAt: true, closedAt: false }, now).problems).toEqual([]);
  });
});

describe('futureProblems', () => {
  it('allows up to the skew and names each field beyond it', () => {
    const limit = now + MAX_FUTURE_SKEW_MS;
    expect(futureProblems({ status: 'returned', placedAt: limit, respondedAt: limit, closedAt: null }, now)).toEqual([]);
    const late = futureProblems({ status: 'returned', placedAt: limit + 1, respondedAt: limit + 1, closedAt: null }, now);
    expect(late.map((p) => p.path)).toEqual(['placedAt', 'respondedAt']);
    expect(late[0]?.message).toContain('5 minutes');
  });
});

describe('settleCallTimes', () => {
  it('fills in, then checks the filled-in result against the clock too', () => {
    const settled = settleCallTimes({ status: 'returned', placedAt, respondedAt: null, closedAt: null }, none, now);
    expect(settled).toEqual({ times: { status: 'returned', placedAt, respondedAt: now, closedAt: null }, problems: [] });
    const tooLate = settleCallTimes({ status: 'answered', placedAt: now + MAX_FUTURE_SKEW_MS + 1, respondedAt: null, closedAt: null }, none, now);
    expect(tooLate.problems.map((p) => p.path)).toEqual(['placedAt', 'respondedAt']);
  });
});

describe('responseMs', () => {
  it('is respondedAt − placedAt for replied statuses only', () => {
    for (const status of STATUSES) {
      const times = { status, placedAt, respondedAt: status === 'withdrawn' || status === 'awaiting' ? null : placedAt + 3 * hour, closedAt: null };
      expect(responseMs(times)).toBe(isReplied(status) ? 3 * hour : null);
    }
    expect(responseMs({ status: 'withdrawn', placedAt, respondedAt: null, closedAt: now })).toBeNull();
  });
});

describe('status times', () => {
  it('names the timestamp each status carries: respondedAt for replies, closedAt for a withdrawal', () => {
    expect(STATUSES.map(statusTimeField)).toEqual([null, 'respondedAt', 'respondedAt', 'respondedAt', 'closedAt']);
    expect([...OUTCOMES].sort()).toEqual(STATUSES.filter((s) => s !== 'awaiting').sort());
  });

  it('records an outcome in the field its status needs, or leaves the time to the server', () => {
    expect(outcomePatch('returned', '2026-11-28T12:00:00Z')).toEqual({ status: 'returned', respondedAt: '2026-11-28T12:00:00Z' });
    expect(outcomePatch('withdrawn', '2026-11-28T12:00:00Z')).toEqual({ status: 'withdrawn', closedAt: '2026-11-28T12:00:00Z' });
    expect(outcomePatch('answered')).toEqual({ status: 'answered' });
  });

  it('refuses clearing the status time of a call that keeps its status', () => {
    expect(clearedStatusTimeProblem('returned', { respondedAt: true, closedAt: false })).toEqual({
      path: 'respondedAt',
      message: 'is required for a returned call; to clear it, reopen the call (status awaiting)',
    });
    expect(clearedStatusTimeProblem('withdrawn', { respondedAt: false, closedAt: true })?.path).toBe('closedAt');
    expect(clearedStatusTimeProblem('withdrawn', { respondedAt: true, closedAt: false })).toBeNull();
    expect(clearedStatusTimeProblem('awaiting', { respondedAt: true, closedAt: true })).toBeNull();
  });

  it('checks an outcome’s time as the server will: in the field it goes to, not before the call, not ahead of the clock', () => {
    expect(outcomeTimeProblem('returned', placedAt + hour, placedAt, now)).toBeNull();
    expect(outcomeTimeProblem('withdrawn', placedAt - 1, placedAt, now)).toEqual({ path: 'closedAt', message: 'must not be before placedAt' });
    expect(outcomeTimeProblem('answered', now + MAX_FUTURE_SKEW_MS + 1, placedAt, now)?.path).toBe('respondedAt');
  });

  it('allows clock skew up to the limit, not beyond', () => {
    expect(isBeyondFutureSkew(now + MAX_FUTURE_SKEW_MS, now)).toBe(false);
    expect(isBeyondFutureSkew(now + MAX_FUTURE_SKEW_MS + 1, now)).toBe(true);
  });
});
