import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Ministry } from '#shared/schemas/ministries.ts';
import { Official, OfficialContactList, OfficialList } from '#shared/schemas/officials.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';

const HOUR = 3_600_000;

describe('officials', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  async function ministry(name: string, country: string, shortName = name) {
    return bodyAs(await analyst.request('/api/ministries', { method: 'POST', json: { name, shortName, country } }), Ministry);
  }

  async function create(json: { name: string; title: string; ministryId: string; timeZone: string }) {
    const res = await analyst.request('/api/officials', { method: 'POST', json });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, Official);
  }

  async function historyOf(id: string) {
    const rows = await t.db.selectFrom('history').selectAll().where('entity_type', '=', 'official').where('entity_id', '=', id).orderBy('seq').execute();
    return rows.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
  }

  /** A call stored directly, so these tests do not depend on the calls API. */
  async function insertCall(callerId: string, calleeId: string, placedAt: string, status: string, at: { respondedAt?: string; closedAt?: string } = {}) {
    const id = randomUUID();
    const placed = Date.parse(placedAt);
    await t.db
      .insertInto('calls')
      .values({
        id,
        caller_id: callerId,
        callee_id: calleeId,
        placed_at: placed,
        channel: 'phone',
        topic: 'North Korean nuclear test',
        notes: null,
        source: null,
        status,
        responded_at: at.respondedAt ? Date.parse(at.respondedAt) : null,
        closed_at: at.closedAt ? Date.parse(at.closedAt) : null,
        version: 1,
        created_at: placed,
        updated_at: placed,
        created_by: analyst.username,
      })
      .execute();
    return id;
  }

  const countOfficials = async () => Number((await t.db.selectFrom('officials').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  const state = await ministry('U.S. Department of State', 'US', 'State');
  const mfaRussia = await ministry('Ministry of Foreign Affairs of the Russian Federation', 'RU', 'MFA Russia');

  it('creates, reads, changes and deletes an official with their ministry embedded, recording each write', async () => {
    const res = await analyst.request('/api/officials', {
      method: 'POST',
      json: { name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', ministryId: mfaRussia.id, timeZone: 'Europe/Moscow' },
    });
    expect(res.status).toBe(201);
    const created = await bodyAs(res, Official);
    expect(res.headers.get('location')).toBe(`/api/officials/${created.id}`);
    expect(created).toMatchObject({
      name: 'Sergei Lavrov',
      title: 'Minister of Foreign Affairs',
      ministryId: mfaRussia.id,
      timeZone: 'Europe/Moscow',
      ministry: { id: mfaRussia.id, name: mfaRussia.name, shortName: 'MFA Russia', country: 'RU' },
    });
    expect(await bodyAs(await viewer.request(`/api/officials/${created.id}`), Official)).toEqual(created);

    t.clock.advance(HOUR);
    const moved = await analyst.request(`/api/officials/${created.id}`, { method: 'PATCH', json: { ministryId: state.id, timeZone: 'America/New_York', title: 'Envoy' } });
    expect(moved.status).toBe(200);
    const updated = await bodyAs(moved, Official);
    expect(updated).toEqual({
      ...created,
      title: 'Envoy',
      ministryId: state.id,
      timeZone: 'America/New_York',
      ministry: { id: state.id, name: state.name, shortName: 'State', country: 'US' },
      updatedAt: new Date(t.clock.now()).toISOString(),
    });

    expect((await analyst.request(`/api/officials/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await viewer.request(`/api/officials/${created.id}`), 404);

    const history = await historyOf(created.id);
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ['create', analyst.username],
      ['update', analyst.username],
      ['delete', analyst.username],
    ]);
    expect([history[0]!.before, history[0]!.after]).toEqual([null, created]);
    expect([history[1]!.before, history[1]!.after]).toEqual([created, updated]);
    expect([history[2]!.before, history[2]!.after]).toEqual([updated, null]);
  });

  it('answers a PATCH that changes nothing with the official as they are, writing nothing', async () => {
    const o = await create({ name: 'Nobody Changes', title: 'Clerk', ministryId: state.id, timeZone: 'UTC' });
    t.clock.advance(1000);
    for (const json of [{}, { name: 'Nobody Changes', timeZone: 'UTC' }]) {
      const res = await analyst.request(`/api/officials/${o.id}`, { method: 'PATCH', json });
      expect(res.status).toBe(200);
      expect(await bodyAs(res, Official)).toEqual(o);
    }
    expect((await historyOf(o.id)).map((h) => h.action)).toEqual(['create']);
  });

  it('shows a renamed ministry in the officials that embed it', async () => {
    const m = await ministry('Ministry of Foreign Affairs of Japan', 'JP', 'MOFA');
    const o = await create({ name: 'Fumio Kishida', title: 'Minister for Foreign Affairs', ministryId: m.id, timeZone: 'Asia/Tokyo' });
    await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { shortName: 'MOFA Japan' } });
    expect((await bodyAs(await viewer.request(`/api/officials/${o.id}`), Official)).ministry.shortName).toBe('MOFA Japan');
  });

  it('lists by name then id, filtered by text and ministry, in pages without gaps or overlaps', async () => {
    const m = await ministry('Paging Ministry', 'FR');
    const names = ['Page Official G', 'Page Official A', 'Page Official E', 'Page Official C', 'Page Official B', 'Page Official F', 'Page Official D'];
    for (const name of names) await create({ name, title: 'Diplomat', ministryId: m.id, timeZone: 'Europe/Paris' });
    await create({ name: 'Outsider', title: 'Page-turner', ministryId: state.id, timeZone: 'UTC' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/officials?ministryId=${m.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const body = await bodyAs(await viewer.request(query), OfficialList);
      expect(body.items.length).toBe(pages < 2 ? 3 : 1);
      for (const item of body.items) expect(item.ministry.id).toBe(m.id);
      seen.push(...body.items.map((o) => o.name));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort());

    // q looks at the name and the title, whatever the case.
    const byText = await bodyAs(await viewer.request('/api/officials?q=PAGE&limit=500'), OfficialList);
    expect(byText.items.map((o) => o.name)).toEqual([...names.sort(), 'Outsider'].sort());
    expect(byText.nextCursor).toBeNull();
    const byTitle = await bodyAs(await viewer.request('/api/officials?q=turner'), OfficialList);
    expect(byTitle.items.map((o) => o.name)).toEqual(['Outsider']);
    const none = await bodyAs(await viewer.request(`/api/officials?ministryId=${m.id}&q=outsider`), OfficialList);
    expect(none).toEqual({ items: [], nextCursor: null });
  });

  it('refuses bad list parameters with 400 naming them', async () => {
    await expectProblem(await viewer.request('/api/officials?cursor=bm9wZQ'), 400, ['cursor']);
    await expectProblem(await viewer.request('/api/officials?limit=abc'), 400, ['limit']);
    await expectProblem(await viewer.request('/api/officials?limit=1000'), 400, ['limit']);
    await expectProblem(await viewer.request('/api/officials?ministry=x'), 400, ['ministry']);
  });

  it('refuses bad bodies naming the field, and stores nothing', async () => {
    const before = await countOfficials();
    const good = { name: 'Yun Byung-se', title: 'Minister of Foreign Affairs', ministryId: state.id, timeZone: 'Asia/Seoul' };
    const post = (json: unknown) => analyst.request('/api/officials', { method: 'POST', json });
    await expectProblem(await post({ ...good, timeZone: 'Mars/Base' }), 422, ['timeZone']);
    await expectProblem(await post({ ...good, timeZone: '' }), 422, ['timeZone']);
    await expectProblem(await post({ ...good, name: '' }), 422, ['name']);
    await expectProblem(await post({ ...good, title: '   ' }), 422, ['title']);
    await expectProblem(await post({ ...good, createdAt: '2013-02-18T12:00:00Z' }), 422, ['createdAt']);
    await expectProblem(await post({ ...good, ministry: { id: state.id } }), 422, ['ministry']);
    await expectProblem(await post({ ...good, ministryId: 'no-such-ministry' }), 422, ['ministryId']);
    await expectProblem(await post({ ...good, ministryId: 42 }), 422, ['ministryId']);
    await expectProblem(
      await analyst.request('/api/officials', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } }),
      400,
    );
    expect(await countOfficials()).toBe(before);

    const o = await create(good);
    const patch = (json: unknown) => analyst.request(`/api/officials/${o.id}`, { method: 'PATCH', json });
    await expectProblem(await patch({ timeZone: 'Mars/Base' }), 422, ['timeZone']);
    await expectProblem(await patch({ ministryId: 'no-such-ministry' }), 422, ['ministryId']);
    await expectProblem(await patch({ id: 'another-id' }), 422, ['id']);
    expect(await bodyAs(await viewer.request(`/api/officials/${o.id}`), Official)).toEqual(o);
    expect((await historyOf(o.id)).map((h) => h.action)).toEqual(['create']);
  });

  it('lets viewers read and only analysts write; anonymous requests get 401', async () => {
    const o = await create({ name: 'Read Only', title: 'Spokesperson', ministryId: state.id, timeZone: 'America/New_York' });
    await expectProblem(await viewer.request('/api/officials', { method: 'POST', json: { name: 'X', title: 'Y', ministryId: state.id, timeZone: 'UTC' } }), 403);
    await expectProblem(await viewer.request(`/api/officials/${o.id}`, { method: 'PATCH', json: { title: 'Z' } }), 403);
    await expectProblem(await viewer.request(`/api/officials/${o.id}`, { method: 'DELETE' }), 403);
    await expectProblem(await t.request('/api/officials'), 401);
    await expectProblem(await t.request(`/api/officials/${o.id}`), 401);
    await expectProblem(await t.request(`/api/officials/${o.id}/contacts`), 401);
    expect(await bodyAs(await viewer.request(`/api/officials/${o.id}`), Official)).toEqual(o);
  });

  it('refuses a second official of the same name in one ministry with 409 naming name', async () => {
    const other = await ministry('Ministry of Foreign Affairs of the PRC', 'CN', 'MFA China');
    await create({ name: 'Yang Jiechi', title: 'Minister of Foreign Affairs', ministryId: other.id, timeZone: 'Asia/Shanghai' });
    await expectProblem(
      await analyst.request('/api/officials', { method: 'POST', json: { name: 'Yang Jiechi', title: 'Other', ministryId: other.id, timeZone: 'Asia/Shanghai' } }),
      409,
      ['name'],
    );
    // The same name in another ministry is another person.
    const namesake = await create({ name: 'Yang Jiechi', title: 'Namesake', ministryId: state.id, timeZone: 'UTC' });
    await expectProblem(await analyst.request(`/api/officials/${namesake.id}`, { method: 'PATCH', json: { ministryId: other.id } }), 409, ['name']);
  });

  it('refuses to delete an official who is caller or callee of a call', async () => {
    const kerry = await create({ name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' });
    const callee = await create({ name: 'Callee Official', title: 'Minister', ministryId: mfaRussia.id, timeZone: 'Europe/Moscow' });
    const caller = await create({ name: 'Caller Official', title: 'Deputy', ministryId: state.id, timeZone: 'America/New_York' });
    await insertCall(kerry.id, callee.id, '2013-02-12T15:00:00Z', 'awaiting');
    await insertCall(caller.id, kerry.id, '2013-02-12T16:00:00Z', 'answered', { respondedAt: '2013-02-12T16:00:00Z' });

    for (const o of [kerry, callee, caller]) {
      const problem = await expectProblem(await analyst.request(`/api/officials/${o.id}`, { method: 'DELETE' }), 409);
      expect(JSON.stringify(problem)).toMatch(/caller or callee of \d logged call/);
      expect((await viewer.request(`/api/officials/${o.id}`)).status).toBe(200);
      expect((await historyOf(o.id)).map((h) => h.action)).toEqual(['create']);
    }
  });

  it('answers 404 for an unknown id', async () => {
    await expectProblem(await viewer.request('/api/officials/no-such-id'), 404);
    await expectProblem(await viewer.request('/api/officials/no-such-id/contacts'), 404);
    await expectProblem(await analyst.request('/api/officials/no-such-id', { method: 'PATCH', json: { title: 'X' } }), 404);
    await expectProblem(await analyst.request('/api/officials/no-such-id', { method: 'DELETE' }), 404);
  });

  it("sums an official's contact history per counterpart, both directions, latest attempt first", async () => {
    const m = await ministry('Contacts Ministry', 'GB');
    const [a, b, c, d, e] = await Promise.all(
      ['Contact A', 'Contact B', 'Contact C', 'Contact D', 'Contact E'].map((name) => create({ name, title: 'Minister', ministryId: m.id, timeZone: 'Europe/London' })),
    ) as [Official, Official, Official, Official, Official];

    // A and B: two calls from A (one answered, one still awaiting), one from B returned two hours later.
    await insertCall(a.id, b.id, '2013-02-12T10:00:00Z', 'answered', { respondedAt: '2013-02-12T10:00:00Z' });
    await insertCall(a.id, b.id, '2013-02-14T09:00:00Z', 'awaiting');
    await insertCall(b.id, a.id, '2013-02-13T08:00:00Z', 'returned', { respondedAt: '2013-02-13T10:00:00Z' });
    // A and C: A's call declined a day later (after C's withdrawn call was placed), C's call withdrawn.
    await insertCall(a.id, c.id, '2013-02-10T12:00:00Z', 'declined', { respondedAt: '2013-02-11T12:00:00Z' });
    await insertCall(c.id, a.id, '2013-02-11T06:00:00Z', 'withdrawn', { closedAt: '2013-02-11T07:00:00Z' });
    // A and D: one call, never replied.
    await insertCall(a.id, d.id, '2013-02-09T12:00:00Z', 'awaiting');
    // D and E: nothing to do with A.
    await insertCall(d.id, e.id, '2013-02-15T12:00:00Z', 'returned', { respondedAt: '2013-02-16T12:00:00Z' });

    const res = await viewer.request(`/api/officials/${a.id}/contacts`);
    expect(res.status).toBe(200);
    const body = await bodyAs(res, OfficialContactList);
    expect(body.nextCursor).toBeNull();
    expect(body.items).toEqual([
      {
        counterpart: { id: b.id, name: 'Contact B', title: 'Minister', timeZone: 'Europe/London', ministry: { id: m.id, name: m.name, shortName: m.shortName, country: 'GB' } },
        attempts: 3,
        outgoing: 2,
        incoming: 1,
        replies: 2,
        awaiting: 1,
        lastContactAt: '2013-02-13T10:00:00.000Z',
        lastAttemptAt: '2013-02-14T09:00:00.000Z',
      },
      expect.objectContaining({ counterpart: expect.objectContaining({ id: c.id }), attempts: 2, outgoing: 1, incoming: 1, replies: 1, awaiting: 0, lastContactAt: '2013-02-11T12:00:00.000Z', lastAttemptAt: '2013-02-11T06:00:00.000Z' }),
      expect.objectContaining({ counterpart: expect.objectContaining({ id: d.id }), attempts: 1, outgoing: 1, incoming: 0, replies: 0, awaiting: 1, lastContactAt: null, lastAttemptAt: '2013-02-09T12:00:00.000Z' }),
    ]);

    // From B's side there is only A, with the directions swapped.
    const fromB = await bodyAs(await viewer.request(`/api/officials/${b.id}/contacts`), OfficialContactList);
    expect(fromB.items).toEqual([expect.objectContaining({ counterpart: expect.objectContaining({ id: a.id }), attempts: 3, outgoing: 1, incoming: 2, replies: 2, awaiting: 1 })]);

    // Pages of one, in the same order, ending with a null cursor.
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/officials/${a.id}/contacts?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await bodyAs(await viewer.request(query), OfficialContactList);
      expect(page.items).toHaveLength(1);
      ids.push(page.items[0]!.counterpart.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual([b.id, c.id, d.id]);

    const lonely = await create({ name: 'Nobody Calls', title: 'Minister', ministryId: m.id, timeZone: 'UTC' });
    expect(await bodyAs(await viewer.request(`/api/officials/${lonely.id}/contacts`), OfficialContactList)).toEqual({ items: [], nextCursor: null });
    await expectProblem(await viewer.request(`/api/officials/${a.id}/contacts?cursor=bad`), 400, ['cursor']);
  });

  it('documents every official route with its schemas and problem answers', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { tags: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    expect(Object.keys(doc.paths['/officials']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/officials/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    const contacts = doc.paths['/officials/{id}/contacts']!.get!;
    expect(contacts.tags).toEqual(['officials']);
    expect(contacts.responses['404']!.content).toHaveProperty(['application/problem+json']);
    expect(JSON.stringify(doc)).toContain('OfficialContact');
  });
});
