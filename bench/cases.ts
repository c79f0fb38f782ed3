import type { Kysely } from 'kysely';
import type { Dialect } from '#server/db/client.ts';
import type { Database } from '#server/db/schema.ts';

export interface BenchContext {
  /** A GET through the app in process, as a signed-in viewer. */
  get(path: string): Promise<Response>;
  db: Kysely<Database>;
  dialect: Dialect;
  /** How many calls the database holds. */
  calls: number;
}

/**
 * One measured request. `path` runs once before timing, to find what the
 * request needs (an id, a cursor deep in the list); every sample then sends
 * the same request. Add a case by appending to BENCH_CASES.
 */
export interface BenchCase {
  name: string;
  path(ctx: BenchContext): Promise<string> | string;
  /** A write before each request, timed with it (the request then pays for what the write makes stale). */
  write?(ctx: BenchContext, sample: number): Promise<void>;
}

/** Puts an absence on one official, or takes it off again, on alternate samples: their calls are rekeyed in working time. */
async function toggleAbsence(ctx: BenchContext, sample: number): Promise<void> {
  const official = await ctx.db.selectFrom('officials').select('id').orderBy('id').executeTakeFirstOrThrow();
  const id = 'bench-absence';
  if (sample % 2 === 0) {
    const now = Date.now();
    await ctx.db
      .insertInto('absences')
      .values({ id, official_id: official.id, from_at: now - 30 * 86_400_000, to_at: now - 20 * 86_400_000, reason: 'Benchmark trip', source: null, created_at: now, updated_at: now })
      .execute();
  } else {
    await ctx.db.deleteFrom('absences').where('id', '=', id).execute();
  }
}

/** Follows `nextCursor` through `pages` pages of `limit` calls; the cursor of the last one. */
async function cursorAfter(ctx: BenchContext, pages: number, limit: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) {
    const res = await ctx.get(`/api/calls?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (!res.ok) throw new Error(`GET /api/calls answered ${res.status}`);
    const body = (await res.json()) as { nextCursor: string | null };
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return cursor;
}

async function ministryId(ctx: BenchContext, shortName: string): Promise<string> {
  const row = await ctx.db.selectFrom('ministries').select('id').where('short_name', '=', shortName).executeTakeFirst();
  if (!row) throw new Error(`no ministry ${shortName}`);
  return row.id;
}

const DEEP_PAGES = 20;

export const BENCH_CASES: BenchCase[] = [
  { name: 'GET /api/calls?limit=50 (first page)', path: () => '/api/calls?limit=50' },
  {
    name: `GET /api/calls?limit=50 (cursor ${DEEP_PAGES * 500} calls deep)`,
    path: async (ctx) => {
      const cursor = await cursorAfter(ctx, DEEP_PAGES, 500);
      if (!cursor) throw new Error('too few calls for a deep page');
      return `/api/calls?limit=50&cursor=${encodeURIComponent(cursor)}`;
    },
  },
  { name: 'GET /api/calls?limit=50&ministryId=(MFA Russia)', path: async (ctx) => `/api/calls?limit=50&ministryId=${await ministryId(ctx, 'MFA Russia')}` },
  { name: 'GET /api/calls?limit=50&status=declined', path: () => '/api/calls?limit=50&status=declined' },
  { name: 'GET /api/calls?limit=50&q=ceasefire', path: () => '/api/calls?limit=50&q=ceasefire' },
  { name: 'GET /api/calls?limit=50&q=(no match: scans all)', path: () => '/api/calls?limit=50&q=nothing-matches-this' },
  { name: 'GET /api/calls/awaiting?limit=50', path: () => '/api/calls/awaiting?limit=50' },
  { name: 'GET /api/stats/response-times?groupBy=ministry', path: () => '/api/stats/response-times?groupBy=ministry' },
  { name: 'GET /api/stats/response-times?groupBy=country', path: () => '/api/stats/response-times?groupBy=country' },
  { name: 'GET /api/stats/awaiting-context?limit=50', path: () => '/api/stats/awaiting-context?limit=50' },
  { name: 'GET /api/stats/response-times?groupBy=official', path: () => '/api/stats/response-times?groupBy=official' },
  {
    name: 'GET /api/stats/response-times (last 90 days)',
    path: () => `/api/stats/response-times?groupBy=ministry&from=${encodeURIComponent(new Date(Date.now() - 90 * 86_400_000).toISOString())}`,
  },
  { name: 'GET /api/stats/response-times?key=(MFA Russia)', path: async (ctx) => `/api/stats/response-times?key=${await ministryId(ctx, 'MFA Russia')}` },
  { name: 'GET /api/stats/trend?interval=week', path: () => '/api/stats/trend?groupBy=ministry&interval=week' },
  { name: 'GET /api/stats/trend?interval=month&groupBy=official', path: () => '/api/stats/trend?groupBy=official&interval=month' },
  { name: 'GET /api/stats/awaiting-context?limit=500', path: () => '/api/stats/awaiting-context?limit=500' },
  // Working time (clock=working): the target is the ministry breakdown within 2× of its wall-clock figure above.
  { name: 'GET /api/stats/response-times?groupBy=ministry&clock=working', path: () => '/api/stats/response-times?groupBy=ministry&clock=working' },
  { name: 'GET /api/stats/response-times?groupBy=official&clock=working', path: () => '/api/stats/response-times?groupBy=official&clock=working' },
  { name: 'GET /api/stats/trend?interval=week&clock=working', path: () => '/api/stats/trend?groupBy=ministry&interval=week&clock=working' },
  {
    name: 'GET /api/stats/response-times?groupBy=ministry&clock=working after an absence is added or removed',
    path: () => '/api/stats/response-times?groupBy=ministry&clock=working',
    write: toggleAbsence,
  },
];
