import { describe, expect, it } from 'vitest';
import { makeCall } from '#client/test/fixtures.ts';
import type { RoundCall } from '#shared/schemas/rounds.ts';
import { timelineRows, timelineTicks } from './timeline.ts';

const H = 3_600_000;
const trigger = '2013-02-12T02:57:00Z';
const at = (hours: number) => new Date(Date.parse(trigger) + hours * H).toISOString();
const call = (over: Partial<RoundCall>): RoundCall => ({ ...makeCall(over), workingMs: 0, waitingMs: null, availability: null, ...over });

describe('the round’s timeline', () => {
  it('draws each call from its first try to its reply, or to now while it awaits, in hours since the trigger', () => {
    const now = Date.parse(at(80));
    const rows = timelineRows(
      [
        call({ id: 'ru', status: 'awaiting', placedAt: at(12), attempts: 3, lastAttemptAt: at(60) }),
        call({ id: 'jp', status: 'returned', placedAt: at(10), respondedAt: at(12) }),
      ],
      trigger,
      now,
      new Map([['ru', [at(36), at(60)]]]),
    );
    expect(rows.map((r) => [r.id, r.offsetHours, r.spanHours, r.attemptHours])).toEqual([
      ['ru', 12, 68, [36, 60]],
      ['jp', 10, 2, []],
    ]);
    // The attempts are marks on the bar: they never move its start.
    expect(rows[0]!.offsetHours).toBe(12);
  });

  it('marks the last attempt while the list of attempts is loading, and counts from the first call without a trigger time', () => {
    const rows = timelineRows([call({ id: 'ru', status: 'awaiting', placedAt: at(12), attempts: 2, lastAttemptAt: at(30) })], null, Date.parse(at(40)));
    expect(rows[0]).toMatchObject({ offsetHours: 0, spanHours: 28, attemptHours: [18] });
  });

  it('runs the axis past the longest bar in round steps, showing 24 h at least', () => {
    expect(timelineTicks([{ id: 'a', label: '', ministry: '', status: 'awaiting', offsetHours: 12, spanHours: 68, attempts: 1, attemptHours: [] }])).toEqual({ ticks: [0, 12, 24, 36, 48, 60, 72, 84], max: 84 });
    expect(timelineTicks([{ id: 'a', label: '', ministry: '', status: 'returned', offsetHours: 0, spanHours: 2, attempts: 1, attemptHours: [] }]).max).toBe(30);
  });
});
