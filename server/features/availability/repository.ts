import type { Kysely, Transaction } from 'kysely';
import type { WorkingHours } from '#shared/domain/availability/working-hours.ts';
import type { Absence } from '#shared/schemas/availability.ts';
import type { Database } from '../../db/schema.ts';
import { toAbsence } from './absences-repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What a callee's working time depends on: their zone, their ministry's calendar, their absences. */
export interface CalendarSource {
  officialId: string;
  ministryId: string;
  timeZone: string;
  country: string;
  hours: WorkingHours;
  countryHolidays: boolean;
  extraHolidays: string[];
  absences: Absence[];
}

/**
 * The calendar sources of these officials (all when `ids` is undefined), read
 * fresh: the officials, ministries and absences tables are small, and reading
 * them on every request is what keeps working time exact after any change,
 * from any writer or instance.
 */
export async function loadCalendarSources(db: Db, ids?: readonly string[]): Promise<Map<string, CalendarSource>> {
  const result = new Map<string, CalendarSource>();
  if (ids && ids.length === 0) return result;
  let officials = db
    .selectFrom('officials as o')
    .innerJoin('ministries as m', 'm.id', 'o.ministry_id')
    .select(['o.id', 'o.time_zone', 'm.id as ministry_id', 'm.country', 'm.working_hours', 'm.country_holidays', 'm.extra_holidays']);
  let absences = db.selectFrom('absences').selectAll().orderBy('from_at').orderBy('id');
  if (ids) {
    const unique = [...new Set(ids)];
    officials = officials.where('o.id', 'in', unique);
    absences = absences.where('official_id', 'in', unique);
  }
  for (const row of await officials.execute()) {
    result.set(row.id, {
      officialId: row.id,
      ministryId: row.ministry_id,
      timeZone: row.time_zone,
      country: row.country,
      hours: JSON.parse(row.working_hours) as WorkingHours,
      countryHolidays: Number(row.country_holidays) === 1,
      extraHolidays: JSON.parse(row.extra_holidays) as string[],
      absences: [],
    });
  }
  for (const row of await absences.execute()) result.get(row.official_id)?.absences.push(toAbsence(row));
  return result;
}
