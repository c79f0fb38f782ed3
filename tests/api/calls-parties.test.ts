import { describe, expect, it } from 'vitest';
import { selectCalls, fromJoined, withParties } from '#server/features/calls/call-records.ts';
import { createTestApp } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

// The lists read the calls' rows and then their parties (withParties), instead of joining four tables per row.
describe('calls with their parties read apart', async () => {
  const t = await createTestApp({ now: '2013-03-01T00:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida } = p.officials;
  await insertCalls(t, [
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-12T15:00:00Z', topic: 'Nuclear test' },
    { callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-12T14:00:00Z', status: 'returned', respondedAt: '2013-02-12T18:00:00Z', topic: 'Sanctions' },
    { callerId: lavrov.id, calleeId: kishida.id, placedAt: '2013-02-11T09:00:00Z', topic: 'Six-party talks' },
  ]);
  const rows = await t.db.selectFrom('calls').selectAll().orderBy('placed_at').execute();

  it('answers each call exactly as the joined query does, each official one object', async () => {
    const joined = (await selectCalls(t.db).orderBy('calls.placed_at').execute()).map(fromJoined);
    const apart = await withParties(t.db, rows);
    expect(apart).toEqual(joined);
    expect(JSON.stringify(apart)).toBe(JSON.stringify(joined));
    expect(apart[0]!.callee).toBe(apart[1]!.callee);
  });

  it('adds what the caller asks for after the call fields, and leaves out a call whose official is gone', async () => {
    const gone = { ...rows[0]!, id: 'ffffffff-0000-4000-8000-000000000000', callee_id: 'ffffffff-0000-4000-8000-000000000001' };
    const calls = await withParties(t.db, [gone, ...rows], (row) => ({ placedMs: row.placed_at }));
    expect(calls.map((c) => c.id)).toEqual(rows.map((r) => r.id));
    expect(Object.keys(calls[0]!).at(-1)).toBe('placedMs');
    expect(calls[0]!.placedMs).toBe(Date.parse('2013-02-11T09:00:00Z'));
  });
});
