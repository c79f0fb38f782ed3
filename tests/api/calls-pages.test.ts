import { describe, expect, it } from 'vitest';
import { AwaitingList, CallList } from '#shared/schemas/calls.ts';
import { bodyAs, createTestApp, expectProblem, type TestUser } from '../support/app.ts';
import { type CallFixture, insertCalls, seedParties } from '../support/fixtures.ts';

const NOW = Date.parse('2013-02-18T12:00:00Z');
const hour = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Follows nextCursor to the end, returning every page's items. */
async function walk<T extends { items: { id: string }[]; nextCursor: string | null }>(
  user: TestUser,
  path: string,
  parse: (res: Response) => Promise<T>,
): Promise<T['items'][]> {
  const pages: T['items'][] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await user.request(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await parse(res);
    pages.push(body.items);
    cursor = body.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

describe('calls: pagination and the awaiting board', async () => {
  const t = await createTestApp({ now: iso(NOW) });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida, yang, yun } = p.officials;
  const viewer = await t.createUser('viewer');
  const callees = [lavrov, kishida, yang, yun];

  // 30 calls over ten hours, three per hour (so placedAt ties), every third one still awaiting.
  const fixtures: CallFixture[] = Array.from({ length: 30 }, (_, i) => {
    const placed = NOW - 100 * hour + Math.floor(i / 3) * hour;
    const open = i % 3 === 0;
    return {
      callerId: kerry.id,
      calleeId: callees[i % 4]!.id,
      placedAt: iso(placed),
      status: open ? 'awaiting' : 'returned',
      respondedAt: open ? null : iso(placed + hour),
    };
  });
  const ids = await insertCalls(t, fixtures);
  const placedOf = new Map(ids.map((id, i) => [id, Date.parse(fixtures[i]!.placedAt)]));
  const byKey = (dir: 1 | -1) => (a: string, b: string) =>
    dir * (placedOf.get(a)! - placedOf.get(b)! || (a < b ? -1 : a > b ? 1 : 0));

  it.each([
    ['desc', -1, 7],
    ['asc', 1, 4],
    ['desc', -1, 1],
  ] as const)('walks every call exactly once, order=%s, limit=%i', async (order, dir, limit) => {
    const pages = await walk(viewer, `/api/calls?order=${order}&limit=${limit}`, (res) => bodyAs(res, CallList));
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
    const seen = pages.flat().map((c) => c.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...ids].sort(byKey(dir)));
  });

  it('pages through a filtered list without gaps or overlap', async () => {
    const pages = await walk(viewer, `/api/calls?status=awaiting&ministryId=${p.ministries.ru.id}&limit=2`, (res) => bodyAs(res, CallList));
    const expected = ids.filter((_, i) => fixtures[i]!.status === 'awaiting' && fixtures[i]!.calleeId === lavrov.id);
    expect(pages.flat().map((c) => c.id)).toEqual(expected.sort(byKey(-1)));
  });

  it('the last page has no cursor, and an exact fit has no empty page after it', async () => {
    const res = await viewer.request('/api/calls?limit=30');
    expect((await bodyAs(res, CallList)).nextCursor).toBeNull();
  });

  describe('GET /api/calls/awaiting', () => {
    it('is not taken for a call id, and lists only open calls, longest wait first', async () => {
      const res = await viewer.request('/api/calls/awaiting?limit=500');
      expect(res.status).toBe(200);
      const list = await bodyAs(res, AwaitingList);
      const expected = ids.filter((_, i) => fixtures[i]!.status === 'awaiting').sort(byKey(1));
      expect(list.items.map((c) => c.id)).toEqual(expected);
      expect(list.nextCursor).toBeNull();
      for (const call of list.items) {
        expect(call.status).toBe('awaiting');
        expect(call.waitingMs).toBe(NOW - Date.parse(call.placedAt));
        expect(call.caller.name).toBe('John Kerry');
        expect(call.callee.ministry.shortName).toMatch(/^(MFA|MOFA) /);
      }
      expect(list.items[0]!.waitingMs).toBe(100 * hour);
    });

    it('pages the board and filters it by the callee’s ministry', async () => {
      const all = (await walk(viewer, '/api/calls/awaiting?limit=3', (res) => bodyAs(res, AwaitingList))).flat();
      expect(all.map((c) => c.id)).toEqual(ids.filter((_, i) => fixtures[i]!.status === 'awaiting').sort(byKey(1)));
      const russia = (await walk(viewer, `/api/calls/awaiting?limit=1&ministryId=${p.ministries.ru.id}`, (res) => bodyAs(res, AwaitingList))).flat();
      expect(russia.length).toBeGreaterThan(1);
      expect(russia.every((c) => c.callee.ministry.country === 'RU')).toBe(true);
      expect(russia.map((c) => c.id)).toEqual(all.filter((c) => c.calleeId === lavrov.id).map((c) => c.id));
    });

    it('reports waitingMs by the server clock', async () => {
      t.clock.advance(hour);
      const list = await bodyAs(await viewer.request('/api/calls/awaiting?limit=1'), AwaitingList);
      expect(list.items[0]!.waitingMs).toBe(101 * hour);
      t.clock.set(NOW);
    });

    it('refuses bad queries and anonymous readers', async () => {
      await expectProblem(await viewer.request('/api/calls/awaiting?limit=501'), 400, ['limit']);
      await expectProblem(await viewer.request('/api/calls/awaiting?status=returned'), 400, ['status']);
      await expectProblem(await t.request('/api/calls/awaiting'), 401);
    });
  });
});

describe('calls: pages while others write', async () => {
  const t = await createTestApp({ now: iso(NOW) });
  const p = await seedParties(t);
  const viewer = await t.createUser('viewer');
  const base = { callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id };

  it('does not repeat or skip when a newer call arrives between pages', async () => {
    const stored = await insertCalls(t, [0, 1, 2, 3].map((h) => ({ ...base, placedAt: iso(NOW - h * hour) })));
    const first = await bodyAs(await viewer.request('/api/calls?limit=2'), CallList);
    await insertCalls(t, [{ ...base, placedAt: iso(NOW) }]);
    const second = await bodyAs(await viewer.request(`/api/calls?limit=2&cursor=${first.nextCursor}`), CallList);
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(stored);
  });
});
