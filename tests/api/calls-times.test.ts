import { describe, expect, it } from 'vitest';
import { Call } from '#shared/schemas/calls.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, countRows, seedParties } from '../support/fixtures.ts';

const NOW = Date.parse('2013-02-18T12:00:00Z');
const minute = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

describe('calls: timestamps', async () => {
  const t = await createTestApp({ now: at(NOW) });
  const p = await seedParties(t);
  const analyst = await t.createUser('analyst');

  const post = (overrides: Record<string, unknown>) => analyst.request('/api/calls', { method: 'POST', json: callRequest(p, overrides) });

  it.each([
    ['an impossible date', '2013-02-30T10:00:00Z'],
    ['no UTC offset', '2013-02-12T15:00:00'],
    ['a date without a time', '2013-02-12'],
    ['hour 24', '2013-02-12T24:00:00Z'],
    ['free text', 'last Tuesday'],
  ])('rejects %s in placedAt (422) and stores nothing', async (_what, placedAt) => {
    const before = await countRows(t, 'calls');
    const problem = await expectProblem(await post({ placedAt }), 422, ['placedAt']);
    expect(JSON.stringify(problem)).toContain('offset');
    expect(await countRows(t, 'calls')).toBe(before);
  });

  it('rejects an impossible respondedAt too', async () => {
    await expectProblem(await post({ status: 'returned', respondedAt: '2013-02-29T10:00:00Z' }), 422, ['respondedAt']);
  });

  it('takes any UTC offset and answers in UTC with Z', async () => {
    const call = await bodyAs(await post({ placedAt: '2013-02-12T18:00:00+03:00', status: 'returned', respondedAt: '2013-02-15T09:30:00-05:00' }), Call);
    expect(call.placedAt).toBe('2013-02-12T15:00:00.000Z');
    expect(call.respondedAt).toBe('2013-02-15T14:30:00.000Z');
  });

  it('keeps milliseconds', async () => {
    expect((await bodyAs(await post({ placedAt: '2013-02-12T15:00:00.123Z' }), Call)).placedAt).toBe('2013-02-12T15:00:00.123Z');
  });

  it('accepts a time up to 5 minutes ahead of the server clock (skew)', async () => {
    const res = await post({ placedAt: at(NOW + 4 * minute) });
    expect(res.status).toBe(201);
    expect((await bodyAs(res, Call)).placedAt).toBe(at(NOW + 4 * minute));
    expect((await post({ placedAt: at(NOW + 5 * minute) })).status).toBe(201);
  });

  it.each([
    [{ placedAt: at(NOW + 5 * minute + 1) }, 'placedAt'],
    [{ placedAt: at(NOW + 24 * 60 * minute) }, 'placedAt'],
    [{ status: 'returned', respondedAt: at(NOW + 6 * minute) }, 'respondedAt'],
    [{ status: 'withdrawn', closedAt: at(NOW + 6 * minute) }, 'closedAt'],
  ])('rejects a time more than 5 minutes in the future: %j', async (fields, field) => {
    const before = await countRows(t, 'calls');
    await expectProblem(await post(fields), 422, [field]);
    expect(await countRows(t, 'calls')).toBe(before);
  });

  it('follows the server clock, not the wall clock', async () => {
    t.clock.advance(60 * minute);
    expect((await post({ placedAt: at(NOW + 50 * minute) })).status).toBe(201);
    t.clock.set(NOW);
  });

  it.each([
    [{ status: 'returned', respondedAt: '2013-02-12T14:59:59Z' }, 'respondedAt'],
    [{ status: 'answered', respondedAt: '2013-02-11T15:00:00Z' }, 'respondedAt'],
    [{ status: 'withdrawn', closedAt: '2013-02-12T14:00:00Z' }, 'closedAt'],
  ])('rejects a reply or close before placedAt: %j', async (fields, field) => {
    const problem = await expectProblem(await post(fields), 422, [field]);
    expect(JSON.stringify(problem)).toContain('placedAt');
  });

  it('re-checks the future rule on PATCH', async () => {
    const call = await bodyAs(await post({}), Call);
    const res = await analyst.request(`/api/calls/${call.id}`, {
      method: 'PATCH',
      json: { status: 'returned', respondedAt: at(NOW + 10 * minute) },
      headers: { 'if-match': '"1"' },
    });
    await expectProblem(res, 422, ['respondedAt']);
  });

  it('rejects a null placedAt on PATCH', async () => {
    const call = await bodyAs(await post({}), Call);
    const res = await analyst.request(`/api/calls/${call.id}`, { method: 'PATCH', json: { placedAt: null }, headers: { 'if-match': '"1"' } });
    await expectProblem(res, 422, ['placedAt']);
  });
});
