import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RoundDetail, RoundList } from '#shared/schemas/rounds.ts';
import { listRounds } from '#server/features/rounds/service.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

const H = 3_600_000;

describe('rounds: summaries, the open filter, and a list that costs the same for 1 round or 500', async () => {
  const t = await createTestApp({ now: '2013-02-15T17:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida, yang, yun } = p.officials;
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  const newRound = async (title: string) => {
    const res = await analyst.request('/api/rounds', { method: 'POST', json: { title, trigger: title, triggerAt: '2013-02-12T02:57:51Z' } });
    expect(res.status).toBe(201);
    return bodyAs(res, RoundDetail);
  };
  const putInRound = async (roundId: string, ids: string[]) => {
    await t.db.updateTable('calls').set({ round_id: roundId }).where('id', 'in', ids).execute();
  };

  // The February 2013 round, placed 12 Feb 15:00: Japan answered after 2 h, Korea returned after 1 h,
  // China after 48 h; Lavrov still awaits on the 15th at 17:00, 74 h on.
  const dprk = await newRound('DPRK nuclear test');
  const placedAt = '2013-02-12T15:00:00Z';
  const ids = await insertCalls(t, [
    { callerId: kerry.id, calleeId: kishida.id, placedAt, status: 'answered', respondedAt: '2013-02-12T17:00:00Z' },
    { callerId: kerry.id, calleeId: yun.id, placedAt, status: 'returned', respondedAt: '2013-02-12T16:00:00Z' },
    { callerId: kerry.id, calleeId: yang.id, placedAt, status: 'returned', respondedAt: '2013-02-14T15:00:00Z' },
    { callerId: kerry.id, calleeId: lavrov.id, placedAt, status: 'awaiting' },
  ]);
  await putInRound(dprk.id, ids);
  // A closed round: one reply and one withdrawn call.
  const closed = await newRound('Closed round');
  const closedIds = await insertCalls(t, [
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-01-01T10:00:00Z', status: 'declined', respondedAt: '2013-01-01T13:00:00Z' },
    { callerId: kerry.id, calleeId: yang.id, placedAt: '2013-01-01T10:00:00Z', status: 'withdrawn', closedAt: '2013-01-05T10:00:00Z' },
  ]);
  await putInRound(closed.id, closedIds);
  // A call in no round counts for none.
  await insertCalls(t, [{ callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-10T00:00:00Z' }]);

  it('sums up each round exactly: nearest-rank median of its replies, longest wait by the server’s clock', async () => {
    const detail = await bodyAs(await viewer.request(`/api/rounds/${dprk.id}`), RoundDetail);
    expect(detail.summary).toEqual({ calls: 4, replied: 3, awaiting: 1, withdrawn: 0, medianResponseMs: 2 * H, longestWaitMs: 74 * H, lastReplyAt: '2013-02-14T15:00:00.000Z' });
    const list = await bodyAs(await viewer.request('/api/rounds'), RoundList);
    expect(list.items.find((r) => r.id === dprk.id)!.summary).toEqual(detail.summary);
    expect(list.items.find((r) => r.id === closed.id)!.summary).toEqual({
      calls: 2,
      replied: 1,
      awaiting: 0,
      withdrawn: 1,
      medianResponseMs: 3 * H,
      longestWaitMs: null,
      lastReplyAt: '2013-01-01T13:00:00.000Z',
    });
    // The server's clock moves the wait on.
    t.clock.advance(H);
    expect((await bodyAs(await viewer.request(`/api/rounds/${dprk.id}`), RoundDetail)).summary.longestWaitMs).toBe(75 * H);
    t.clock.advance(-H);
  });

  it('lists the round’s calls awaiting first, then by response time, each with its parties', async () => {
    const detail = await bodyAs(await viewer.request(`/api/rounds/${dprk.id}`), RoundDetail);
    expect(detail.calls.map((c) => [c.callee.name, c.status, c.waitingMs, c.responseMs])).toEqual([
      ['Sergei Lavrov', 'awaiting', 74 * H, null],
      ['Yun Byung-se', 'returned', null, 1 * H],
      ['Fumio Kishida', 'answered', null, 2 * H],
      ['Yang Jiechi', 'returned', null, 48 * H],
    ]);
    expect(detail.calls[0]!.availability).not.toBeNull();
    expect(detail.calls[1]!.availability).toBeNull();
    expect(detail.calls[0]!.caller.name).toBe('John Kerry');
  });

  it('keeps the rounds with an awaiting call under open=true', async () => {
    const open = await bodyAs(await viewer.request('/api/rounds?open=true'), RoundList);
    expect(open.items.map((r) => r.id)).toContain(dprk.id);
    expect(open.items.map((r) => r.id)).not.toContain(closed.id);
    for (const round of open.items) expect(round.summary.awaiting).toBeGreaterThan(0);
    const all = await bodyAs(await viewer.request('/api/rounds?open=false'), RoundList);
    expect(all.items.map((r) => r.id)).toEqual(expect.arrayContaining([dprk.id, closed.id]));
    await expectProblem(await viewer.request('/api/rounds?open=yes'), 400, ['open']);
  });

  it('lists 500 rounds with their summaries in a few queries, not one per round', async () => {
    const now = t.clock.now();
    const rounds = Array.from({ length: 500 }, (_, i) => ({
      id: randomUUID(),
      title: `Round ${i}`,
      trigger: `Event ${i}`,
      trigger_at: null,
      initiator_id: kerry.id,
      notes: null,
      version: 1,
      created_at: now + i + 1,
      updated_at: now,
      created_by: 'fixture',
    }));
    for (let i = 0; i < rounds.length; i += 100) await t.db.insertInto('rounds').values(rounds.slice(i, i + 100)).execute();
    // Two calls per round: one awaiting since 10:00, one answered after i minutes.
    const calls = rounds.flatMap((_, i) => [
      { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-15T10:00:00Z' },
      { callerId: kerry.id, calleeId: yang.id, placedAt: '2013-02-15T10:00:00Z', status: 'returned' as const, respondedAt: new Date(Date.parse('2013-02-15T10:00:00Z') + (i + 1) * 60_000).toISOString() },
    ]);
    const callIds = await insertCalls(t, calls);
    for (let i = 0; i < rounds.length; i++) await putInRound(rounds[i]!.id, [callIds[2 * i]!, callIds[2 * i + 1]!]);

    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const deps = { db: t.db.withPlugin(counting), dialect: t.dialect, clock: t.clock, config: t.config };
    const page = await listRounds(deps, { limit: 500, open: false });
    expect(page.items).toHaveLength(500);
    // One for the page, two for all its summaries.
    expect(queries).toBeLessThanOrEqual(3);
    const byId = new Map(page.items.map((r) => [r.id, r]));
    const last = byId.get(rounds[499]!.id)!;
    expect(last.summary).toEqual({ calls: 2, replied: 1, awaiting: 1, withdrawn: 0, medianResponseMs: 500 * 60_000, longestWaitMs: 7 * H, lastReplyAt: new Date(Date.parse('2013-02-15T10:00:00Z') + 500 * 60_000).toISOString() });

    // And over HTTP, with keyset pages that neither skip nor repeat.
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await viewer.request(`/api/rounds?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      const body: RoundList = await bodyAs(res, RoundList);
      for (const r of body.items) seen.add(r.id);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(502);
  });
});
