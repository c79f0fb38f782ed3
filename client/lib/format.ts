import { TZDateMini } from '@date-fns/tz';
import { addDays, formatISO, intervalToDuration, isValid } from 'date-fns';
import type { TrendInterval } from '#shared/schemas/stats.ts';

// Every date-fns call of the client lives here, so the formats stay consistent
// and the time-zone handling can be tested in one place.

// --- Dates as text ---
// The few fixed formats the dashboard shows, written out rather than through
// date-fns' format (whose every-token formatter would ship with the first
// page). Each reads the date's own fields: the viewer's zone for a Date, the
// zone of a TZDateMini (a TZDate without the string methods, which nothing
// here calls). format.test.ts checks them against date-fns' format.

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "12 Feb" (date-fns "d MMM"). */
const dayMonth = (date: Date) => `${date.getDate()} ${MONTHS[date.getMonth()]}`;
/** "2013", "0099" (date-fns "yyyy"). */
const year = (date: Date) => String(date.getFullYear()).padStart(4, '0');
/** "12 Feb 2013" (date-fns "d MMM yyyy"). */
const dayMonthYear = (date: Date) => `${dayMonth(date)} ${year(date)}`;
/** "14:30" (date-fns "HH:mm"). */
const clock = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}`;
/** "Tue" (date-fns "EEE"). */
const weekday = (date: Date) => WEEKDAYS[date.getDay()]!;
/** "2013-02-12" (date-fns "yyyy-MM-dd"). */
const isoDay = (date: Date) => `${year(date)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** The date's UTC offset, "+03:00", "-05:30", "+00:00" (date-fns "xxx"). */
function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(abs / 60))}:${pad(abs % 60)}`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const HOUR_MS = HOUR;
const DAY = 24 * HOUR;

const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** One decimal under 10, none from 10 on: "6.5", "30". */
const trim = (value: number) => (value >= 10 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, ''));

/**
 * How a duration reads where it is shown:
 * - `timer`: a ticking wait, `5h 04m 12s`, `3d 01h 04m 12s` from a day on;
 *   fixed-width fields after the first, so a column of timers lines up and
 *   the text does not jump as it ticks;
 * - `spoken`: the same in words, for screen readers and titles:
 *   "3 days, 1 hour, 4 minutes";
 * - `compact`: a finished span at a glance (response times): "45s", "14m",
 *   "2h 14m", "3d 4h";
 * - `hours`: statistics, in the units analysts quote: "45 min", "6.5 h",
 *   "3.2 days";
 * - `axis`: a chart's tick: "0", "12h", "1.5d";
 * - `words`: a headline's wait, two units deep, no commas: "3 days 2 hours",
 *   "5 hours 4 minutes", "12 minutes".
 */
export type DurationStyle = 'timer' | 'spoken' | 'compact' | 'hours' | 'axis' | 'words';

/**
 * The one duration formatter. Spans shorter than zero (a call placed a
 * little in the future) read as zero; an unknown duration (null) as "—".
 */
export function formatDuration(ms: number | null | undefined, style: DurationStyle = 'compact'): string {
  if (ms === null || ms === undefined) return '—';
  if (style === 'hours') {
    if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
    return ms < 48 * HOUR ? `${trim(ms / HOUR)} h` : `${trim(ms / DAY)} days`;
  }
  if (style === 'axis') {
    if (ms === 0) return '0';
    return ms < 48 * HOUR ? `${trim(ms / HOUR)}h` : `${trim(ms / DAY)}d`;
  }
  const total = Math.max(0, Math.floor(ms / SECOND));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (style === 'timer') return `${days > 0 ? `${days}d ${pad(hours)}h` : `${hours}h`} ${pad(minutes)}m ${pad(seconds)}s`;
  if (style === 'words') {
    const parts = days ? [unit(days, 'day'), hours ? unit(hours, 'hour') : ''] : hours ? [unit(hours, 'hour'), minutes ? unit(minutes, 'minute') : ''] : [unit(minutes, 'minute')];
    return parts.filter(Boolean).join(' ');
  }
  if (style === 'spoken') {
    const parts = [days ? unit(days, 'day') : '', hours ? unit(hours, 'hour') : ''].filter(Boolean);
    if (minutes || parts.length === 0) parts.push(unit(minutes, 'minute'));
    return parts.join(', ');
  }
  if (total < 60) return `${total}s`;
  if (total < 3_600) return `${Math.floor(total / 60)}m`;
  if (days === 0) return `${hours}h ${minutes}m`;
  return `${days}d ${hours}h`;
}

/** An instant in the viewer's own zone: "12 Feb 2013, 14:30". */
export function formatDateTime(iso: string | number | Date): string {
  const date = new Date(iso);
  return `${dayMonthYear(date)}, ${clock(date)}`;
}

/** An instant to the second, in the viewer's zone: "12 Feb 2013, 14:30:05" (a log of tries seconds apart). */
export function formatDateTimeSeconds(iso: string | number | Date): string {
  const date = new Date(iso);
  return `${dayMonthYear(date)}, ${clock(date)}:${pad(date.getSeconds())}`;
}

/** A date only, in the viewer's zone: "12 Feb 2013". */
export function formatDate(iso: string | number | Date): string {
  return dayMonthYear(new Date(iso));
}

/**
 * "3 days ago" / "in 2 minutes" relative to `now`; "just now" within a minute
 * either way. From a month on, in calendar months and years, two units deep
 * ("1 year 11 months ago", "2 months 5 days ago"): a wait of 703 days is not
 * "1 year".
 */
export function formatRelative(iso: string | number | Date, now: number): string {
  const date = new Date(iso);
  const span = now - date.getTime();
  if (Math.abs(span) < MINUTE) return 'just now';
  const parts = intervalToDuration(span > 0 ? { start: date, end: now } : { start: now, end: date });
  const { years = 0, months = 0, days = 0 } = parts;
  const text =
    years === 0 && months === 0
      ? spanUnderAMonth(Math.min(date.getTime(), now), Math.max(date.getTime(), now))
      : (years > 0 ? [unit(years, 'year'), months ? unit(months, 'month') : ''] : [unit(months, 'month'), days ? unit(days, 'day') : '']).filter(Boolean).join(' ');
  return span > 0 ? `${text} ago` : `in ${text}`;
}

/**
 * A span of a minute to a calendar month in one unit, rounded down, as
 * date-fns' formatDistanceStrict says it: "12 minutes", "5 hours", "3 days",
 * and "1 month" from 30 days on. Days count the wall clock: a DST change in
 * between does not make one of them 23 or 25 hours.
 */
function spanUnderAMonth(from: number, to: number): string {
  const ms = to - from;
  if (ms < HOUR) return unit(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return unit(Math.floor(ms / HOUR), 'hour');
  const wallClockMs = ms - (new Date(to).getTimezoneOffset() - new Date(from).getTimezoneOffset()) * MINUTE;
  return wallClockMs < 30 * DAY ? unit(Math.floor(wallClockMs / DAY), 'day') : unit(Math.floor(wallClockMs / (30 * DAY)), 'month');
}

/** How long ago, in the short units of a board row: "just now", "12 min ago", "5 h ago", "3 days ago". */
export function formatAgoShort(iso: string | number | Date, now: number): string {
  const span = now - new Date(iso).getTime();
  if (span < MINUTE) return 'just now';
  if (span < HOUR) return `${Math.floor(span / MINUTE)} min ago`;
  if (span < 48 * HOUR) return `${Math.floor(span / HOUR)} h ago`;
  return `${Math.floor(span / DAY)} days ago`;
}

/** 1 → "1st", 2 → "2nd", 3 → "3rd", 11 → "11th", 22 → "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export type DayPart = 'night' | 'morning' | 'afternoon' | 'evening';

/** Night 22–6, morning 6–12, afternoon 12–18, evening 18–22. */
export function dayPart(hour: number): DayPart {
  if (hour < 6 || hour >= 22) return 'night';
  if (hour < 12) return 'morning';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

/** "Europe/Moscow" → "Moscow", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** The wall-clock time in an IANA zone at an instant: { time: "02:14", dayPart: "night", city: "Moscow" }. */
export function localTimeIn(timeZone: string, now: number): { time: string; dayPart: DayPart; city: string; offset: string } {
  const local = new TZDateMini(now, timeZone);
  return {
    time: clock(local),
    dayPart: dayPart(local.getHours()),
    city: zoneCity(timeZone),
    offset: utcOffset(local),
  };
}

/** The value a <input type="datetime-local"> shows for an instant, in the viewer's zone. */
export function toLocalInput(instant: number | Date): string {
  const date = new Date(instant);
  return `${isoDay(date)}T${clock(date)}`;
}

/**
 * A datetime-local value (the viewer's wall-clock time) as an ISO instant with
 * its UTC offset ("2013-02-12T14:30:00+03:00"), or null when it is not a time.
 */
export function fromLocalInput(value: string): string | null {
  const parsed = parseLocal(value, true);
  return isValid(parsed) ? formatISO(parsed) : null;
}

// What date-fns' parse read with "yyyy-MM-dd" and "yyyy-MM-dd'T'HH:mm[:ss]",
// without pulling its parser for every token into the first page: up to four
// digits of year, one or two of every other field.
const LOCAL_DAY = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/;
const LOCAL_DATE_TIME = /^(\d{1,4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/;

/**
 * A calendar day ("2013-02-12") or, with `withTime`, a datetime-local value
 * ("2013-02-12T14:30", seconds optional) as that wall-clock time in the
 * viewer's zone; an Invalid Date when it is not one (a 30 February, a 24:00,
 * anything else around it).
 */
function parseLocal(value: string, withTime = false): Date {
  const match = (withTime ? LOCAL_DATE_TIME : LOCAL_DAY).exec(value);
  if (!match) return new Date(Number.NaN);
  const [year = 0, month = 0, day = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map((field) => Number(field ?? 0));
  const date = new Date(2000, 0, 1, hours, minutes, seconds);
  // setFullYear, not the constructor: years 0–99 would read as 1900–1999.
  date.setFullYear(year, month - 1, day);
  const fits = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
  return fits && hours < 24 && minutes < 60 && seconds < 60 ? date : new Date(Number.NaN);
}

/** An instant as the wall-clock time of an IANA zone: "12 Feb 2013, 22:30". */
export function formatDateTimeIn(iso: string | number | Date, timeZone: string): string {
  const date = new TZDateMini(new Date(iso).getTime(), timeZone);
  return `${dayMonthYear(date)}, ${clock(date)}`;
}

/** A trend period's label, read in UTC like the period itself: "11 Feb 2013" (the week of) or "Feb 2013". */
export function formatPeriod(startIso: string, interval: TrendInterval): string {
  const start = new TZDateMini(Date.parse(startIso), 'UTC');
  return interval === 'month' ? `${MONTHS[start.getMonth()]} ${year(start)}` : dayMonthYear(start);
}

/** The viewer's calendar day of an instant, as a date input holds it: "2013-02-12". */
export function calendarDay(instant: number | Date): string {
  return isoDay(new Date(instant));
}

/** A calendar day some days later (or earlier), across DST changes: "2013-03-09" + 2 → "2013-03-11". */
export function shiftDay(day: string, days: number): string {
  return calendarDay(addDays(parseLocal(day), days));
}

/**
 * A date filter ("2013-02-12", the viewer's calendar day) as the instant its
 * day starts in the viewer's zone; with `nextDay`, the instant the following
 * day starts, so an inclusive "to" date becomes an exclusive bound.
 */
export function dayStartIso(day: string, nextDay = false): string | null {
  const parsed = parseLocal(day);
  if (!isValid(parsed)) return null;
  // addDays keeps local midnight across a DST change; adding 24 h would not.
  return (nextDay ? addDays(parsed, 1) : parsed).toISOString();
}

// --- Counterpart availability ---

/** A calendar date "2013-02-23" as "Sat 23 Feb 2013". */
export function formatLocalDate(day: string): string {
  const parsed = parseLocal(day);
  return isValid(parsed) ? `${weekday(parsed)} ${dayMonthYear(parsed)}` : day;
}

/** An instant as a short date of an IANA zone: "18 Feb". */
export function formatDayMonthIn(iso: string | number | Date, timeZone: string): string {
  return dayMonth(new TZDateMini(new Date(iso).getTime(), timeZone));
}

/** An instant as a time and weekday of an IANA zone: "09:00 Mon". */
export function formatClockDayIn(iso: string | number | Date, timeZone: string): string {
  const date = new TZDateMini(new Date(iso).getTime(), timeZone);
  return `${clock(date)} ${weekday(date)}`;
}

/** How far ahead an instant is, coarsely: "in 45 min", "in 5 h", "in 3 d"; "now" when it has come. */
export function formatTimeAhead(ms: number): string {
  if (ms < MINUTE) return 'now';
  if (ms < HOUR) return `in ${Math.round(ms / MINUTE)} min`;
  if (ms < 48 * HOUR) return `in ${Math.round(ms / HOUR)} h`;
  return `in ${Math.round(ms / (24 * HOUR))} d`;
}

/** A promised time as the callee's office means it: "Fri 18:00 Moscow time". */
export function formatPromiseTime(iso: string, timeZone: string): string {
  const date = new TZDateMini(Date.parse(iso), timeZone);
  return `${weekday(date)} ${clock(date)} ${zoneCity(timeZone)} time`;
}
