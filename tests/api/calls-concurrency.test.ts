import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { Call, CallList } from '#shared/schemas/calls.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, countRows, seedParties } from '../support/fixtures.ts';

describe('calls: If-Match, Idempotency-Key and transactions', async () => {
  const t = await createTestApp({ now: '2013-02-18T12:00:00Z' });
  const p = await seedParties(t);
  const analyst = await t.createUser('analyst');
  const other = await t.createUser('analyst');

  const create = async (overrides: Record<string, unknown> = {}) => bodyAs(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, overrides) }), Call);
  const patch = (id: string, json: unknown, ifMatch?: string) =>
    analyst.request(`/api/calls/${id}`, { method: 'PATCH', json, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
  const remove = (id: string, ifMatch?: string) =>
    analyst.request(`/api/calls/${id}`, { method: 'DELETE', headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

  describe('If-Match', () => {
    it('is required to change or delete a call (428), and * does not count', async () => {
      const call = await create();
      await expectProblem(await patch(call.id, { topic: 'x' }), 428, ['If-Match']);
      await expectProblem(await patch(call.id, { topic: 'x' }, '*'), 428, ['If-Match']);
      await expectProblem(await remove(call.id), 428, ['If-Match']);
      expect(await bodyAs(await analyst.request(`/api/calls/${call.id}`), Call)).toEqual(call);
    });

    it('refuses a stale version (412) with the current ETag, and the ETag changes with every write', async () => {
      const call = await create();
      const first = await patch(call.id, { topic: 'Nuclear test, first update' }, '"1"');
      expect(first.status).toBe(200);
      expect(first.headers.get('etag')).toBe('"2"');
      const stale = await patch(call.id, { topic: 'Overwrite unseen' }, '"1"');
      await expectProblem(stale, 412, ['If-Match']);
      expect(stale.headers.get('etag')).toBe('"2"');
      await expectProblem(await remove(call.id, '"1"'), 412, ['If-Match']);

      const read = await analyst.request(`/api/calls/${call.id}`);
      expect(read.headers.get('etag')).toBe('"2"');
      expect((await bodyAs(read, Call)).topic).toBe('Nuclear test, first update');
      const second = await patch(call.id, { status: 'returned' }, read.headers.get('etag')!);
      expect(second.headers.get('etag')).toBe('"3"');
      expect((await remove(call.id, '"3"')).status).toBe(204);
    });

    it('tolerates a weak W/ prefix and a list of tags', async () => {
      const call = await create();
      expect((await patch(call.id, { channel: 'video' }, 'W/"1"')).status).toBe(200);
      expect((await patch(call.id, { channel: 'message' }, '"7", "2"')).status).toBe(200);
    });

    it.each(['1', '"one"', 'W/1', '"1'])('answers a malformed If-Match %s with 400', async (header) => {
      const call = await create();
      await expectProblem(await patch(call.id, { topic: 'x' }, header), 400, ['If-Match']);
    });

    it('a patch that changes nothing keeps the version and writes no history', async () => {
      const call = await create({ notes: 'same' });
      const history = await countRows(t, 'history');
      for (const body of [{}, { notes: 'same', topic: call.topic, status: 'awaiting', placedAt: '2013-02-12T18:00:00+03:00' }]) {
        const res = await patch(call.id, body, '"1"');
        expect(res.status).toBe(200);
        expect(res.headers.get('etag')).toBe('"1"');
        expect(await bodyAs(res, Call)).toEqual(call);
      }
      expect(await countRows(t, 'history')).toBe(history);
    });

    it('answers 404 before looking at the version of a call that does not exist', async () => {
      await expectProblem(await patch('no-such-call', { topic: 'x' }, '"1"'), 404);
    });
  });

  describe('Idempotency-Key', () => {
    const post = (user: typeof analyst, key: string, overrides: Record<string, unknown> = {}) =>
      user.request('/api/calls', { method: 'POST', json: callRequest(p, overrides), headers: { 'idempotency-key': key } });

    it('answers a retry with the first result and stores nothing new', async () => {
      const calls = await countRows(t, 'calls');
      const history = await countRows(t, 'history');
      const first = await post(analyst, 'retry-1', { notes: 'n' });
      expect(first.status).toBe(201);
      const stored = await bodyAs(first, Call);
      t.clock.advance(60_000);
      // The same body, keys in another order: still the same request.
      const retry = await analyst.request('/api/calls', {
        method: 'POST',
        body: JSON.stringify(Object.fromEntries(Object.entries(callRequest(p, { notes: 'n' })).reverse())),
        headers: { 'content-type': 'application/json', 'idempotency-key': 'retry-1' },
      });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('location')).toBe(`/api/calls/${stored.id}`);
      expect(retry.headers.get('etag')).toBe('"1"');
      // The same call; its working time is derived afresh (a minute more: Lavrov is at work, Monday 16:00 in Moscow).
      const replayed = await bodyAs(retry, Call);
      expect({ ...replayed, workingMs: stored.workingMs }).toEqual(stored);
      expect(replayed.workingMs).toBe(stored.workingMs + 60_000);
      expect(await countRows(t, 'calls')).toBe(calls + 1);
      expect(await countRows(t, 'history')).toBe(history + 1);
      t.clock.set('2013-02-18T12:00:00Z');
    });

    it('refuses the same key with a different body (422 naming the header)', async () => {
      await post(analyst, 'retry-2');
      const calls = await countRows(t, 'calls');
      await expectProblem(await post(analyst, 'retry-2', { topic: 'Something else' }), 422, ['Idempotency-Key']);
      expect(await countRows(t, 'calls')).toBe(calls);
    });

    it('scopes keys to the user', async () => {
      const mine = await bodyAs(await post(analyst, 'shared-key'), Call);
      const theirs = await bodyAs(await post(other, 'shared-key'), Call);
      expect(theirs.id).not.toBe(mine.id);
      expect(theirs.createdBy).toBe(other.username);
    });

    it('remembers nothing for a refused request', async () => {
      await expectProblem(await post(analyst, 'fix-and-retry', { calleeId: 'nobody' }), 422, ['calleeId']);
      expect((await post(analyst, 'fix-and-retry')).status).toBe(201);
    });

    it.each([['', 'empty'], ['k'.repeat(201), 'too long']])('answers a key that is %#: %s with 400', async (key) => {
      const calls = await countRows(t, 'calls');
      await expectProblem(await post(analyst, key), 400, ['Idempotency-Key']);
      expect(await countRows(t, 'calls')).toBe(calls);
    });

    it('takes a key of 200 characters', async () => {
      expect((await post(analyst, 'k'.repeat(200))).status).toBe(201);
    });

    it('lets only one of two concurrent twins store the call', async () => {
      const calls = await countRows(t, 'calls');
      const answers = await Promise.all([1, 2, 3, 4].map(() => post(analyst, 'race')));
      const bodies = await Promise.all(answers.map((res) => bodyAs(res, Call)));
      expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
      expect(await countRows(t, 'calls')).toBe(calls + 1);
    });
  });

  describe('one transaction per write', () => {
    /** Makes every history insert fail, as a crash between the two statements would. */
    async function withHistoryBroken(action: () => Promise<void>) {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      await sql`alter table history rename to history_away`.execute(t.db);
      try {
        await action();
      } finally {
        await sql`alter table history_away rename to history`.execute(t.db);
      }
    }

    it('a create whose history entry fails stores no call and no idempotency key', async () => {
      const calls = await countRows(t, 'calls');
      const history = await countRows(t, 'history');
      const keys = await countRows(t, 'idempotency_keys');
      await withHistoryBroken(async () => {
        const res = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p), headers: { 'idempotency-key': 'atomic' } });
        await expectProblem(res, 500);
      });
      expect(await countRows(t, 'calls')).toBe(calls);
      expect(await countRows(t, 'history')).toBe(history);
      expect(await countRows(t, 'idempotency_keys')).toBe(keys);
    });

    it('an update or delete whose history entry fails leaves the call as it was', async () => {
      const call = await create();
      const history = await countRows(t, 'history');
      await withHistoryBroken(async () => {
        await expectProblem(await patch(call.id, { status: 'returned' }, '"1"'), 500);
        await expectProblem(await remove(call.id, '"1"'), 500);
      });
      expect(await bodyAs(await analyst.request(`/api/calls/${call.id}`), Call)).toEqual(call);
      expect(await countRows(t, 'history')).toBe(history);
      const list = await bodyAs(await analyst.request('/api/calls?status=returned&limit=500'), CallList);
      expect(list.items.map((c) => c.id)).not.toContain(call.id);
    });
  });
});
