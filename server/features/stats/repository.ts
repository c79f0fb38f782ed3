import type { Kysely } from 'kysely';
import { countryName } from '#shared/schemas/common.ts';
import type { AwaitingContextQuery, GroupBy } from '#shared/schemas/stats.ts';
import type { Database } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';

export interface Groups {
  keys: string[];
  labels: string[];
  /** Group of each callee id. */
  groupOf: Map<string, number>;
}

/**
 * The groups a callee can fall in, read fresh on every request (a few
 * thousand officials at most), so moving an official to another ministry or
 * renaming one shows at once without touching the duration index.
 */
export async function loadGroups(db: Kysely<Database>, groupBy: GroupBy): Promise<Groups> {
  const rows = await db
    .selectFrom('officials')
    .innerJoin('ministries', 'ministries.id', 'officials.ministry_id')
    .select(['officials.id as officialId', 'officials.name as officialName', 'ministries.id as ministryId', 'ministries.short_name as shortName', 'ministries.country as country'])
    .execute();
  const keys: string[] = [];
  const labels: string[] = [];
  const slotOfKey = new Map<string, number>();
  const groupOf = new Map<string, number>();
  for (const row of rows) {
    const [key, label] =
      groupBy === 'ministry'
        ? [row.ministryId, row.shortName]
        : groupBy === 'official'
          ? [row.officialId, row.officialName]
          : [row.country, countryName(row.country) ?? row.country];
    let slot = slotOfKey.get(key);
    if (slot === undefined) {
      slot = keys.length;
      keys.push(key);
      labels.push(label);
      slotOfKey.set(key, slot);
    }
    groupOf.set(row.officialId, slot);
  }
  return { keys, labels, groupOf };
}

export interface AwaitingRow {
  id: string;
  placedAt: number;
  ministryId: string;
  shortName: string;
  calleeName: string;
}

/** Open calls in the board's order (placedAt, id ascending: longest wait first). */
export async function listAwaitingPage(db: Kysely<Database>, query: AwaitingContextQuery) {
  let q = db
    .selectFrom('calls')
    .innerJoin('officials', 'officials.id', 'calls.callee_id')
    .innerJoin('ministries', 'ministries.id', 'officials.ministry_id')
    .select(['calls.id as id', 'calls.placed_at as placedAt', 'ministries.id as ministryId', 'ministries.short_name as shortName', 'officials.name as calleeName'])
    .where('calls.status', '=', 'awaiting')
    .orderBy('calls.placed_at')
    .orderBy('calls.id')
    .limit(query.limit + 1);
  if (query.ministryId) q = q.where('officials.ministry_id', '=', query.ministryId);
  if (query.cursor) {
    const [placedAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('calls.placed_at', '>', placedAt), eb.and([eb('calls.placed_at', '=', placedAt), eb('calls.id', '>', id)])]));
  }
  const rows: AwaitingRow[] = (await q.execute()).map((r) => ({ ...r, placedAt: Number(r.placedAt) }));
  return page(rows, query.limit, (row) => [row.placedAt, row.id]);
}
