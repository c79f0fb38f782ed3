import { describe, expect, it } from 'vitest';
import { BaseCalendar, type HolidaysOfYear } from './calendar.ts';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from './working-hours.ts';
import { WorkingClock } from './working-time.ts';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const noHolidays: HolidaysOfYear = () => new Map();
const holidays = (dates: Record<string, string>): HolidaysOfYear => {
  const map = new Map(Object.entries(dates));
  return () => map;
};
const clockOf = (timeZone: string, options: { hours?: WorkingHours; holidays?: HolidaysOfYear; absences?: { from: number; to: number }[] } = {}) =>
  new WorkingClock(new BaseCalendar({ timeZone, hours: options.hours ?? DEFAULT_WORKING_HOURS, holidays: options.holidays ?? noHolidays }), options.absences);
const working = (clock: WorkingClock, from: string, to: string) => clock.workingMs(at(from), at(to));
const onlySunday = (spans: [string, string][]): WorkingHours => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: spans });

describe('working time within the default hours (Mon–Fri 09:00–18:00 local)', () => {
  const berlin = clockOf('Europe/Berlin');

  it('counts the part of a weekday inside the hours', () => {
    // Mon 11 Feb 2013, CET (+01:00): 08:00Z–17:00Z is 09:00–18:00 local.
    expect(working(berlin, '2013-02-11T07:00:00Z', '2013-02-11T09:30:00Z')).toBe(1.5 * H); // 09:00–10:30 local
    expect(working(berlin, '2013-02-11T08:00:00Z', '2013-02-11T17:00:00Z')).toBe(9 * H);
    expect(working(berlin, '2013-02-11T06:00:00Z', '2013-02-11T20:00:00Z')).toBe(9 * H);
  });

  it('counts a whole week as five nine-hour days, the weekend as nothing', () => {
    // Mon 11 Feb 00:00 CET → Mon 18 Feb 00:00 CET.
    expect(working(berlin, '2013-02-10T23:00:00Z', '2013-02-17T23:00:00Z')).toBe(45 * H);
    expect(working(berlin, '2013-02-16T00:00:00Z', '2013-02-17T22:59:59Z')).toBe(0);
  });

  it('accrues nothing for a call placed outside the hours until work begins', () => {
    // Placed Sat 16 Feb 10:00Z; nothing by Sat evening, nothing by Mon 07:59Z (08:59 local).
    expect(working(berlin, '2013-02-16T10:00:00Z', '2013-02-16T20:00:00Z')).toBe(0);
    expect(working(berlin, '2013-02-16T10:00:00Z', '2013-02-18T07:59:00Z')).toBe(0);
    // Mon 09:30 local: half an hour.
    expect(working(berlin, '2013-02-16T10:00:00Z', '2013-02-18T08:30:00Z')).toBe(30 * M);
    // Placed Tue 21:00 local (20:00Z), read Wed 10:15 local (09:15Z): 1 h 15 min.
    expect(working(berlin, '2013-02-12T20:00:00Z', '2013-02-13T09:15:00Z')).toBe(75 * M);
  });

  it('is exact to the millisecond and 0 for an empty or reversed span', () => {
    expect(berlin.workingMs(at('2013-02-11T08:00:00Z'), at('2013-02-11T08:00:00Z') + 1)).toBe(1);
    expect(working(berlin, '2013-02-11T10:00:00Z', '2013-02-11T10:00:00Z')).toBe(0);
    expect(working(berlin, '2013-02-11T12:00:00Z', '2013-02-11T10:00:00Z')).toBe(0);
  });

  it('adds up across years', () => {
    // Fri 28 Dec 2012 17:00 local → Wed 2 Jan 2013 10:00 local; no holidays given:
    // Fri 1 h, Mon 31 Dec 9 h, Tue 1 Jan 9 h, Wed 1 h = 20 h.
    expect(working(berlin, '2012-12-28T16:00:00Z', '2013-01-02T09:00:00Z')).toBe(20 * H);
  });
});

describe('daylight saving time', () => {
  it('Europe, spring: Monday 09:00 is 07:00Z after the change (wall 64 h, working 2 h)', () => {
    // Clocks go 02:00 CET → 03:00 CEST on Sun 31 Mar 2013 (01:00Z).
    // Fri 29 Mar 17:00 CET (16:00Z) → Mon 1 Apr 10:00 CEST (08:00Z): Fri 17–18 + Mon 09–10.
    expect(working(clockOf('Europe/Berlin'), '2013-03-29T16:00:00Z', '2013-04-01T08:00:00Z')).toBe(2 * H);
  });

  it('Europe, autumn: Monday 09:00 is 08:00Z after the change (wall 66 h, working 2 h)', () => {
    // Clocks go 03:00 CEST → 02:00 CET on Sun 27 Oct 2013 (01:00Z).
    // Fri 25 Oct 17:00 CEST (15:00Z) → Mon 28 Oct 10:00 CET (09:00Z).
    expect(working(clockOf('Europe/Berlin'), '2013-10-25T15:00:00Z', '2013-10-28T09:00:00Z')).toBe(2 * H);
  });

  it('Europe: a day of the change is 23 h or 25 h long, and a span the change cuts through shrinks or repeats', () => {
    const allSunday = clockOf('Europe/Berlin', { hours: onlySunday([['00:00', '24:00']]) });
    expect(working(allSunday, '2013-03-30T00:00:00Z', '2013-04-02T00:00:00Z')).toBe(23 * H);
    expect(working(allSunday, '2013-10-26T00:00:00Z', '2013-10-29T00:00:00Z')).toBe(25 * H);
    // 01:00–04:00 local: in spring 02:00–03:00 never happens (2 h); in autumn 02:00–03:00 happens twice (4 h).
    const night = clockOf('Europe/Berlin', { hours: onlySunday([['01:00', '04:00']]) });
    expect(working(night, '2013-03-30T00:00:00Z', '2013-04-02T00:00:00Z')).toBe(2 * H);
    expect(working(night, '2013-10-26T00:00:00Z', '2013-10-29T00:00:00Z')).toBe(4 * H);
    // Spring: 00:00Z (01:00 CET) to 02:00Z (04:00 CEST).
    expect(working(night, '2013-03-31T00:00:00Z', '2013-03-31T00:30:00Z')).toBe(30 * M);
    expect(working(night, '2013-03-31T01:30:00Z', '2013-03-31T02:30:00Z')).toBe(30 * M);
  });

  it('southern hemisphere, autumn in April: Sydney leaves summer time (+11 → +10)', () => {
    // Clocks go 03:00 AEDT → 02:00 AEST on Sun 7 Apr 2013 (6 Apr 16:00Z).
    // Fri 5 Apr 17:00 AEDT (06:00Z) → Mon 8 Apr 10:00 AEST (00:00Z): Fri 17–18 + Mon 09–10 (Sun 23:00Z–00:00Z).
    expect(working(clockOf('Australia/Sydney'), '2013-04-05T06:00:00Z', '2013-04-08T00:00:00Z')).toBe(2 * H);
  });

  it('southern hemisphere, spring in October: Sydney enters summer time (+10 → +11)', () => {
    // Clocks go 02:00 AEST → 03:00 AEDT on Sun 6 Oct 2013 (5 Oct 16:00Z).
    // Fri 4 Oct 17:00 AEST (07:00Z) → Mon 7 Oct 10:00 AEDT (Sun 6 Oct 23:00Z): Fri 17–18 + Mon 09–10 (22:00Z–23:00Z).
    expect(working(clockOf('Australia/Sydney'), '2013-10-04T07:00:00Z', '2013-10-06T23:00:00Z')).toBe(2 * H);
    const allSunday = clockOf('Australia/Sydney', { hours: onlySunday([['00:00', '24:00']]) });
    expect(working(allSunday, '2013-10-04T00:00:00Z', '2013-10-08T00:00:00Z')).toBe(23 * H);
  });

  it('a half-hour zone with summer time: Adelaide (+10:30 → +09:30)', () => {
    // Clocks go 03:00 ACDT → 02:00 ACST on Sun 7 Apr 2013 (6 Apr 16:30Z).
    // Fri 5 Apr 17:00 ACDT (06:30Z) → Mon 8 Apr 10:00 ACST (00:30Z): 2 h; read at Mon 09:00 ACST (Sun 23:30Z): 1 h.
    const adelaide = clockOf('Australia/Adelaide');
    expect(working(adelaide, '2013-04-05T06:30:00Z', '2013-04-08T00:30:00Z')).toBe(2 * H);
    expect(working(adelaide, '2013-04-05T06:30:00Z', '2013-04-07T23:30:00Z')).toBe(1 * H);
  });
});

describe('zones off the hour', () => {
  it('India (+05:30): 09:00–18:00 IST is 03:30Z–12:30Z', () => {
    const kolkata = clockOf('Asia/Kolkata');
    expect(working(kolkata, '2013-02-11T03:00:00Z', '2013-02-11T04:00:00Z')).toBe(30 * M);
    expect(working(kolkata, '2013-02-11T12:00:00Z', '2013-02-11T13:00:00Z')).toBe(30 * M);
    expect(working(kolkata, '2013-02-11T00:00:00Z', '2013-02-12T00:00:00Z')).toBe(9 * H);
  });

  it('Nepal (+05:45): a call placed at 17:30 local on Friday accrues 45 min by 09:15 on Monday', () => {
    // Fri 15 Feb 2013 17:30 NPT = 11:45Z; Mon 18 Feb 09:15 NPT = 03:30Z.
    expect(working(clockOf('Asia/Kathmandu'), '2013-02-15T11:45:00Z', '2013-02-18T03:30:00Z')).toBe(45 * M);
  });
});

describe('several spans a day', () => {
  const lunch: WorkingHours = { ...DEFAULT_WORKING_HOURS, mon: [['14:00', '18:00'], ['09:00', '13:00']] };

  it('leaves the lunch break out', () => {
    // Mon 11 Feb 12:00 CET (11:00Z) → 15:00 CET (14:00Z): 12–13 and 14–15.
    expect(working(clockOf('Europe/Berlin', { hours: lunch }), '2013-02-11T11:00:00Z', '2013-02-11T14:00:00Z')).toBe(2 * H);
    expect(working(clockOf('Europe/Berlin', { hours: lunch }), '2013-02-11T00:00:00Z', '2013-02-12T00:00:00Z')).toBe(8 * H);
  });

  it('joins a day ending at 24:00 to the next one starting at 00:00', () => {
    const round: WorkingHours = { ...DEFAULT_WORKING_HOURS, sat: [['20:00', '24:00']], sun: [['00:00', '02:00']] };
    // Sat 16 Feb 20:00 CET (19:00Z) → Sun 02:00 CET (01:00Z): 6 h.
    expect(working(clockOf('Europe/Berlin', { hours: round }), '2013-02-16T18:00:00Z', '2013-02-17T03:00:00Z')).toBe(6 * H);
  });
});

describe('holidays', () => {
  it('remove the whole local day', () => {
    // Tue 30 Apr 17:00 CEST (15:00Z) → Thu 2 May 10:00 CEST (08:00Z); Wed 1 May is a holiday: 1 h + 1 h.
    const clock = clockOf('Europe/Berlin', { holidays: holidays({ '2013-05-01': 'Labour Day' }) });
    expect(working(clock, '2013-04-30T15:00:00Z', '2013-05-02T08:00:00Z')).toBe(2 * H);
    // Without the holiday: 1 + 9 + 1.
    expect(working(clockOf('Europe/Berlin'), '2013-04-30T15:00:00Z', '2013-05-02T08:00:00Z')).toBe(11 * H);
  });

  it('are days of the callee’s zone, not of UTC', () => {
    // Hours round the clock on Wednesdays; the holiday 1 May is 30 Apr 22:00Z → 1 May 22:00Z in Berlin (CEST).
    const hours: WorkingHours = { ...DEFAULT_WORKING_HOURS, tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']] };
    const clock = clockOf('Europe/Berlin', { hours, holidays: holidays({ '2013-05-01': 'Labour Day' }) });
    expect(working(clock, '2013-04-30T21:00:00Z', '2013-05-01T23:00:00Z')).toBe(2 * H); // 23:00–00:00 Tue and 00:00–01:00 Thu
  });
});

describe('absences', () => {
  // Mon 11 Feb 09:00 CET (08:00Z) → Fri 15 Feb 18:00 CET (17:00Z): 45 working hours.
  const from = '2013-02-11T08:00:00Z';
  const to = '2013-02-15T17:00:00Z';
  const trip = { from: at('2013-02-12T10:00:00Z'), to: at('2013-02-13T12:00:00Z') };

  it('take their working hours out', () => {
    expect(working(clockOf('Europe/Berlin'), from, to)).toBe(45 * H);
    // Tue 11:00–18:00 (7 h) and Wed 09:00–13:00 (4 h) are away: 34 h.
    expect(working(clockOf('Europe/Berlin', { absences: [trip] }), from, to)).toBe(34 * H);
  });

  it('count once where they overlap', () => {
    expect(working(clockOf('Europe/Berlin', { absences: [trip, trip] }), from, to)).toBe(34 * H);
    // A second absence Wed 11:00Z–14:00Z adds only Wed 13:00–15:00 local: 32 h.
    const meeting = { from: at('2013-02-13T11:00:00Z'), to: at('2013-02-13T14:00:00Z') };
    expect(working(clockOf('Europe/Berlin', { absences: [meeting, trip] }), from, to)).toBe(32 * H);
  });

  it('may lie in the future, beyond the years asked so far', () => {
    const clock = clockOf('Europe/Berlin', { absences: [{ from: at('2030-01-07T00:00:00Z'), to: at('2030-01-12T00:00:00Z') }] });
    expect(working(clock, from, to)).toBe(45 * H);
    // Mon 7 – Fri 11 Jan 2030, the whole week away.
    expect(working(clock, '2030-01-06T00:00:00Z', '2030-01-13T00:00:00Z')).toBe(0);
  });
});
