import type { Kysely, Transaction } from 'kysely';
import type { Absence, AbsenceListQuery } from '#shared/schemas/availability.ts';
import type { AbsencesTable, Database } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function toAbsence(row: AbsencesTable): Absence {
  return {
    id: row.id,
    officialId: row.official_id,
    from: toIso(Number(row.from_at)),
    to: toIso(Number(row.to_at)),
    reason: row.reason,
    source: row.source,
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export async function officialExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('officials').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function findAbsence(db: Db, officialId: string, id: string): Promise<Absence | undefined> {
  const row = await db.selectFrom('absences').selectAll().where('id', '=', id).where('official_id', '=', officialId).executeTakeFirst();
  return row ? toAbsence(row) : undefined;
}

/** Latest first (by `from`, then id); `upcoming` keeps those not ended at `nowMs`. */
export async function listAbsenceRows(db: Db, officialId: string, query: AbsenceListQuery, nowMs: number) {
  let q = db.selectFrom('absences').selectAll().where('official_id', '=', officialId).orderBy('from_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1);
  if (query.upcoming) q = q.where('to_at', '>', nowMs);
  if (query.cursor) {
    const [from, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('from_at', '<', from), eb.and([eb('from_at', '=', from), eb('id', '<', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [Number(row.from_at), row.id]);
  return { items: result.items.map(toAbsence), nextCursor: result.nextCursor };
}

export async function insertAbsenceRow(db: Db, row: AbsencesTable): Promise<Absence> {
  await db.insertInto('absences').values(row).execute();
  return toAbsence(row);
}

export async function updateAbsenceRow(
  db: Db,
  id: string,
  changes: Partial<Pick<AbsencesTable, 'from_at' | 'to_at' | 'reason' | 'source'>> & { updated_at: number },
): Promise<Absence> {
  return toAbsence(await db.updateTable('absences').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
}

export async function deleteAbsenceRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('absences').where('id', '=', id).execute();
}
