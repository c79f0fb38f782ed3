import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AwaitingList, CallList } from '#shared/schemas/calls.ts';
import { AwaitingContextList, ResponseTimes } from '#shared/schemas/stats.ts';
import { sqlitePath } from '#server/db/client.ts';
import { bodyAs, createTestApp } from '../support/app.ts';
import { testDialect } from '../support/database.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

// The list answers are kept while the database is unchanged
// (server/lib/answer-cache.ts): every kind of change must still show at once.
describe('calls: cached list answers', async () => {
  const t = await createTestApp({ now: '2013-03-01T00:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida } = p.officials;
  const viewer = await t.createUser('viewer');
  const analyst = await t.createUser('analyst');
  const [open, closed] = await insertCalls(t, [
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-12T15:00:00Z', topic: 'Nuclear test' },
    { callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-12T14:00:00Z', status: 'returned', respondedAt: '2013-02-12T18:00:00Z', topic: 'Sanctions' },
  ]);

  const awaiting = async (headers: Record<string, string> = {}) => viewer.request('/api/calls/awaiting?limit=50', { headers });

  it('answers the same bytes and entity tag while nothing changes, and 304 to If-None-Match', async () => {
    // A page with running waits is kept once it is asked for a second time within its second.
    const computed = await awaiting();
    const first = await awaiting();
    const second = await awaiting();
    expect(await first.clone().text()).toBe(await computed.text());
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await second.text()).toBe(await first.text());
    const etag = first.headers.get('etag');
    // PostgreSQL has no change mark: nothing is kept, and answers carry no entity tag (decision 0019).
    if (testDialect === 'sqlite') {
      expect(etag).not.toBe(computed.headers.get('etag'));
      expect(etag).toMatch(/^W\/"/);
      const unchanged = await awaiting({ 'If-None-Match': etag! });
      expect(unchanged.status).toBe(304);
      expect(await unchanged.text()).toBe('');
    }
  });

  it("moves a running wait on with the clock (a cached page is at most a second old)", async () => {
    const before = (await bodyAs(await awaiting(), AwaitingList)).items[0]!.waitingMs;
    t.clock.advance(60_000);
    const after = (await bodyAs(await awaiting(), AwaitingList)).items[0]!.waitingMs;
    expect(after - before).toBe(60_000);
  });

  it('shows a change made through the API at once', async () => {
    await bodyAs(await awaiting(), AwaitingList);
    const res = await analyst.request(`/api/calls/${open}`, { method: 'PATCH', headers: { 'If-Match': '"1"' }, json: { topic: 'Nuclear test, second call' } });
    expect(res.status, await res.clone().text()).toBe(200);
    const page = await bodyAs(await awaiting(), AwaitingList);
    expect(page.items.map((c) => c.topic)).toEqual(['Nuclear test, second call']);
  });

  it('shows a change committed by another process at once', async () => {
    if (testDialect !== 'sqlite') return;
    const list = async () => (await bodyAs(await viewer.request('/api/calls?status=returned'), CallList)).items.map((c) => c.topic);
    expect(await list()).toEqual(['Sanctions']);
    const other = new SQLite(sqlitePath(t.databaseUrl));
    try {
      other.prepare('update calls set topic = ? where id = ?').run('Sanctions, changed elsewhere', closed);
    } finally {
      other.close();
    }
    // A request reaches the server through the network, a turn of the event loop after the other process's commit.
    await nextTurn();
    expect(await list()).toEqual(['Sanctions, changed elsewhere']);
  });

  it('still checks the credential of every request', async () => {
    await awaiting();
    const anonymous = await t.request('/api/calls/awaiting?limit=50');
    expect(anonymous.status).toBe(401);
  });

  // The session's owner is kept while the database is unchanged too (auth/middleware.ts).
  it('refuses a session at once when another process ends it, or disables its user', async () => {
    if (testDialect !== 'sqlite') return;
    const reader = await t.createUser('viewer');
    const disabled = await t.createUser('viewer');
    expect((await reader.request('/api/calls/awaiting?limit=50')).status).toBe(200);
    expect((await disabled.request('/api/calls/awaiting?limit=50')).status).toBe(200);
    const other = new SQLite(sqlitePath(t.databaseUrl));
    try {
      other.prepare('delete from sessions where user_id = ?').run(reader.id);
      other.prepare('update users set disabled = 1 where id = ?').run(disabled.id);
    } finally {
      other.close();
    }
    // A request reaches the server through the network, a turn of the event loop after the other process's commit.
    await nextTurn();
    expect((await reader.request('/api/calls/awaiting?limit=50')).status).toBe(401);
    expect((await disabled.request('/api/calls/awaiting?limit=50')).status).toBe(401);
  });

  it('refuses a session at once when its user is disabled through the API', async () => {
    const admin = await t.createUser('admin');
    const target = await t.createUser('analyst');
    expect((await target.request('/api/calls/awaiting?limit=50')).status).toBe(200);
    const res = await admin.request(`/api/users/${target.id}`, { method: 'PATCH', json: { disabled: true } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await target.request('/api/calls/awaiting?limit=50')).status).toBe(401);
  });
});

// The statistics answers, and the ministries' records behind the board's
// context (stats/service.ts ministryRecords), are kept the same way.
describe('statistics: cached answers', async () => {
  const t = await createTestApp({ now: '2013-03-01T00:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida } = p.officials;
  const viewer = await t.createUser('viewer');
  const analyst = await t.createUser('analyst');
  const [open] = await insertCalls(t, [
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-12T15:00:00Z', topic: 'Nuclear test' },
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-10T15:00:00Z', status: 'returned', respondedAt: '2013-02-10T19:00:00Z', topic: 'Sanctions' },
    { callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-12T14:00:00Z', status: 'returned', respondedAt: '2013-02-12T18:00:00Z', topic: 'Sanctions' },
  ]);
  const russia = lavrov.ministryId;

  const times = async () => bodyAs(await viewer.request('/api/stats/response-times?groupBy=ministry'), ResponseTimes);
  const context = async () => bodyAs(await viewer.request('/api/stats/awaiting-context?limit=50'), AwaitingContextList);

  it('answers the same response times while nothing changes, and moves on with the clock when a call is awaiting', async () => {
    await viewer.request('/api/stats/response-times?groupBy=ministry');
    const first = await viewer.request('/api/stats/response-times?groupBy=ministry');
    const second = await viewer.request('/api/stats/response-times?groupBy=ministry');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    const before = Date.parse((await bodyAs(first, ResponseTimes)).asOf);
    t.clock.advance(60_000);
    expect(Date.parse((await times()).asOf) - before).toBe(60_000);
  });

  it("shows a reply at once, in the response times and in the board's context", async () => {
    const russiaOf = async () => (await times()).groups.find((g) => g.key === russia)!;
    expect(await russiaOf()).toMatchObject({ calls: 2, responded: 1, awaiting: 1 });
    const item = (await context()).items.find((i) => i.callId === open)!;
    expect(item.ministryMedianResponseMs).toBe(4 * 3_600_000);
    // A second call to the ministry, replied after 2 h: its plain median of replies becomes the shorter of the two.
    const res = await analyst.request('/api/calls', {
      method: 'POST',
      json: { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-11T15:00:00Z', channel: 'phone', topic: 'Follow-up', status: 'returned', respondedAt: '2013-02-11T17:00:00Z' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await russiaOf()).toMatchObject({ calls: 3, responded: 2, awaiting: 1 });
    expect((await context()).items.find((i) => i.callId === open)!.ministryMedianResponseMs).toBe(2 * 3_600_000);
  });

  it("moves the board's elapsed times on with the clock", async () => {
    const before = (await context()).items.find((i) => i.callId === open)!.elapsedMs;
    t.clock.advance(60_000);
    expect((await context()).items.find((i) => i.callId === open)!.elapsedMs - before).toBe(60_000);
  });
});
