import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from '../db/client.ts';
import type { Database } from '../db/schema.ts';
import { appendHistory } from '../features/history/repository.ts';
import { DEFAULT_CALENDAR_COLUMNS } from '../features/ministries/repository.ts';
import { type MinistryRow, type OfficialRow, ministryShape, officialShape } from './api-shapes.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What the seed writes to and how: the same pair `openDatabase` returns. */
export interface SeedTarget {
  db: Kysely<Database>;
  dialect: Dialect;
}

/** Every change the seed makes is audited under this name. */
export const SEED_ACTOR = 'seed';

export interface MinistrySpec {
  name: string;
  shortName: string;
  country: string;
}

export interface OfficialSpec {
  name: string;
  title: string;
  timeZone: string;
}

/** Ministries are the same ministry when name and country match (as on import). */
export function ministryKey(m: { name: string; country: string }): string {
  return `${m.country}\u0000${m.name}`;
}

/** Officials are the same official when name and ministry match (as on import). */
export function officialKey(ministryId: string, name: string): string {
  return `${ministryId}\u0000${name}`;
}

export interface Ensured<T> {
  byKey: Map<string, T>;
  created: T[];
}

/** Finds each ministry by name and country, creating (and auditing) those missing. */
export async function ensureMinistries(trx: Db, specs: readonly MinistrySpec[], now: number): Promise<Ensured<MinistryRow>> {
  const byKey = new Map<string, MinistryRow>();
  const created: MinistryRow[] = [];
  if (specs.length === 0) return { byKey, created };
  const existing = await trx
    .selectFrom('ministries')
    .selectAll()
    .where('name', 'in', [...new Set(specs.map((s) => s.name))])
    .execute();
  for (const row of existing) byKey.set(ministryKey(row), row);

  for (const spec of specs) {
    const key = ministryKey(spec);
    if (byKey.has(key)) continue;
    const row: MinistryRow = { id: randomUUID(), name: spec.name, short_name: spec.shortName, country: spec.country, ...DEFAULT_CALENDAR_COLUMNS, created_at: now, updated_at: now };
    await trx.insertInto('ministries').values(row).execute();
    await appendHistory(trx, { at: now, actor: SEED_ACTOR, action: 'create', entityType: 'ministry', entityId: row.id, before: null, after: ministryShape(row) });
    byKey.set(key, row);
    created.push(row);
  }
  return { byKey, created };
}

/** Finds each official by name within their ministry, creating (and auditing) those missing. */
export async function ensureOfficials(
  trx: Db,
  specs: readonly (OfficialSpec & { ministry: MinistryRow })[],
  now: number,
): Promise<Ensured<OfficialRow>> {
  const byKey = new Map<string, OfficialRow>();
  const created: OfficialRow[] = [];
  if (specs.length === 0) return { byKey, created };
  const existing = await trx
    .selectFrom('officials')
    .selectAll()
    .where('ministry_id', 'in', [...new Set(specs.map((s) => s.ministry.id))])
    .execute();
  for (const row of existing) byKey.set(officialKey(row.ministry_id, row.name), row);

  for (const spec of specs) {
    const key = officialKey(spec.ministry.id, spec.name);
    if (byKey.has(key)) continue;
    const row: OfficialRow = {
      id: randomUUID(),
      name: spec.name,
      title: spec.title,
      ministry_id: spec.ministry.id,
      time_zone: spec.timeZone,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('officials').values(row).execute();
    await appendHistory(trx, { at: now, actor: SEED_ACTOR, action: 'create', entityType: 'official', entityId: row.id, before: null, after: officialShape(row, spec.ministry) });
    byKey.set(key, row);
    created.push(row);
  }
  return { byKey, created };
}
