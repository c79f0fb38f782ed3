import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AwaitingList, Call, CallList } from '#shared/schemas/calls.ts';
import { Problem } from '#shared/schemas/common.ts';
import { HistoryList } from '#shared/schemas/history.ts';
import { Attempt, AttemptList, RoundDetail, RoundList } from '#shared/schemas/rounds.ts';
import { Ministry, MinistryList } from '#shared/schemas/ministries.ts';
import { Official, OfficialContactList, OfficialList } from '#shared/schemas/officials.ts';
import { ApiTokenCreated, ApiTokenList, User, UserList } from '#shared/schemas/users.ts';
import { type TestApp, type TestUser, createTestApp } from '../support/app.ts';
import { callRequest, insertCalls, seedParties } from '../support/fixtures.ts';
import { type Random, hostileBody, hostileHeader, hostileId, hostileQuery, pick, seeded } from './fuzz-inputs.ts';

// "Bad input never becomes a 500 and never stores anything": hundreds of
// random and mutated requests per route, from a fixed seed, each checked for
// a non-5xx problem+json answer and, when refused, unchanged row counts in
// every table (a write and its history entry commit together, so even a
// change in place would show as a history row). READOUT_FUZZ_RUNS raises or
// lowers the count.
const RUNS = Number(process.env.READOUT_FUZZ_RUNS ?? 300);
const SEED = 20130212;
const TIMEOUT = 180_000;

/** The row count of every table, in one query. */
async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const names =
    t.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.db);
  const counts = sql.join(names.rows.map(({ name }) => sql`(select count(*) from ${sql.table(name)}) as ${sql.ref(name)}`));
  const row = (await sql<Record<string, unknown>>`select ${counts}`.execute(t.db)).rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** The answer is no 5xx; a refusal is problem+json that names a field when it is a 422. */
async function checkAnswer(what: string, res: Response, success?: z.core.$ZodType): Promise<void> {
  const text = await res.text();
  const context = `${what} → ${res.status} ${text.slice(0, 500)}`;
  expect(res.status, context).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
    const problem = Problem.safeParse(JSON.parse(text));
    expect(problem.success, context).toBe(true);
    expect(problem.data?.status, context).toBe(res.status);
    if (res.status === 422) expect(problem.data?.errors?.length, context).toBeGreaterThan(0);
  } else if (success && res.status !== 204) {
    const parsed = z.safeParse(success, JSON.parse(text));
    expect(parsed.success, `${context}\n${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  }
}

describe('fuzzing the API with bad input', async () => {
  const t = await createTestApp();
  const p = await seedParties(t);
  const admin = await t.createUser('admin');
  const analyst = await t.createUser('analyst');
  const target = await t.createUser('viewer');
  const [callId] = await insertCalls(t, [{ callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id, placedAt: '2013-02-12T15:00:00Z' }]);
  await insertCalls(t, Array.from({ length: 5 }, (_, i) => ({ callerId: p.officials.kerry.id, calleeId: p.officials.yang.id, placedAt: `2013-02-1${i}T10:00:00Z` })));

  /**
   * Sends one request; a refused one must leave every table as it was (but
   * `keeps`: a failed login is counted, and written to the audit log, on purpose).
   */
  async function send(user: Pick<TestUser, 'request'>, path: string, init: RequestInit, what: string, success?: z.core.$ZodType, keeps: string[] = []): Promise<Response> {
    const counts = async () => Object.fromEntries(Object.entries(await tableCounts(t)).filter(([table]) => !keeps.includes(table)));
    const before = await counts();
    const res = await user.request(path, init);
    await checkAnswer(`${init.method ?? 'GET'} ${path} (${what})`, res.clone(), success);
    if (res.status >= 400) expect(await counts(), `${init.method} ${path} (${what}) → ${res.status} changed a table`).toEqual(before);
    return res;
  }

  async function fuzzWrites(
    random: Random,
    user: Pick<TestUser, 'request'>,
    method: 'POST' | 'PATCH',
    path: string,
    valid: Record<string, unknown>,
    success: z.core.$ZodType,
    options: { headers?: () => Promise<Record<string, string>>; keeps?: string[]; someAccepted?: boolean } = {},
  ) {
    const { headers = async () => ({}), keeps = [], someAccepted = true } = options;
    const statuses = new Map<number, number>();
    for (let run = 0; run < RUNS; run++) {
      const { body, contentType, describe: what } = hostileBody(random, valid);
      const h = new Headers(await headers());
      if (contentType) h.set('content-type', contentType);
      const res = await send(user, path, { method, body, headers: h }, `run ${run}: ${what}`, success, keeps);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    // A fuzz whose every request is refused would prove little: some mutations keep the body valid.
    const accepted = [...statuses].filter(([status]) => status < 300).reduce((n, [, count]) => n + count, 0);
    if (someAccepted && RUNS >= 100) expect(accepted, JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(accepted, JSON.stringify([...statuses])).toBeLessThan(RUNS);
  }

  const calls = { callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id };

  it('POST /api/calls', { timeout: TIMEOUT }, async () => {
    const random = seeded(SEED);
    const valid = callRequest(p, { notes: 'n', source: 's', status: 'returned', respondedAt: '2013-02-13T00:00:00Z' });
    await fuzzWrites(random, analyst, 'POST', '/api/calls', valid, Call, {
      headers: async (): Promise<Record<string, string>> =>
        random() < 0.3 ? { 'Idempotency-Key': random() < 0.5 ? hostileHeader(random) : `key-${Math.floor(random() * 5)}` } : {},
    });
  });

  it('PATCH /api/calls/:id', { timeout: TIMEOUT }, async () => {
    const random = seeded(SEED + 1);
    const valid = { ...calls, placedAt: '2013-02-12T15:00:00+03:00', channel: 'video', topic: 't', notes: null, source: 'x', status: 'awaiting', respondedAt: null, closedAt: null };
    await fuzzWrites(random, analyst, 'PATCH', `/api/calls/${callId}`, valid, Call, {
      headers: async () => {
        const etag = (await analyst.request(`/api/calls/${callId}`)).headers.get('etag')!;
        return { 'If-Match': random() < 0.8 ? etag : hostileHeader(random) };
      },
    });
  });

  // Round ids here are fixed by the first round, logged before the fuzzing.
  const round = (await (
    await analyst.request('/api/rounds', { method: 'POST', json: { trigger: 'DPRK nuclear test', initiatorId: p.officials.kerry.id, calls: [{ calleeId: p.officials.kishida.id, placedAt: '2013-02-12T15:00:00Z' }] } })
  ).json()) as { id: string };

  it('POST /api/rounds', { timeout: TIMEOUT }, async () => {
    const valid = {
      title: 'DPRK nuclear test',
      trigger: "North Korea's third nuclear test",
      triggerAt: '2013-02-12T02:57:00Z',
      initiatorId: p.officials.kerry.id,
      notes: 'n',
      calls: [{ calleeId: p.officials.lavrov.id, placedAt: '2013-02-12T15:00:00Z', channel: 'phone', topic: 't' }, { calleeId: p.officials.yang.id }],
    };
    await fuzzWrites(seeded(SEED + 11), analyst, 'POST', '/api/rounds', valid, RoundDetail);
  });

  it('PATCH /api/rounds/:id', { timeout: TIMEOUT }, async () => {
    const random = seeded(SEED + 12);
    const valid = { title: 'Renamed', trigger: 'x', triggerAt: null, initiatorId: p.officials.kerry.id, notes: null };
    await fuzzWrites(random, analyst, 'PATCH', `/api/rounds/${round.id}`, valid, RoundDetail, {
      headers: async () => {
        const etag = (await analyst.request(`/api/rounds/${round.id}`)).headers.get('etag')!;
        return { 'If-Match': random() < 0.8 ? etag : hostileHeader(random) };
      },
    });
  });

  it('POST /api/calls/:id/attempts', { timeout: TIMEOUT }, async () => {
    await fuzzWrites(seeded(SEED + 13), analyst, 'POST', `/api/calls/${callId}/attempts`, { at: '2013-02-13T09:00:00Z', channel: 'message', notes: 'n' }, Attempt);
  });

  it('POST /api/ministries', { timeout: TIMEOUT }, async () => {
    await fuzzWrites(seeded(SEED + 2), analyst, 'POST', '/api/ministries', { name: 'Federal Foreign Office', shortName: 'AA', country: 'DE' }, Ministry);
  });

  it('PATCH /api/ministries/:id', { timeout: TIMEOUT }, async () => {
    await fuzzWrites(seeded(SEED + 3), analyst, 'PATCH', `/api/ministries/${p.ministries.kr.id}`, { name: 'MOFA', shortName: 'MOFA', country: 'KR' }, Ministry);
  });

  it('POST /api/officials', { timeout: TIMEOUT }, async () => {
    await fuzzWrites(seeded(SEED + 4), analyst, 'POST', '/api/officials', { name: 'Wang Yi', title: 'Minister', ministryId: p.ministries.cn.id, timeZone: 'Asia/Shanghai' }, Official);
  });

  it('PATCH /api/officials/:id', { timeout: TIMEOUT }, async () => {
    await fuzzWrites(seeded(SEED + 5), analyst, 'PATCH', `/api/officials/${p.officials.yun.id}`, { name: 'Yun', title: 'Minister', ministryId: p.ministries.kr.id, timeZone: 'Asia/Seoul' }, Official);
  });

  it('POST /api/users', { timeout: TIMEOUT }, async () => {
    await fuzzWrites(seeded(SEED + 6), admin, 'POST', '/api/users', { username: 'fuzzed', password: 'long enough password', displayName: 'Fuzzed', role: 'viewer' }, User);
  });

  it('PATCH /api/users/:id', { timeout: TIMEOUT }, async () => {
    await fuzzWrites(seeded(SEED + 7), admin, 'PATCH', `/api/users/${target.id}`, { displayName: 'Target', role: 'analyst', disabled: false, password: 'another long password' }, User);
  });

  it('POST /api/tokens', { timeout: TIMEOUT }, async () => {
    // Not `target`, whose sessions the PATCH above may have ended.
    await fuzzWrites(seeded(SEED + 9), await t.createUser('viewer'), 'POST', '/api/tokens', { name: 'nightly export' }, ApiTokenCreated);
  });

  // None of these can succeed here (setup is done; nobody's password is known),
  // so only the refusals are checked; a failed login is counted on purpose.
  it('POST /api/auth/setup, /api/auth/login and /api/auth/password', { timeout: TIMEOUT }, async () => {
    const random = seeded(SEED + 10);
    const anonymous = { request: t.request };
    const refusalsOnly = { someAccepted: false, keeps: ['login_failures', 'audit_log'] };
    await fuzzWrites(random, anonymous, 'POST', '/api/auth/setup', { username: 'first', password: 'long enough password', displayName: 'First' }, User, refusalsOnly);
    await fuzzWrites(random, anonymous, 'POST', '/api/auth/login', { username: 'nobody', password: 'long enough password' }, User, refusalsOnly);
    const viewer = await t.createUser('viewer');
    await fuzzWrites(random, viewer, 'POST', '/api/auth/password', { currentPassword: 'not-a-password', newPassword: 'long enough password' }, User, refusalsOnly);
  });

  const lists: [string, readonly string[], z.core.$ZodType][] = [
    ['/api/calls', ['status', 'ministryId', 'officialId', 'from', 'to', 'q', 'order', 'roundId'], CallList],
    ['/api/calls/awaiting', ['ministryId', 'roundId'], AwaitingList],
    ['/api/ministries', ['q', 'country'], MinistryList],
    ['/api/officials', ['q', 'ministryId'], OfficialList],
    ['/api/users', [], UserList],
    ['/api/tokens', [], ApiTokenList],
    [`/api/calls/${callId}/history`, [], HistoryList],
    [`/api/calls/${callId}/attempts`, [], AttemptList],
    ['/api/rounds', ['open'], RoundList],
    [`/api/officials/${p.officials.kerry.id}/contacts`, [], OfficialContactList],
  ];

  it.each(lists)('GET %s with hostile query strings', { timeout: TIMEOUT }, async (path, params, schema) => {
    const random = seeded(SEED + path.length);
    const first = await admin.request(`${path}?limit=1`);
    expect(first.status).toBe(200);
    const { nextCursor } = (await first.json()) as { nextCursor: string | null };
    for (let run = 0; run < RUNS; run++) {
      const query = hostileQuery(random, params, nextCursor);
      await send(admin, `${path}?${query}`, {}, `run ${run}`, schema);
    }
  });

  it('every route with an id that names nothing', { timeout: TIMEOUT }, async () => {
    const random = seeded(SEED + 8);
    const routes = [
      ['GET', '/api/calls/:id'], ['PATCH', '/api/calls/:id'], ['DELETE', '/api/calls/:id'], ['GET', '/api/calls/:id/history'],
      ['GET', '/api/calls/:id/attempts'], ['POST', '/api/calls/:id/attempts'],
      ['GET', '/api/rounds/:id'], ['PATCH', '/api/rounds/:id'], ['DELETE', '/api/rounds/:id'], ['GET', '/api/rounds/:id/history'],
      ['GET', '/api/ministries/:id'], ['PATCH', '/api/ministries/:id'], ['DELETE', '/api/ministries/:id'],
      ['GET', '/api/officials/:id'], ['PATCH', '/api/officials/:id'], ['DELETE', '/api/officials/:id'], ['GET', '/api/officials/:id/contacts'],
      ['GET', '/api/users/:id'], ['PATCH', '/api/users/:id'], ['DELETE', '/api/tokens/:id'],
      ['GET', '/api/webhooks/:id'], ['PATCH', '/api/webhooks/:id'], ['DELETE', '/api/webhooks/:id'], ['GET', '/api/webhooks/:id/deliveries'], ['POST', '/api/webhooks/:id/test'],
    ] as const;
    for (let run = 0; run < RUNS; run++) {
      const [method, route] = pick(random, routes);
      const path = route.replace(':id', hostileId(random));
      const init: RequestInit = { method, headers: { 'If-Match': '"1"', 'content-type': 'application/json' } };
      if (method === 'PATCH') init.body = JSON.stringify({ name: 'x', topic: 'x', displayName: 'x' });
      if (method === 'POST' && route.endsWith('/attempts')) init.body = JSON.stringify({ at: '2013-02-13T09:00:00Z', channel: 'phone' });
      const res = await send(admin, path, init, `run ${run}`);
      expect([400, 404, 422], `${method} ${path}`).toContain(res.status);
    }
  });
});
