import { describe, expect, it } from 'vitest';
import type { Availability } from '#shared/schemas/availability.ts';
import { nextAvailabilityChange, workingMsAt } from './working-clock.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const availability = (state: Availability['state'], until: string | null): Availability => ({ state, until, resumesAt: null, absence: null, holiday: null });
// Answered at 12:00Z: placed 10:00Z, 2 h waited, 1 h of it working time.
const call = (state: Availability['state'], until: string | null) => ({ placedAt: '2013-02-18T10:00:00Z', waitingMs: 2 * H, workingMs: 1 * H, availability: availability(state, until) });

describe('the board’s working-time clock', () => {
  it('runs on while the callee works, and stops when their hours end', () => {
    const working = call('working', '2013-02-18T14:00:00Z');
    expect(workingMsAt(working, at('2013-02-18T12:30:00Z'))).toBe(1.5 * H);
    expect(workingMsAt(working, at('2013-02-18T15:00:00Z'))).toBe(3 * H);
  });

  it('stands still off hours, on a holiday and while away', () => {
    for (const state of ['off_hours', 'holiday', 'away'] as const) expect(workingMsAt(call(state, '2013-02-19T05:00:00Z'), at('2013-02-18T18:00:00Z'))).toBe(1 * H);
  });

  it('knows when to fetch the board again', () => {
    expect(nextAvailabilityChange([call('working', '2013-02-18T14:00:00Z'), call('away', '2013-02-18T13:00:00Z'), call('off_hours', null)])).toBe(at('2013-02-18T13:00:00Z'));
    expect(nextAvailabilityChange([call('off_hours', null)])).toBeNull();
  });
});
