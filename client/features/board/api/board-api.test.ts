import { describe, expect, it } from 'vitest';
import { ApiError } from '#client/lib/api-client.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { estimateSkew } from './awaiting.ts';
import { outcomePatch } from '#shared/domain/call-status.ts';
import { outcomeErrorMessage } from './record-outcome.ts';

const call = (placedAt: string, waitingMs: number) => ({ placedAt, waitingMs }) as AwaitingCall;

describe('clock skew between server and browser', () => {
  const received = Date.parse('2026-11-28T12:00:00Z');

  it('is ignored within network noise', () => {
    expect(estimateSkew([call('2026-11-28T11:00:00Z', 3_600_000 + 300)], received)).toBe(0);
  });

  it('is the median difference when the browser clock is wrong', () => {
    // The server says these calls waited 5 minutes longer than this browser thinks.
    const items = [call('2026-11-28T11:00:00Z', 3_900_000), call('2026-11-28T10:00:00Z', 7_500_000), call('2026-11-28T09:00:00Z', 99)];
    expect(estimateSkew(items, received)).toBe(300_000);
    expect(estimateSkew([], received)).toBe(0);
  });
});

describe('recording an outcome', () => {
  it('sets respondedAt for replies and closedAt for a withdrawal, or leaves the time to the server', () => {
    expect(outcomePatch('returned', '2026-11-28T12:00:00Z')).toEqual({ status: 'returned', respondedAt: '2026-11-28T12:00:00Z' });
    expect(outcomePatch('withdrawn', '2026-11-28T12:00:00Z')).toEqual({ status: 'withdrawn', closedAt: '2026-11-28T12:00:00Z' });
    expect(outcomePatch('answered')).toEqual({ status: 'answered' });
  });

  it('explains a conflict with another analyst in words', () => {
    const stale = new ApiError(412, { type: 'about:blank', title: 'Precondition failed', status: 412, detail: 'changed' });
    expect(outcomeErrorMessage(stale, 'Sergei Lavrov')).toMatch(/Someone else changed the call to Sergei Lavrov/);
    expect(outcomeErrorMessage(new TypeError('fetch failed'), 'Sergei Lavrov')).toMatch(/did not answer/);
  });
});
