import { type AvailabilityAt, availabilityAt } from '#shared/domain/availability/availability.ts';
import { BaseCalendar } from '#shared/domain/availability/calendar.ts';
import { WorkingClock } from '#shared/domain/availability/working-time.ts';
import type { Absence, Availability } from '#shared/schemas/availability.ts';
import { holidaysOf } from '../../lib/public-holidays.ts';
import { toIsoOrNull } from '../../lib/time.ts';
import type { CalendarSource } from './repository.ts';

interface TimedAbsence {
  id: string;
  from: number;
  to: number;
  absence: Absence;
}

/** One callee's working clock, with what it was built from. */
export interface CalleeCalendar {
  /** Changes exactly when the callee's working time changes: zone, hours, holidays or absences. */
  readonly fingerprint: string;
  readonly clock: WorkingClock;
  readonly absences: readonly TimedAbsence[];
}

// Built calendars are kept by fingerprint: an unchanged callee costs a string
// comparison per request, a changed one gets a new calendar (and the old one
// goes once no callee uses it). Officials of one ministry and zone share their
// ministry's calendar.
const bases = new Map<string, BaseCalendar>();
const clocks = new Map<string, CalleeCalendar>();
const MAX_KEPT = 20_000;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_KEPT) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

function baseKey(source: CalendarSource): string {
  return JSON.stringify([source.timeZone, source.hours, source.countryHolidays ? source.country : null, source.extraHolidays]);
}

/** The callee's calendar, built or reused. */
export function calendarOf(source: CalendarSource): CalleeCalendar {
  const base = baseKey(source);
  const absences = source.absences.map((a) => ({ id: a.id, from: Date.parse(a.from), to: Date.parse(a.to), absence: a }));
  const fingerprint = `${base}|${absences.map((a) => `${a.from}-${a.to}`).join(',')}`;
  const calendar = remember(clocks, fingerprint, () => {
    const rules = { timeZone: source.timeZone, hours: source.hours, holidays: holidaysOf(source) };
    const shared = remember(bases, base, () => new BaseCalendar(rules));
    return { fingerprint, clock: new WorkingClock(shared, absences), absences };
  });
  // An absence's reason and source are not part of the fingerprint: answer the current ones.
  return { ...calendar, absences };
}

/** The working time of a call's wait: placedAt to its end (respondedAt ?? closedAt), or to now while it runs. */
export function workingMsOfWait(calendar: CalleeCalendar, placedAt: number, endedAt: number | null, nowMs: number): number {
  return calendar.clock.workingMs(placedAt, endedAt ?? nowMs);
}

/** The callee's availability at nowMs, as the API answers it. */
export function availabilityNow(calendar: CalleeCalendar, nowMs: number): Availability {
  const at: AvailabilityAt<TimedAbsence> = availabilityAt(calendar.clock, calendar.absences, nowMs);
  return {
    state: at.state,
    until: toIsoOrNull(at.until),
    resumesAt: toIsoOrNull(at.resumesAt),
    absence: at.absence?.absence ?? null,
    holiday: at.holiday,
  };
}
