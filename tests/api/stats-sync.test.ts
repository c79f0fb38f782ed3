import { beforeAll, describe, expect, it } from 'vitest';
import { Call } from '#shared/schemas/calls.ts';
import { ResponseTimes } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp } from '../support/app.ts';
import type { TestApp, TestUser } from '../support/app.ts';
import { testDialect } from '../support/database.ts';
import { H, NOW_ISO, T0, at, callRow, insertDataset, ministries, officials } from './stats-dataset.ts';

// The statistics come from an in-memory index kept current by replaying the
// trigger-written stats_changes log. These tests change calls by every route
// there is (SQL straight into the table, the calls API, a moved official) and
// check each change shows in the very next answer.

let t: TestApp;
let viewer: TestUser;
let analyst: TestUser;

async function ministry(id: string, query = '') {
  const res = await viewer.request(`/api/stats/response-times${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await bodyAs(res, ResponseTimes)).groups.find((g) => g.key === id);
}

beforeAll(async () => {
  t = await createTestApp({ now: NOW_ISO });
  await insertDataset(t.db);
  viewer = await t.createUser('viewer');
  analyst = await t.createUser('analyst');
});

describe('statistics follow every change to the calls', () => {
  it('sees rows inserted, updated and deleted in SQL, whatever wrote them', async () => {
    // Korea starts with one call replied after 5 h.
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 1, medianResponseMs: 5 * H });

    // A second Korean call, still awaiting: placed T0 + 398 h, so it has waited 10 h.
    await t.db.insertInto('calls').values(callRow({ id: 'c-k2', callee: 'yun', placedH: 398, status: 'awaiting' })).execute();
    // Durations 5, 10+: S(5) = 1/2 → survival median 5 h; the plain median is still 5 h.
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 2, responded: 1, awaiting: 1, survivalMedianMs: 5 * H });

    // Its reply comes 2 h after placing: replies 2, 5 → median rank 1 → 2 h, p90 rank 2 → 5 h.
    await t.db.updateTable('calls').set({ status: 'returned', responded_at: T0 + 400 * H }).where('id', '=', 'c-k2').execute();
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 2, responded: 2, awaiting: 0, medianResponseMs: 2 * H, p90ResponseMs: 5 * H });

    // A change to the topic alone logs nothing for statistics.
    const before = await t.db.selectFrom('stats_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await t.db.updateTable('calls').set({ topic: 'Sanctions' }).where('id', '=', 'c-k2').execute();
    const after = await t.db.selectFrom('stats_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    await t.db.deleteFrom('calls').where('id', '=', 'c-k2').execute();
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 1, responded: 1, medianResponseMs: 5 * H, p90ResponseMs: 5 * H });
  });

  it('sees calls logged and changed through the API, in the same breath', async () => {
    const created = await analyst.request('/api/calls', {
      method: 'POST',
      json: { callerId: officials.kerry.id, calleeId: officials.yun.id, placedAt: at(404), channel: 'phone', topic: 'Follow-up' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const call = await bodyAs(created, Call);
    // Korea: 5, 4+ (awaiting since T0 + 404 h) → S(4) = 1 (censored), S(5) = 0 → median 5 h.
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 2, awaiting: 1, survivalMedianMs: 5 * H });

    const patched = await analyst.request(`/api/calls/${call.id}`, {
      method: 'PATCH',
      json: { status: 'declined', respondedAt: at(405) },
      headers: { 'If-Match': `"${call.version}"` },
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    // Replies 1, 5: median rank 1 → 1 h; t=1: n=2, d=1 → S = 1/2 → survival median 1 h.
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 2, responded: 2, awaiting: 0, medianResponseMs: 1 * H, survivalMedianMs: 1 * H });

    const removed = await analyst.request(`/api/calls/${call.id}`, { method: 'DELETE', headers: { 'If-Match': `"${call.version + 1}"` } });
    expect(removed.status, await removed.clone().text()).toBe(204);
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 1, medianResponseMs: 5 * H });
  });

  it('follows an official who moves to another ministry', async () => {
    // Shoigu's calls (10, 100) leave MoD Russia for MFA Russia, which then has 0, 10, 10, 10+, 30, 50, 100, 108+, 408+:
    // the figures of the whole of Russia (see stats-response-times.test.ts): survival median 50 h, p90 100 h.
    await t.db.updateTable('officials').set({ ministry_id: ministries.mfaRu.id }).where('id', '=', officials.shoigu.id).execute();
    try {
      expect(await ministry(ministries.modRu.id)).toBeUndefined();
      expect(await ministry(ministries.mfaRu.id)).toMatchObject({ calls: 9, responded: 6, medianResponseMs: 10 * H, p90ResponseMs: 100 * H, survivalMedianMs: 50 * H });
    } finally {
      await t.db.updateTable('officials').set({ ministry_id: ministries.modRu.id }).where('id', '=', officials.shoigu.id).execute();
    }
  });

  it('rebuilds from the calls table when the log was trimmed past what it had read', async () => {
    await t.db.insertInto('calls').values(callRow({ id: 'c-k3', callee: 'yun', placedH: 300, status: 'returned', afterH: 1 })).execute();
    await t.db.updateTable('stats_state').set({ pruned_mark: Number.MAX_SAFE_INTEGER }).execute();
    try {
      // Replies 1, 5 → median 1 h, as read afresh from the calls.
      expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 2, medianResponseMs: 1 * H });
    } finally {
      await t.db.updateTable('stats_state').set({ pruned_mark: -1 }).execute();
      await t.db.deleteFrom('calls').where('id', '=', 'c-k3').execute();
    }
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 1, medianResponseMs: 5 * H });
  });

  it.runIf(testDialect === 'postgres')('does not lose a change that commits after a later one was read (PostgreSQL)', async () => {
    // Transaction A logs a change first but commits last; B commits in between and is read
    // while A is still open. A reader that only remembered "the highest seq seen" would skip A.
    const a = await t.db.startTransaction().execute();
    try {
      await a.insertInto('calls').values(callRow({ id: 'c-late', callee: 'yun', placedH: 300, status: 'returned', afterH: 2 })).execute();
      await t.db.insertInto('calls').values(callRow({ id: 'c-early', callee: 'yun', placedH: 301, status: 'returned', afterH: 3 })).execute();
      // Korea: 3, 5 (A not yet visible) → median rank 1 → 3 h.
      expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 2, medianResponseMs: 3 * H });
      await a.commit().execute();
    } catch (error) {
      await a.rollback().execute();
      throw error;
    }
    // 2, 3, 5 → median rank 2 → 3 h, p90 rank 3 → 5 h; three calls.
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 3, medianResponseMs: 3 * H, p90ResponseMs: 5 * H });
    await t.db.deleteFrom('calls').where('id', 'in', ['c-late', 'c-early']).execute();
    expect(await ministry(ministries.mofaKr.id)).toMatchObject({ calls: 1 });
  });
});
