import type { Kysely } from 'kysely';
import { REPLIED_STATUSES } from '#shared/domain/call-status.ts';
import type { Database } from '../../db/schema.ts';
import { fromJoined, selectCalls } from '../calls/call-records.ts';

const CHUNK = 500;

/** Every awaiting call, longest wait first. */
export async function openCalls(db: Kysely<Database>) {
  const rows = await selectCalls(db).where('calls.status', '=', 'awaiting').orderBy('calls.placed_at', 'asc').orderBy('calls.id', 'asc').execute();
  return rows.map(fromJoined);
}

/** The calls replied to in [since, until], newest reply first. */
export async function repliesBetween(db: Kysely<Database>, since: number, until: number) {
  const rows = await selectCalls(db)
    .where('calls.status', 'in', [...REPLIED_STATUSES])
    .where('calls.responded_at', '>=', since)
    .where('calls.responded_at', '<=', until)
    .orderBy('calls.responded_at', 'desc')
    .orderBy('calls.id', 'asc')
    .execute();
  return rows.map(fromJoined);
}

/** The titles of these rounds, by id. */
export async function roundTitles(db: Kysely<Database>, roundIds: readonly string[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const ids = [...new Set(roundIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.selectFrom('rounds').select(['id', 'title']).where('id', 'in', ids.slice(i, i + CHUNK)).execute();
    for (const row of rows) titles.set(row.id, row.title);
  }
  return titles;
}
