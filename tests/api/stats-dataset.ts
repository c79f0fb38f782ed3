import type { Kysely } from 'kysely';
import type { Database } from '#server/db/schema.ts';
import { DEFAULT_CALENDAR_COLUMNS } from '#server/features/ministries/repository.ts';

/**
 * A small, realistic dataset for the statistics tests, inserted straight
 * into the tables so these tests do not depend on the calls API. Every
 * duration is a whole number of hours so the figures can be worked by hand.
 *
 * T0 = Tue 2013-02-12 00:00 UTC (the day of the North Korean test);
 * NOW = T0 + 408 h = 2013-03-01 00:00 UTC.
 */
export const H = 3_600_000;
export const T0 = Date.UTC(2013, 1, 12);
export const NOW_ISO = '2013-03-01T00:00:00.000Z';
export const at = (hours: number) => new Date(T0 + hours * H).toISOString();

export const ministries = {
  mfaRu: { id: 'm-mfa-ru', name: 'Ministry of Foreign Affairs of the Russian Federation', short_name: 'MFA Russia', country: 'RU' },
  modRu: { id: 'm-mod-ru', name: 'Ministry of Defence of the Russian Federation', short_name: 'MoD Russia', country: 'RU' },
  mofaJp: { id: 'm-mofa-jp', name: 'Ministry of Foreign Affairs of Japan', short_name: 'MOFA Japan', country: 'JP' },
  mofaKr: { id: 'm-mofa-kr', name: 'Ministry of Foreign Affairs of the Republic of Korea', short_name: 'MOFA Korea', country: 'KR' },
  mfaCn: { id: 'm-mfa-cn', name: 'Ministry of Foreign Affairs of the PRC', short_name: 'MFA China', country: 'CN' },
  state: { id: 'm-state-us', name: 'Department of State', short_name: 'State Dept', country: 'US' },
} as const;

export const officials = {
  kerry: { id: 'o-kerry', name: 'John Kerry', ministry_id: ministries.state.id, time_zone: 'America/New_York' },
  lavrov: { id: 'o-lavrov', name: 'Sergei Lavrov', ministry_id: ministries.mfaRu.id, time_zone: 'Europe/Moscow' },
  ryabkov: { id: 'o-ryabkov', name: 'Sergei Ryabkov', ministry_id: ministries.mfaRu.id, time_zone: 'Europe/Moscow' },
  shoigu: { id: 'o-shoigu', name: 'Sergei Shoigu', ministry_id: ministries.modRu.id, time_zone: 'Europe/Moscow' },
  kishida: { id: 'o-kishida', name: 'Fumio Kishida', ministry_id: ministries.mofaJp.id, time_zone: 'Asia/Tokyo' },
  yun: { id: 'o-yun', name: 'Yun Byung-se', ministry_id: ministries.mofaKr.id, time_zone: 'Asia/Seoul' },
  wang: { id: 'o-wang', name: 'Wang Yi', ministry_id: ministries.mfaCn.id, time_zone: 'Asia/Shanghai' },
} as const;

type Status = 'awaiting' | 'answered' | 'returned' | 'declined' | 'withdrawn';

/** One call from Kerry: placed `placedH` hours after T0; `afterH` hours later it got its outcome. */
export interface Spec {
  id: string;
  callee: keyof typeof officials;
  placedH: number;
  status: Status;
  afterH?: number;
}

export const calls: Spec[] = [
  // MFA Russia (Lavrov, Ryabkov). Durations: 408+ 10 30 10+(withdrawn) 50 0 108+
  { id: 'c-a', callee: 'lavrov', placedH: 0, status: 'awaiting' }, // 408 h by NOW
  { id: 'c-b', callee: 'lavrov', placedH: 24, status: 'returned', afterH: 10 },
  { id: 'c-c', callee: 'lavrov', placedH: 48, status: 'returned', afterH: 30 },
  { id: 'c-d', callee: 'lavrov', placedH: 72, status: 'withdrawn', afterH: 10 }, // ties with c-b's reply
  { id: 'c-e', callee: 'ryabkov', placedH: 96, status: 'declined', afterH: 50 },
  { id: 'c-f', callee: 'ryabkov', placedH: 120, status: 'answered', afterH: 0 },
  { id: 'c-g', callee: 'lavrov', placedH: 300, status: 'awaiting' }, // 108 h by NOW
  // MoD Russia: 10, 100
  { id: 'c-h', callee: 'shoigu', placedH: 30, status: 'returned', afterH: 10 },
  { id: 'c-i', callee: 'shoigu', placedH: 150, status: 'returned', afterH: 100 },
  // MOFA Japan: eight replies after 1 … 8 h, placed from T0 + 200 h
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((k): Spec => ({ id: `c-jp${k}`, callee: 'kishida', placedH: 200 + k, status: 'returned', afterH: k })),
  // MOFA Korea: a single call, 5 h
  { id: 'c-k', callee: 'yun', placedH: 205, status: 'returned', afterH: 5 },
  // MFA China: nothing but censored calls: withdrawn after 20 h, and one awaiting 8 h by NOW
  { id: 'c-w', callee: 'wang', placedH: 10, status: 'withdrawn', afterH: 20 },
  { id: 'c-x', callee: 'wang', placedH: 400, status: 'awaiting' },
];

export async function insertDataset(db: Kysely<Database>): Promise<void> {
  for (const m of Object.values(ministries)) await db.insertInto('ministries').values({ ...m, ...DEFAULT_CALENDAR_COLUMNS, created_at: T0, updated_at: T0 }).execute();
  for (const o of Object.values(officials)) await db.insertInto('officials').values({ ...o, title: 'Minister', created_at: T0, updated_at: T0 }).execute();
  await db.insertInto('calls').values(calls.map(callRow)).execute();
}

export function callRow(spec: Spec) {
  const placed = T0 + spec.placedH * H;
  const end = spec.afterH === undefined ? null : placed + spec.afterH * H;
  return {
    id: spec.id,
    caller_id: officials.kerry.id,
    callee_id: officials[spec.callee].id,
    placed_at: placed,
    channel: 'phone',
    topic: 'North Korean nuclear test',
    notes: null,
    source: null,
    status: spec.status,
    responded_at: spec.status === 'withdrawn' ? null : end,
    closed_at: spec.status === 'withdrawn' ? end : null,
    version: 1,
    created_at: placed,
    updated_at: placed,
    created_by: 'test',
  };
}
