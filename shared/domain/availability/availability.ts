import { localDateOf } from './calendar.ts';
import type { WorkingClock } from './working-time.ts';
import { DAY } from './zone-offsets.ts';

export type AvailabilityState = 'working' | 'off_hours' | 'holiday' | 'away';

export interface AbsenceLike {
  id: string;
  from: number;
  to: number;
}

export interface AvailabilityAt<A extends AbsenceLike> {
  state: AvailabilityState;
  /** When the state next changes; null when not within the horizon. */
  until: number | null;
  /** When working time next begins (t itself while working); null when not within the horizon. */
  resumesAt: number | null;
  /** The absence under way ('away'): of overlapping ones, the one that lasts longest. */
  absence: A | null;
  /** The holiday's name ('holiday'). */
  holiday: string | null;
}

/** How far ahead `until` and `resumesAt` look: a little over a year. */
export const AVAILABILITY_HORIZON_MS = 400 * DAY;

interface Moment<A> {
  state: AvailabilityState;
  absence: A | null;
  holiday: string | null;
}

function momentAt<A extends AbsenceLike>(clock: WorkingClock, absences: readonly A[], t: number): Moment<A> {
  let absence: A | null = null;
  for (const a of absences) if (a.from <= t && t < a.to && (!absence || a.to > absence.to)) absence = a;
  if (absence) return { state: 'away', absence, holiday: null };
  const zone = clock.base.zone;
  const local = zone.local(t);
  const holiday = clock.base.holidayOn(localDateOf(local - (((local % DAY) + DAY) % DAY))) ?? null;
  if (holiday) return { state: 'holiday', absence: null, holiday };
  const spans: number[] = [];
  clock.base.daySpans(local - (((local % DAY) + DAY) % DAY), spans);
  for (let i = 0; i < spans.length; i += 2) if (spans[i]! <= t && t < spans[i + 1]!) return { state: 'working', absence: null, holiday: null };
  return { state: 'off_hours', absence: null, holiday: null };
}

/** The instants after t at which the state can change: absence bounds, local midnights, span bounds. */
function nextBoundary(clock: WorkingClock, absences: readonly AbsenceLike[], t: number): number {
  let next = Infinity;
  for (const a of absences) {
    if (a.from > t && a.from < next) next = a.from;
    if (a.to > t && a.to < next) next = a.to;
  }
  const zone = clock.base.zone;
  const local = zone.local(t);
  const midnight = local - (((local % DAY) + DAY) % DAY);
  for (const day of [midnight - DAY, midnight, midnight + DAY]) {
    const spans: number[] = [];
    clock.base.daySpans(day, spans);
    for (const b of spans) if (b > t && b < next) next = b;
  }
  const nextMidnight = zone.firstInstantAtOrAfter(midnight + DAY);
  return nextMidnight > t && nextMidnight < next ? nextMidnight : next;
}

/**
 * Whether a callee is at work at instant t — away (an absence), on a holiday
 * of their ministry, working, or off hours — and until when the state
 * changes. Away comes before holiday, holiday before the hours. Overlapping
 * absences are one stretch away; consecutive holidays one stretch of holiday.
 */
export function availabilityAt<A extends AbsenceLike>(clock: WorkingClock, absences: readonly A[], t: number): AvailabilityAt<A> {
  const now = momentAt(clock, absences, t);
  const limit = t + AVAILABILITY_HORIZON_MS;
  let until: number | null = null;
  if (now.state === 'away') {
    // The merged stretch holding t ends where the state changes.
    until = clock.absences.find((a) => a.from <= t && t < a.to)!.to;
  } else {
    for (let at = nextBoundary(clock, absences, t); at <= limit; at = nextBoundary(clock, absences, at)) {
      if (momentAt(clock, absences, at).state !== now.state) {
        until = at;
        break;
      }
    }
  }
  return { ...now, until, resumesAt: clock.nextWorkingInstant(t, AVAILABILITY_HORIZON_MS) };
}
