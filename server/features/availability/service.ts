import type { Kysely, Transaction } from 'kysely';
import type { Availability } from '#shared/schemas/availability.ts';
import type { Database } from '../../db/schema.ts';
import { type CalleeCalendar, availabilityNow, calendarOf, workingMsOfWait } from './calendars.ts';
import { loadCalendarSources } from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A wait: who was called, when, and when it ended (null while it runs). Epoch ms. */
export interface Wait {
  calleeId: string;
  placedAt: number;
  endedAt: number | null;
}

/** The working-time calendars of these callees (every official when `calleeIds` is undefined), read fresh. */
export async function loadCalendars(db: Db, calleeIds?: readonly string[]): Promise<Map<string, CalleeCalendar>> {
  const sources = await loadCalendarSources(db, calleeIds);
  return new Map([...sources].map(([id, source]) => [id, calendarOf(source)]));
}

/**
 * For each wait, its working time (placedAt to endedAt, or to nowMs while it
 * runs) in the callee's calendar, and the callee's availability at nowMs.
 * The one entry point for anything that reports waits (the calls API, the
 * briefing): calendars are read fresh, so the answer follows every change to
 * hours, holidays and absences, for old calls too.
 */
export async function workingTimeOfWaits(db: Db, waits: readonly Wait[], nowMs: number): Promise<{ workingMs: number; availability: Availability }[]> {
  const calendars = await loadCalendars(db, waits.map((w) => w.calleeId));
  const availability = new Map<string, Availability>();
  return waits.map((w) => {
    const calendar = calendars.get(w.calleeId);
    if (!calendar) throw new Error(`No calendar for official ${w.calleeId}`);
    let now = availability.get(w.calleeId);
    if (!now) {
      now = availabilityNow(calendar, nowMs);
      availability.set(w.calleeId, now);
    }
    return { workingMs: workingMsOfWait(calendar, w.placedAt, w.endedAt, nowMs), availability: now };
  });
}

interface CallTimes {
  calleeId: string;
  placedAt: string;
  respondedAt: string | null;
  closedAt: string | null;
}

const waitOf = (call: CallTimes): Wait => ({
  calleeId: call.calleeId,
  placedAt: Date.parse(call.placedAt),
  endedAt: call.respondedAt !== null ? Date.parse(call.respondedAt) : call.closedAt !== null ? Date.parse(call.closedAt) : null,
});

/** Calls as the API answers them: each with `workingMs`. */
export async function withWorkingMs<T extends CallTimes>(db: Db, calls: readonly T[], nowMs: number): Promise<(T & { workingMs: number })[]> {
  const times = await workingTimeOfWaits(db, calls.map(waitOf), nowMs);
  return calls.map((call, i) => ({ ...call, workingMs: times[i]!.workingMs }));
}

/** Awaiting calls as the board gets them: each with `workingMs` and the callee's `availability`. */
export async function withAvailability<T extends CallTimes>(
  db: Db,
  calls: readonly T[],
  nowMs: number,
): Promise<(T & { workingMs: number; availability: Availability })[]> {
  const times = await workingTimeOfWaits(db, calls.map(waitOf), nowMs);
  return calls.map((call, i) => ({ ...call, workingMs: times[i]!.workingMs, availability: times[i]!.availability }));
}
