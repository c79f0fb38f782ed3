import { type Kysely, type Transaction, sql } from 'kysely';
import type { Official, OfficialListQuery, Party } from '#shared/schemas/officials.ts';
import type { Database, OfficialsTable } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { containsText } from '../../lib/search.ts';
import { toIso } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Officials joined with their ministry, the shape every official answer embeds. */
export function selectOfficials(db: Db) {
  return db
    .selectFrom('officials as o')
    .innerJoin('ministries as m', 'm.id', 'o.ministry_id')
    .select([
      'o.id',
      'o.name',
      'o.title',
      'o.ministry_id',
      'o.time_zone',
      'o.created_at',
      'o.updated_at',
      'm.name as ministry_name',
      'm.short_name as ministry_short_name',
      'm.country as ministry_country',
    ]);
}

export type OfficialRow = OfficialsTable & { ministry_name: string; ministry_short_name: string; ministry_country: string };

export function toParty(row: Pick<OfficialRow, 'id' | 'name' | 'title' | 'time_zone' | 'ministry_id' | 'ministry_name' | 'ministry_short_name' | 'ministry_country'>): Party {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    timeZone: row.time_zone,
    ministry: { id: row.ministry_id, name: row.ministry_name, shortName: row.ministry_short_name, country: row.ministry_country },
  };
}

export function toOfficial(row: OfficialRow): Official {
  const party = toParty(row);
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    ministryId: row.ministry_id,
    timeZone: row.time_zone,
    ministry: party.ministry,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export async function findOfficial(db: Db, id: string): Promise<Official | undefined> {
  const row = await selectOfficials(db).where('o.id', '=', id).executeTakeFirst();
  return row ? toOfficial(row) : undefined;
}

/** The id of another official of this name in this ministry, if there is one. */
export async function findOfficialIdByName(db: Db, name: string, ministryId: string, exceptId?: string): Promise<string | undefined> {
  let q = db.selectFrom('officials').select('id').where('name', '=', name).where('ministry_id', '=', ministryId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst())?.id;
}

export async function ministryExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('ministries').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Sorted by name then id; the cursor is the last item's (name, id). */
export async function listOfficials(db: Db, query: OfficialListQuery) {
  let q = selectOfficials(db).orderBy('o.name').orderBy('o.id').limit(query.limit + 1);
  if (query.q) q = q.where(containsText(['o.name', 'o.title'], query.q));
  if (query.ministryId) q = q.where('o.ministry_id', '=', query.ministryId);
  if (query.cursor) {
    const [name, id] = decodeCursor(query.cursor, ['string', 'string'] as const);
    q = q.where((eb) => eb.or([eb('o.name', '>', name), eb.and([eb('o.name', '=', name), eb('o.id', '>', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [row.name, row.id]);
  return { items: result.items.map(toOfficial), nextCursor: result.nextCursor };
}

export async function insertOfficialRow(db: Db, row: OfficialsTable): Promise<void> {
  await db.insertInto('officials').values(row).execute();
}

export async function updateOfficialRow(
  db: Db,
  id: string,
  changes: Partial<Pick<OfficialsTable, 'name' | 'title' | 'ministry_id' | 'time_zone'>> & { updated_at: number },
): Promise<void> {
  await db.updateTable('officials').set(changes).where('id', '=', id).execute();
}

export async function deleteOfficialRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('officials').where('id', '=', id).execute();
}

/** Calls in which the official is the caller or the callee. */
export async function countCallsOf(db: Db, officialId: string): Promise<number> {
  const row = await db
    .selectFrom('calls')
    .select(sql<number>`count(*)`.as('n'))
    .where((eb) => eb.or([eb('caller_id', '=', officialId), eb('callee_id', '=', officialId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
