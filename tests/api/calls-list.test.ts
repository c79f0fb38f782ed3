import { describe, expect, it } from 'vitest';
import { CallList } from '#shared/schemas/calls.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

describe('calls: list filters', async () => {
  const t = await createTestApp({ now: '2013-03-01T00:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida, yang, yun } = p.officials;
  const viewer = await t.createUser('viewer');
  // Named by what the tests look for; placedAt order: yun, kishida, lavrov, yang, …
  const [toLavrov, toKishida, toYang, toYun, fromLavrov, cyrillic, underscore] = await insertCalls(t, [
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-12T15:00:00Z', notes: 'Lavrov is travelling in AFRICA' },
    { callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-12T14:00:00Z', status: 'answered', respondedAt: '2013-02-12T14:00:00Z' },
    { callerId: kerry.id, calleeId: yang.id, placedAt: '2013-02-12T16:00:00Z', topic: 'Nuclear test: the Chinese position', status: 'returned', respondedAt: '2013-02-13T02:00:00Z' },
    { callerId: kerry.id, calleeId: yun.id, placedAt: '2013-02-12T13:00:00Z', status: 'answered', respondedAt: '2013-02-12T13:00:00Z' },
    { callerId: lavrov.id, calleeId: kerry.id, placedAt: '2013-02-20T10:00:00Z', topic: 'Syria', notes: '50% of the talk was Syria', status: 'returned', respondedAt: '2013-02-20T12:00:00Z' },
    { callerId: kishida.id, calleeId: yang.id, placedAt: '2013-02-14T09:00:00Z', topic: 'Встреча в Москве', status: 'withdrawn', closedAt: '2013-02-16T00:00:00Z' },
    { callerId: yun.id, calleeId: lavrov.id, placedAt: '2013-02-15T00:00:00Z', topic: 'Six-party talks', notes: 'snake_case', status: 'declined', respondedAt: '2013-02-15T06:00:00Z' },
  ]);

  const ids = async (query: string) => {
    const res = await viewer.request(`/api/calls?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await bodyAs(res, CallList)).items.map((c) => c.id);
  };

  it('lists newest first by default, oldest first with order=asc', async () => {
    const newestFirst = [fromLavrov, underscore, cyrillic, toYang, toLavrov, toKishida, toYun];
    expect(await ids('')).toEqual(newestFirst);
    expect(await ids('order=asc')).toEqual([...newestFirst].reverse());
  });

  it('filters by one status or several', async () => {
    expect(await ids('status=awaiting')).toEqual([toLavrov]);
    expect(await ids('status=answered,returned')).toEqual([fromLavrov, toYang, toKishida, toYun]);
    expect(await ids('status=withdrawn, declined')).toEqual([underscore, cyrillic]);
  });

  it("filters by the callee's ministry", async () => {
    expect(await ids(`ministryId=${p.ministries.ru.id}`)).toEqual([underscore, toLavrov]);
    expect(await ids(`ministryId=${p.ministries.us.id}`)).toEqual([fromLavrov]);
    expect(await ids('ministryId=unknown')).toEqual([]);
  });

  it('filters by an official on either side', async () => {
    expect(await ids(`officialId=${lavrov.id}`)).toEqual([fromLavrov, underscore, toLavrov]);
    expect(await ids(`officialId=${yang.id}`)).toEqual([cyrillic, toYang]);
  });

  it('filters placedAt on [from, to), with any offset', async () => {
    expect(await ids('from=2013-02-12T14:00:00Z&to=2013-02-12T16:00:00Z')).toEqual([toLavrov, toKishida]);
    expect(await ids(`from=${encodeURIComponent('2013-02-12T17:00:00+03:00')}&to=2013-02-12T15:00:00.001Z`)).toEqual([toLavrov, toKishida]);
    expect(await ids('from=2013-02-15T00:00:00Z')).toEqual([fromLavrov, underscore]);
    expect(await ids('to=2013-02-12T14:00:00Z')).toEqual([toYun]);
  });

  it('finds text in the topic or notes, ignoring case, in any script', async () => {
    expect(await ids('q=NUCLEAR')).toEqual([toYang, toLavrov, toKishida, toYun]);
    expect(await ids('q=africa')).toEqual([toLavrov]);
    expect(await ids(`q=${encodeURIComponent('встреча')}`)).toEqual([cyrillic]);
    expect(await ids(`q=${encodeURIComponent('МОСКВЕ')}`)).toEqual([cyrillic]);
  });

  it('matches % and _ literally', async () => {
    expect(await ids(`q=${encodeURIComponent('50%')}`)).toEqual([fromLavrov]);
    expect(await ids('q=_')).toEqual([underscore]);
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([fromLavrov]);
  });

  it('combines filters', async () => {
    expect(await ids(`status=answered&ministryId=${p.ministries.jp.id}`)).toEqual([toKishida]);
    expect(await ids(`officialId=${kerry.id}&q=nuclear&order=asc&from=2013-02-12T13:30:00Z`)).toEqual([toKishida, toLavrov, toYang]);
  });

  it.each([
    ['status=ignored', 'status'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['from=2013-02-30T00:00:00Z', 'from'],
    ['to=yesterday', 'to'],
    ['order=sideways', 'order'],
    ['cursor=not-a-cursor', 'cursor'],
    ['colour=red', 'colour'],
  ])('answers a bad query %s with 400 naming it', async (query, field) => {
    await expectProblem(await viewer.request(`/api/calls?${query}`), 400, [field]);
  });

  it('takes limit up to 500', async () => {
    expect(await ids('limit=500')).toHaveLength(7);
  });
});
