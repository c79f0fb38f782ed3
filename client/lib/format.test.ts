import { TZDate, tz } from '@date-fns/tz';
import { format, formatDistanceStrict, intervalToDuration } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  calendarDay,
  dayPart,
  dayStartIso,
  formatAgoShort,
  formatClockDayIn,
  formatDate,
  formatDateTime,
  formatDateTimeIn,
  formatDateTimeSeconds,
  formatDayMonthIn,
  formatDuration,
  formatLocalDate,
  formatPeriod,
  formatPromiseTime,
  formatRelative,
  fromLocalInput,
  localTimeIn,
  shiftDay,
  toLocalInput,
  zoneCity,
  ordinal,
} from './format.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('durations on a live timer', () => {
  it('shows hours, minutes and seconds under a day', () => {
    expect(formatDuration(0, 'timer')).toBe('0h 00m 00s');
    expect(formatDuration(59 * s + 999, 'timer')).toBe('0h 00m 59s');
    expect(formatDuration(5 * h + 4 * m + 12 * s, 'timer')).toBe('5h 04m 12s');
    expect(formatDuration(d - s, 'timer')).toBe('23h 59m 59s');
  });

  it('adds days from a day on, with fixed-width fields after them', () => {
    expect(formatDuration(d, 'timer')).toBe('1d 00h 00m 00s');
    expect(formatDuration(73 * h + 4 * m + 12 * s, 'timer')).toBe('3d 01h 04m 12s');
    expect(formatDuration(400 * d + 5 * s, 'timer')).toBe('400d 00h 00m 05s');
  });

  it('reads a span slightly in the future as zero', () => {
    expect(formatDuration(-90 * s, 'timer')).toBe('0h 00m 00s');
  });
});

describe('durations in words', () => {
  it('spells the span out for screen readers', () => {
    expect(formatDuration(73 * h + 4 * m + 12 * s, 'spoken')).toBe('3 days, 1 hour, 4 minutes');
    expect(formatDuration(30 * s, 'spoken')).toBe('0 minutes');
    expect(formatDuration(2 * h, 'spoken')).toBe('2 hours');
  });

  it('says a headline wait two units deep', () => {
    expect(formatDuration(74 * h + 4 * m, 'words')).toBe('3 days 2 hours');
    expect(formatDuration(3 * d, 'words')).toBe('3 days');
    expect(formatDuration(5 * h + 4 * m + 12 * s, 'words')).toBe('5 hours 4 minutes');
    expect(formatDuration(h, 'words')).toBe('1 hour');
    expect(formatDuration(12 * m, 'words')).toBe('12 minutes');
  });
});

describe('attempts on a board row', () => {
  it('counts them as ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });

  it('says how long ago the last one was, in short units', () => {
    const now = Date.parse('2013-02-15T12:00:00Z');
    expect(formatAgoShort(now - 20 * s, now)).toBe('just now');
    expect(formatAgoShort(now - 12 * m, now)).toBe('12 min ago');
    expect(formatAgoShort(new Date(now - 5 * h - 59 * m).toISOString(), now)).toBe('5 h ago');
    expect(formatAgoShort(now - 3 * d - h, now)).toBe('3 days ago');
  });
});

describe('formatRelative', () => {
  it('says how long ago, and "just now" within the minute', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(formatRelative(now - 30 * s, now)).toBe('just now');
    expect(formatRelative(now - 3 * d - 5 * h, now)).toBe('3 days ago');
    expect(formatRelative(now - 90 * m, now)).toBe('1 hour ago');
  });

  it('is precise past a month, in calendar years, months and days', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(formatRelative(now - 703 * d, now)).toBe('1 year 11 months ago');
    expect(formatRelative(now - 365 * d, now)).toBe('1 year ago');
    expect(formatRelative(Date.parse('2013-02-12T15:00:00Z'), now)).toBe('13 years 9 months ago');
    // Days and months are counted on the browser's wall clock (as date-fns does): June to August has no daylight-saving change in the usual zones.
    expect(formatRelative(Date.parse('2026-06-01T12:00:00Z'), Date.parse('2026-08-06T12:00:00Z'))).toBe('2 months 5 days ago');
    expect(formatRelative(Date.parse('2026-07-08T12:00:00Z'), Date.parse('2026-08-06T12:00:00Z'))).toBe('29 days ago');
    expect(formatRelative(now + 40 * d, now)).toBe('in 1 month 10 days');
  });
});

describe('local time of an official', () => {
  it('names the time, the city and the part of the day in their zone', () => {
    // 23:14 UTC on 12 Feb 2013 is 03:14 the next night in Moscow (UTC+4 then).
    const at = Date.parse('2013-02-12T23:14:00Z');
    expect(localTimeIn('Europe/Moscow', at)).toMatchObject({ time: '03:14', city: 'Moscow', dayPart: 'night', offset: '+04:00' });
    expect(localTimeIn('America/New_York', at)).toMatchObject({ time: '18:14', city: 'New York', dayPart: 'evening' });
  });

  it('follows daylight saving time in the official’s zone', () => {
    expect(localTimeIn('America/New_York', Date.parse('2024-07-01T12:00:00Z')).time).toBe('08:00');
    expect(localTimeIn('America/New_York', Date.parse('2024-01-01T12:00:00Z')).time).toBe('07:00');
  });

  it('splits the day into night, morning, afternoon and evening', () => {
    expect([0, 5, 6, 11, 12, 17, 18, 21, 22, 23].map(dayPart)).toEqual([
      'night', 'night', 'morning', 'morning', 'afternoon', 'afternoon', 'evening', 'evening', 'night', 'night',
    ]);
  });

  it('turns zone names into city names', () => {
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });
});

describe('datetime-local values', () => {
  it('round-trips an instant through the viewer’s wall clock with its offset', () => {
    const at = new Date(2013, 1, 12, 14, 30).getTime();
    const iso = fromLocalInput(toLocalInput(at));
    expect(iso).toMatch(/^2013-02-12T14:30:00(Z|[+-]\d\d:\d\d)$/);
    expect(Date.parse(iso!)).toBe(at);
  });

  it('answers null for an empty or broken value', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2013-02-30T10:00')).toBeNull();
    for (const broken of ['2013-02-12', '2013-02-12T24:00', '2013-02-12T10:60', '2013-02-12T10:00:60', '2013-13-01T10:00', '2013-02-12T10:00Z', ' 2013-02-12T10:00', 'soon']) {
      expect(fromLocalInput(broken), broken).toBeNull();
    }
  });

  it('reads the seconds when the value has them', () => {
    const iso = fromLocalInput('2013-02-12T14:30:05');
    expect(Date.parse(iso!)).toBe(new Date(2013, 1, 12, 14, 30, 5).getTime());
  });
});

describe('calendar days', () => {
  it('shifts a calendar day by whole days', () => {
    expect(shiftDay('2013-02-27', 2)).toBe('2013-03-01');
    expect(shiftDay('2013-03-01', -1)).toBe('2013-02-28');
    expect(shiftDay('2012-02-28', 1)).toBe('2012-02-29');
  });

  it('starts a day at the viewer’s midnight, or the next one', () => {
    expect(dayStartIso('2013-02-12')).toBe(new Date(2013, 1, 12).toISOString());
    expect(dayStartIso('2013-02-28', true)).toBe(new Date(2013, 2, 1).toISOString());
    expect(dayStartIso('2012-02-29')).toBe(new Date(2012, 1, 29).toISOString());
  });

  it('takes only real calendar days', () => {
    for (const broken of ['', '2013-02-29', '2013-00-10', '2013-04-31', '2013-02-12T00:00', '12/02/2013', '2013-02-12x']) {
      expect(dayStartIso(broken), broken).toBeNull();
    }
  });

  it('reads a year before 100 as that year', () => {
    expect(formatLocalDate('0099-03-01')).toBe('Sun 1 Mar 0099');
  });

  it('shows a calendar day with its weekday, or the text as given when it is not one', () => {
    expect(formatLocalDate('2013-02-23')).toBe('Sat 23 Feb 2013');
    expect(formatLocalDate('2013-02-30')).toBe('2013-02-30');
  });
});

describe('dates as text, as date-fns’ format writes them', () => {
  // Zones a quarter or half hour off, west and east, with and without DST, and across the date line.
  const zones = ['UTC', 'Europe/Moscow', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
  // Every few days over two years (each weekday, month and both DST changes), at shifting times of day.
  const instants = Array.from({ length: 260 }, (_, i) => Date.UTC(2023, 0, 1) + i * (2.8 * d + 37 * m + 13 * s));
  instants.push(Date.UTC(99, 2, 1, 12), Date.UTC(2024, 1, 29, 23, 59, 59), Date.UTC(2024, 2, 10, 7, 30), Date.UTC(2024, 10, 3, 6, 30));

  it('in the viewer’s zone', () => {
    for (const at of instants) {
      expect(formatDateTime(at)).toBe(format(at, 'd MMM yyyy, HH:mm'));
      expect(formatDateTimeSeconds(at)).toBe(format(at, 'd MMM yyyy, HH:mm:ss'));
      expect(formatDate(at)).toBe(format(at, 'd MMM yyyy'));
      expect(toLocalInput(at)).toBe(format(at, "yyyy-MM-dd'T'HH:mm"));
      expect(calendarDay(at)).toBe(format(at, 'yyyy-MM-dd'));
      expect(formatLocalDate(calendarDay(at))).toBe(format(at, 'EEE d MMM yyyy'));
      expect(formatPeriod(new Date(at).toISOString(), 'week')).toBe(format(new TZDate(at, 'UTC'), 'd MMM yyyy'));
      expect(formatPeriod(new Date(at).toISOString(), 'month')).toBe(format(new TZDate(at, 'UTC'), 'MMM yyyy'));
    }
  });

  it('in a counterpart’s zone', () => {
    for (const zone of zones) {
      for (const at of instants) {
        const local = new TZDate(at, zone);
        const iso = new Date(at).toISOString();
        expect(localTimeIn(zone, at)).toMatchObject({ time: format(local, 'HH:mm'), offset: format(local, 'xxx', { in: tz(zone) }) });
        expect(formatDateTimeIn(iso, zone)).toBe(format(local, 'd MMM yyyy, HH:mm'));
        expect(formatDayMonthIn(iso, zone)).toBe(format(local, 'd MMM'));
        expect(formatClockDayIn(iso, zone)).toBe(format(local, 'HH:mm EEE'));
        expect(formatPromiseTime(iso, zone)).toBe(`${format(local, 'EEE HH:mm')} ${zoneCity(zone)} time`);
      }
    }
  });
});

describe('a relative time under a month, as date-fns’ formatDistanceStrict says it', () => {
  it('counts minutes, hours, wall-clock days and a 30-day month, either way', () => {
    // Nows around both DST changes of the viewer's zone (if it has them) and in between.
    const nows = [Date.UTC(2024, 2, 9, 12), Date.UTC(2024, 2, 31, 0, 30), Date.UTC(2024, 5, 15, 8), Date.UTC(2024, 9, 27, 1, 15), Date.UTC(2024, 10, 3, 18)];
    const spans = Array.from({ length: 400 }, (_, i) => m + i * (1.9 * h + 7 * m + 29 * s)).concat([59 * m, h, 23 * h + 59 * m, d - 1, d, d + h, 30 * d, 30 * d - h, 30 * d + h, 31 * d - m]);
    for (const now of nows) {
      for (const span of spans) {
        for (const at of [now - span, now + span]) {
          const { years = 0, months = 0 } = intervalToDuration(at < now ? { start: at, end: now } : { start: now, end: at });
          if (years !== 0 || months !== 0) continue;
          expect(formatRelative(at, now), `${new Date(at).toISOString()} from ${new Date(now).toISOString()}`).toBe(formatDistanceStrict(at, now, { addSuffix: true, roundingMethod: 'floor' }));
        }
      }
    }
  });
});
