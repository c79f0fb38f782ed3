import { beforeAll, describe, expect, it } from 'vitest';
import { AwaitingContextList } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import type { TestApp, TestUser } from '../support/app.ts';
import { H, NOW_ISO, callRow, insertDataset, ministries } from './stats-dataset.ts';

// The dataset plus one more open call to Ryabkov, placed T0 + 388 h (20 h before NOW).
// MFA Russia over all time, hours (+ = censored): 0, 10, 10+, 20+, 30, 50, 108+, 408+.
//   t=0:  n=8, d=1       S = 7/8
//   t=10: n=7, d=1, c=1  S = 7/8·6/7 = 3/4
//   t=30: n=4, d=1       S = 3/4·3/4 = 9/16 = 0.5625
//   t=50: n=3, d=1       S = 9/16·2/3 = 3/8 ≤ 0.5 → survival median 50 h
// Plain median of replies 0, 10, 30, 50: rank 2 → 10 h.

let t: TestApp;
let viewer: TestUser;

async function context(query = '') {
  const res = await viewer.request(`/api/stats/awaiting-context${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return bodyAs(res, AwaitingContextList);
}

beforeAll(async () => {
  t = await createTestApp({ now: NOW_ISO });
  await insertDataset(t.db);
  await t.db.insertInto('calls').values(callRow({ id: 'c-r', callee: 'ryabkov', placedH: 388, status: 'awaiting' })).execute();
  viewer = await t.createUser('viewer');
});

const russia = { ministryId: ministries.mfaRu.id, ministryShortName: 'MFA Russia', ministryMedianMs: 50 * H, ministryMedianResponseMs: 10 * H, isLowerBound: false };

describe('GET /api/stats/awaiting-context', () => {
  it('puts every open call against its ministry’s curve, longest wait first', async () => {
    const body = await context();
    expect(body.asOf).toBe(NOW_ISO);
    expect(body.nextCursor).toBeNull();
    expect(body.items).toEqual([
      // 408 h: past every reply (the last at 50 h); S(408 h) = 3/8 → at least 5/8 of MFA Russia's calls had a reply sooner.
      { callId: 'c-a', calleeName: 'Sergei Lavrov', elapsedMs: 408 * H, shareRepliedSooner: expect.closeTo(5 / 8, 12), ...russia, isLowerBound: true },
      // 108 h: S = 3/8 as well, and past every reply too: both say so, as the share cannot tell them apart.
      { callId: 'c-g', calleeName: 'Sergei Lavrov', elapsedMs: 108 * H, shareRepliedSooner: expect.closeTo(5 / 8, 12), ...russia, isLowerBound: true },
      // 20 h: S(20 h) = 3/4 → a quarter had a reply sooner: not unusual yet.
      { callId: 'c-r', calleeName: 'Sergei Ryabkov', elapsedMs: 20 * H, shareRepliedSooner: expect.closeTo(1 / 4, 12), ...russia },
      // China never replied: S(8 h) = 1, nobody had a reply sooner; no medians.
      {
        callId: 'c-x', calleeName: 'Wang Yi', elapsedMs: 8 * H, shareRepliedSooner: 0, isLowerBound: false,
        ministryId: ministries.mfaCn.id, ministryShortName: 'MFA China', ministryMedianMs: null, ministryMedianResponseMs: null,
      },
    ]);
  });

  it('moves with the clock: the waits grow and the curve with them', async () => {
    // 30 h later: 0, 10, 10+, 30, 50, 50+ (c-r, now 50 h: the reply at 50 h counts first), 138+, 438+.
    //   t=0: n=8 → 7/8; t=10: n=7, d=1, c=1 → 3/4; t=30: n=5, d=1 → 3/4·4/5 = 3/5; t=50: n=4, d=1, c=1 → 3/5·3/4 = 9/20.
    //   c-r at 50 h: 1 − 9/20 = 11/20. Survival median: 9/20 ≤ 0.5 at 50 h.
    t.clock.advance(30 * H);
    try {
      const body = await context(`?ministryId=${ministries.mfaRu.id}`);
      expect(body.items.map((i) => [i.callId, i.elapsedMs])).toEqual([['c-a', 438 * H], ['c-g', 138 * H], ['c-r', 50 * H]]);
      expect(body.items[2]?.shareRepliedSooner).toBeCloseTo(11 / 20, 12);
      expect(body.items[2]?.ministryMedianMs).toBe(50 * H);
    } finally {
      t.clock.set(NOW_ISO);
    }
  });

  it('pages like the awaiting list', async () => {
    const first = await context('?limit=3');
    expect(first.items.map((i) => i.callId)).toEqual(['c-a', 'c-g', 'c-r']);
    expect(first.nextCursor).not.toBeNull();
    const second = await context(`?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.callId)).toEqual(['c-x']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad limit or cursor', async () => {
    await expectProblem(await viewer.request('/api/stats/awaiting-context?limit=501'), 400, ['limit']);
    await expectProblem(await viewer.request('/api/stats/awaiting-context?cursor=nonsense'), 400, ['cursor']);
    await expectProblem(await t.request('/api/stats/awaiting-context'), 401);
  });
});
