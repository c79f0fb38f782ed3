import { describe, expect, it } from 'vitest';
import { availabilityAt } from './availability.ts';
import { BaseCalendar } from './calendar.ts';
import { DEFAULT_WORKING_HOURS } from './working-hours.ts';
import { WorkingClock } from './working-time.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const base = new BaseCalendar({
  timeZone: 'Europe/Berlin',
  hours: DEFAULT_WORKING_HOURS,
  holidays: () => new Map([['2013-05-01', 'Labour Day'], ['2013-12-25', 'Christmas Day'], ['2013-12-26', 'Second Day of Christmas']]),
});

function availability(t: string, absences: { id: string; from: string; to: string }[] = []) {
  const list = absences.map((a) => ({ id: a.id, from: at(a.from), to: at(a.to) }));
  const result = availabilityAt(new WorkingClock(base, list), list, at(t));
  return { state: result.state, until: iso(result.until), resumesAt: iso(result.resumesAt), absence: result.absence?.id ?? null, holiday: result.holiday };
}

describe('availabilityAt', () => {
  it('working: until the end of the day’s hours', () => {
    expect(availability('2013-02-11T10:00:00Z')).toEqual({
      state: 'working', until: '2013-02-11T17:00:00.000Z', resumesAt: '2013-02-11T10:00:00.000Z', absence: null, holiday: null,
    });
  });

  it('off hours over the weekend: back at 09:00 on Monday in their time', () => {
    expect(availability('2013-02-16T10:00:00Z')).toEqual({
      state: 'off_hours', until: '2013-02-18T08:00:00.000Z', resumesAt: '2013-02-18T08:00:00.000Z', absence: null, holiday: null,
    });
    // Monday 09:00 is 07:00Z once summer time has begun.
    expect(availability('2013-03-30T10:00:00Z').resumesAt).toBe('2013-04-01T07:00:00.000Z');
  });

  it('holiday: which one, until the local day ends, and work resumes the next morning', () => {
    expect(availability('2013-05-01T10:00:00Z')).toEqual({
      state: 'holiday', until: '2013-05-01T22:00:00.000Z', resumesAt: '2013-05-02T07:00:00.000Z', absence: null, holiday: 'Labour Day',
    });
    // Two holidays in a row are one stretch; Friday 27 Dec is a working day again.
    expect(availability('2013-12-25T12:00:00Z')).toMatchObject({ state: 'holiday', holiday: 'Christmas Day', until: '2013-12-26T23:00:00.000Z', resumesAt: '2013-12-27T08:00:00.000Z' });
  });

  it('away comes first, until the absences (merged) end', () => {
    const trip = { id: 'trip', from: '2013-02-11T00:00:00Z', to: '2013-02-15T12:00:00Z' };
    const extension = { id: 'extension', from: '2013-02-15T06:00:00Z', to: '2013-02-18T12:00:00Z' };
    expect(availability('2013-02-12T10:00:00Z', [trip, extension])).toEqual({
      state: 'away', until: '2013-02-18T12:00:00.000Z', resumesAt: '2013-02-18T12:00:00.000Z', absence: 'trip', holiday: null,
    });
    // Where both hold, the one that lasts longer is the one shown.
    expect(availability('2013-02-15T08:00:00Z', [trip, extension]).absence).toBe('extension');
    // A planned trip does not change today.
    expect(availability('2013-02-08T10:00:00Z', [trip]).state).toBe('working');
  });

  it('off hours before an absence: the state changes when the absence starts', () => {
    const trip = { id: 'trip', from: '2013-02-11T05:00:00Z', to: '2013-02-13T00:00:00Z' };
    expect(availability('2013-02-10T10:00:00Z', [trip])).toMatchObject({ state: 'off_hours', until: '2013-02-11T05:00:00.000Z', resumesAt: '2013-02-13T08:00:00.000Z' });
  });
});
