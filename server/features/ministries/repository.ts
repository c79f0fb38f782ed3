import type { Kysely, Transaction } from 'kysely';
import { DEFAULT_WORKING_HOURS } from '#shared/domain/availability/working-hours.ts';
import type { Ministry, MinistryListQuery } from '#shared/schemas/ministries.ts';
import type { Database, MinistriesTable } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { containsText } from '../../lib/search.ts';
import { toIso } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The calendar of a ministry nobody set one for (the columns' defaults in migration 0040). */
export const DEFAULT_CALENDAR_COLUMNS = {
  working_hours: JSON.stringify(DEFAULT_WORKING_HOURS),
  country_holidays: 1,
  extra_holidays: '[]',
} as const satisfies Partial<MinistriesTable>;

export function toMinistry(row: MinistriesTable): Ministry {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    country: row.country,
    workingHours: JSON.parse(row.working_hours) as Ministry['workingHours'],
    countryHolidays: Number(row.country_holidays) === 1,
    extraHolidays: JSON.parse(row.extra_holidays) as string[],
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export async function findMinistry(db: Db, id: string): Promise<Ministry | undefined> {
  const row = await db.selectFrom('ministries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toMinistry(row) : undefined;
}

/** The id of another ministry with this name in this country, if there is one. */
export async function findMinistryIdByName(db: Db, name: string, country: string, exceptId?: string): Promise<string | undefined> {
  let q = db.selectFrom('ministries').select('id').where('name', '=', name).where('country', '=', country);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst())?.id;
}

/** Sorted by name then id; the cursor is the last item's (name, id). */
export async function listMinistries(db: Db, query: MinistryListQuery) {
  let q = db.selectFrom('ministries').selectAll().orderBy('name').orderBy('id').limit(query.limit + 1);
  if (query.q) q = q.where(containsText(['name', 'short_name'], query.q));
  if (query.country) q = q.where('country', '=', query.country);
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, ['string', 'string'] as const);
    q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [row.name, row.id]);
  return { items: result.items.map(toMinistry), nextCursor: result.nextCursor };
}

export async function insertMinistry(db: Db, row: MinistriesTable): Promise<Ministry> {
  await db.insertInto('ministries').values(row).execute();
  return toMinistry(row);
}

export async function updateMinistryRow(
  db: Db,
  id: string,
  changes: Partial<Omit<MinistriesTable, 'id' | 'created_at' | 'updated_at'>> & { updated_at: number },
): Promise<Ministry> {
  const row = await db.updateTable('ministries').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return toMinistry(row);
}

export async function deleteMinistryRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('ministries').where('id', '=', id).execute();
}

export async function countOfficialsOf(db: Db, ministryId: string): Promise<number> {
  const row = await db
    .selectFrom('officials')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ministry_id', '=', ministryId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
