import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CallsTable, Database } from '#server/db/schema.ts';
import { DEFAULT_CALENDAR_COLUMNS } from '#server/features/ministries/repository.ts';
import type { CallStatus, Channel } from '#shared/schemas/calls.ts';

// Rows inserted straight into the database, so a feature's tests need not go
// through another feature's routes. Nothing here writes history.

interface HasDb {
  db: Kysely<Database>;
  clock: { now(): number };
}

export interface MinistryFixture {
  id: string;
  name: string;
  shortName: string;
  country: string;
}

export interface OfficialFixture {
  id: string;
  name: string;
  title: string;
  ministryId: string;
  timeZone: string;
}

export async function insertMinistry(t: HasDb, fields: Omit<MinistryFixture, 'id'> & { id?: string }): Promise<MinistryFixture> {
  const ministry = { id: fields.id ?? randomUUID(), name: fields.name, shortName: fields.shortName, country: fields.country };
  const now = t.clock.now();
  await t.db
    .insertInto('ministries')
    .values({ id: ministry.id, name: ministry.name, short_name: ministry.shortName, country: ministry.country, ...DEFAULT_CALENDAR_COLUMNS, created_at: now, updated_at: now })
    .execute();
  return ministry;
}

export async function insertOfficial(t: HasDb, fields: Omit<OfficialFixture, 'id'> & { id?: string }): Promise<OfficialFixture> {
  const official = { id: fields.id ?? randomUUID(), name: fields.name, title: fields.title, ministryId: fields.ministryId, timeZone: fields.timeZone };
  const now = t.clock.now();
  await t.db
    .insertInto('officials')
    .values({ id: official.id, name: official.name, title: official.title, ministry_id: official.ministryId, time_zone: official.timeZone, created_at: now, updated_at: now })
    .execute();
  return official;
}

/**
 * The parties of the February 2013 story: the US Secretary of State and the
 * four foreign ministers he called after North Korea's nuclear test.
 */
export async function seedParties(t: HasDb) {
  const us = await insertMinistry(t, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
  const ru = await insertMinistry(t, { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' });
  const jp = await insertMinistry(t, { name: 'Ministry of Foreign Affairs of Japan', shortName: 'MOFA Japan', country: 'JP' });
  const cn = await insertMinistry(t, { name: "Ministry of Foreign Affairs of the People's Republic of China", shortName: 'MFA China', country: 'CN' });
  const kr = await insertMinistry(t, { name: 'Ministry of Foreign Affairs of the Republic of Korea', shortName: 'MOFA Korea', country: 'KR' });
  const minister = 'Minister of Foreign Affairs';
  const kerry = await insertOfficial(t, { name: 'John Kerry', title: 'Secretary of State', ministryId: us.id, timeZone: 'America/New_York' });
  const lavrov = await insertOfficial(t, { name: 'Sergei Lavrov', title: minister, ministryId: ru.id, timeZone: 'Europe/Moscow' });
  const kishida = await insertOfficial(t, { name: 'Fumio Kishida', title: minister, ministryId: jp.id, timeZone: 'Asia/Tokyo' });
  const yang = await insertOfficial(t, { name: 'Yang Jiechi', title: minister, ministryId: cn.id, timeZone: 'Asia/Shanghai' });
  const yun = await insertOfficial(t, { name: 'Yun Byung-se', title: minister, ministryId: kr.id, timeZone: 'Asia/Seoul' });
  return { ministries: { us, ru, jp, cn, kr }, officials: { kerry, lavrov, kishida, yang, yun } };
}

export type Parties = Awaited<ReturnType<typeof seedParties>>;

export interface CallFixture {
  callerId: string;
  calleeId: string;
  placedAt: string;
  channel?: Channel;
  topic?: string;
  notes?: string | null;
  source?: string | null;
  status?: CallStatus;
  respondedAt?: string | null;
  closedAt?: string | null;
  createdBy?: string;
}

/**
 * Inserts calls directly (fast, for tests that need many). The caller keeps
 * status and timestamps consistent; nothing checks them here.
 */
export async function insertCalls(t: HasDb, calls: CallFixture[]): Promise<string[]> {
  const now = t.clock.now();
  const rows: CallsTable[] = calls.map((c) => ({
    id: randomUUID(),
    caller_id: c.callerId,
    callee_id: c.calleeId,
    placed_at: Date.parse(c.placedAt),
    channel: c.channel ?? 'phone',
    topic: c.topic ?? 'North Korea nuclear test',
    notes: c.notes ?? null,
    source: c.source ?? null,
    status: c.status ?? 'awaiting',
    responded_at: c.respondedAt ? Date.parse(c.respondedAt) : null,
    closed_at: c.closedAt ? Date.parse(c.closedAt) : null,
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: c.createdBy ?? 'fixture',
  }));
  // Batches keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 500) await t.db.insertInto('calls').values(rows.slice(i, i + 500)).execute();
  return rows.map((r) => r.id);
}

/** A POST /api/calls body: Kerry calls Lavrov on 12 February 2013, unless overridden. */
export function callRequest(p: Parties, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    callerId: p.officials.kerry.id,
    calleeId: p.officials.lavrov.id,
    placedAt: '2013-02-12T15:00:00Z',
    channel: 'phone',
    topic: 'North Korea nuclear test',
    ...overrides,
  };
}

/** How many rows a table holds (to show a refused request stored nothing). */
export async function countRows(t: HasDb, table: 'calls' | 'history' | 'idempotency_keys' | 'ministries' | 'officials'): Promise<number> {
  const row = await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
