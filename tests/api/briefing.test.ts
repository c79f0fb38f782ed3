import { describe, expect, it } from 'vitest';
import { waitShares } from '#server/features/stats/service.ts';
import { Briefing } from '#shared/schemas/briefing.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';
import { depsOf } from './alerts-support.ts';

const HOUR = 3600_000;

describe('GET /api/briefing', async () => {
  // 3 days 2 hours (and some minutes) after Kerry's call to Lavrov.
  const t = await createTestApp({ now: '2013-02-15T17:22:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida, yang } = p.officials;
  const viewer = await t.createUser('viewer');
  const analyst = await t.createUser('analyst');
  // MFA Russia's record: four calls returned after 6 hours each.
  const history = ['2013-01-07', '2013-01-14', '2013-01-21', '2013-01-28'].map((day) => ({
    callerId: kerry.id, calleeId: lavrov.id, placedAt: `${day}T10:00:00Z`, status: 'returned' as const, respondedAt: `${day}T16:00:00Z`,
  }));
  await insertCalls(t, history);
  const [lavrovCall, yangCall] = await insertCalls(t, [
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-12T15:05:00Z' },
    { callerId: kerry.id, calleeId: yang.id, placedAt: '2013-02-14T09:00:00Z' },
    { callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-15T08:00:00Z', status: 'returned', respondedAt: '2013-02-15T10:30:00Z' },
    { callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-13T08:00:00Z', status: 'answered', respondedAt: '2013-02-13T08:00:00Z' },
  ]);
  await t.db.updateTable('calls').set({ promised_by: Date.parse('2013-02-15T12:00:00Z') }).where('id', '=', yangCall!).execute();
  await t.db.updateTable('calls').set({ attempts: 2, last_attempt_at: Date.parse('2013-02-13T09:00:00Z') }).where('id', '=', lavrovCall!).execute();
  const roundRes = await analyst.request('/api/rounds', { method: 'POST', json: { title: "Kerry's calls after North Korea's nuclear test", trigger: "North Korea's third nuclear test" } });
  expect(roundRes.status, await roundRes.clone().text()).toBe(201);
  const round = (await roundRes.json()) as { id: string; title: string };
  await t.db.updateTable('calls').set({ round_id: round.id }).where('id', '=', lavrovCall!).execute();

  it('answers every open call, longest wait first, with the sentence of SPEC’s example', async () => {
    const res = await viewer.request('/api/briefing');
    expect(res.status).toBe(200);
    const briefing = await bodyAs(res, Briefing);
    expect(briefing.asOf).toBe('2013-02-15T17:22:00.000Z');
    expect(briefing.open.map((c) => c.callId)).toEqual([lavrovCall, yangCall]);
    const lavrovItem = briefing.open[0]!;
    expect(lavrovItem.sentence).toBe(
      "No. Secretary Kerry's call to Foreign Minister Lavrov (MFA Russia), placed 12 Feb 2013 at 15:05 UTC, has waited 3 days 2 hours, 2 attempts; MFA Russia replies to half its calls within 6 hours.",
    );
    expect(lavrovItem).toMatchObject({ waitingMs: 74 * HOUR + 17 * 60_000, attempts: 2, promise: 'none', ministryMedianMs: 6 * HOUR, ministryCalls: 4, round: { id: round.id, title: round.title } });
    // Working time: Moscow's office hours on Tue–Fri, less than the wall-clock wait.
    expect(lavrovItem.workingMs).toBeGreaterThan(20 * HOUR);
    expect(lavrovItem.workingMs).toBeLessThan(lavrovItem.waitingMs);
    // The board's figure, from the one Kaplan–Meier function.
    const { shares } = await waitShares(depsOf(t), [{ id: lavrovCall!, ministryId: p.ministries.ru.id, placedAt: Date.parse('2013-02-12T15:05:00Z') }]);
    expect(lavrovItem.shareRepliedSooner).toBe(shares.get(lavrovCall!)!.share!.share);
    expect(lavrovItem.shareRepliedSooner).toBe(0.8);

    const yangItem = briefing.open[1]!;
    expect(yangItem).toMatchObject({ promise: 'broken', promisedBy: '2013-02-15T12:00:00.000Z', ministryCalls: 0, ministryMedianMs: null });
    expect(yangItem.sentence).toBe(
      "No. Secretary Kerry's call to Foreign Minister Yang (MFA China), placed 14 Feb 2013 at 09:00 UTC, has waited 1 day 8 hours; promise broken: a call back was promised by 15 Feb 2013 at 12:00 UTC; there is no earlier record of MFA China's replies.",
    );
  });

  it('lists the replies of the last 24 hours only, newest first, each with its sentence', async () => {
    const briefing = await bodyAs(await viewer.request('/api/briefing'), Briefing);
    expect(briefing.since).toBe('2013-02-14T17:22:00.000Z');
    expect(briefing.repliedSince).toHaveLength(1);
    expect(briefing.repliedSince[0]).toMatchObject({ status: 'returned', respondedAt: '2013-02-15T10:30:00.000Z', responseMs: 2.5 * HOUR, attempts: 1 });
    expect(briefing.repliedSince[0]!.sentence).toBe(
      "Yes. Foreign Minister Kishida returned Secretary Kerry's call on 15 Feb 2013 at 10:30 UTC, 2 hours 30 minutes after it was placed (15 Feb 2013 at 08:00 UTC).",
    );
  });

  it('needs a signed-in user', async () => {
    await expectProblem(await t.request('/api/briefing'), 401);
  });
});
