import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_COLUMNS } from '#server/features/ministries/repository.ts';
import { isForeignKeyViolation, isUniqueViolation } from '#server/lib/db-errors.ts';
import { Ministry, MinistryList } from '#shared/schemas/ministries.ts';
import { Official } from '#shared/schemas/officials.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';

describe('ministries', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  async function create(json: { name: string; shortName: string; country: string }) {
    const res = await analyst.request('/api/ministries', { method: 'POST', json });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, Ministry);
  }

  async function historyOf(id: string) {
    const rows = await t.db.selectFrom('history').selectAll().where('entity_type', '=', 'ministry').where('entity_id', '=', id).orderBy('seq').execute();
    return rows.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
  }

  const countMinistries = async () => Number((await t.db.selectFrom('ministries').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  it('creates, reads, changes and deletes a ministry, recording each write in the history', async () => {
    const res = await analyst.request('/api/ministries', {
      method: 'POST',
      json: { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' },
    });
    expect(res.status).toBe(201);
    const created = await bodyAs(res, Ministry);
    expect(res.headers.get('location')).toBe(`/api/ministries/${created.id}`);
    expect(created).toMatchObject({ name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' });
    expect(created.createdAt).toBe('2013-02-18T12:00:00.000Z');

    const read = await bodyAs(await viewer.request(`/api/ministries/${created.id}`), Ministry);
    expect(read).toEqual(created);

    t.clock.advance(60_000);
    const patched = await analyst.request(`/api/ministries/${created.id}`, { method: 'PATCH', json: { shortName: 'MID Russia' } });
    expect(patched.status).toBe(200);
    const updated = await bodyAs(patched, Ministry);
    expect(updated).toEqual({ ...created, shortName: 'MID Russia', updatedAt: '2013-02-18T12:01:00.000Z' });
    expect(await bodyAs(await viewer.request(`/api/ministries/${created.id}`), Ministry)).toEqual(updated);

    const deleted = await analyst.request(`/api/ministries/${created.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    await expectProblem(await viewer.request(`/api/ministries/${created.id}`), 404);

    const history = await historyOf(created.id);
    expect(history.map((h) => [h.action, h.actor])).toEqual([
      ['create', analyst.username],
      ['update', analyst.username],
      ['delete', analyst.username],
    ]);
    expect(history[0]!.before).toBeNull();
    expect(history[0]!.after).toEqual(created);
    expect(history[1]!.before).toEqual(created);
    expect(history[1]!.after).toEqual(updated);
    expect(history[2]!.before).toEqual(updated);
    expect(history[2]!.after).toBeNull();
    expect(Number(history[1]!.at)).toBe(Date.parse('2013-02-18T12:01:00Z'));
  });

  it('answers a PATCH that changes nothing with the ministry as it is, writing nothing', async () => {
    const m = await create({ name: 'Ministry of Foreign Affairs of Japan', shortName: 'MOFA Japan', country: 'JP' });
    t.clock.advance(1000);
    for (const json of [{}, { country: 'JP' }]) {
      const res = await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json });
      expect(res.status).toBe(200);
      expect(await bodyAs(res, Ministry)).toEqual(m);
    }
    expect((await historyOf(m.id)).map((h) => h.action)).toEqual(['create']);
  });

  it('lists by name then id, filtered, in pages without gaps or overlaps', async () => {
    const names = ['Paging G', 'Paging A', 'Paging E', 'Paging C', 'Paging B', 'Paging F', 'Paging D'];
    for (const name of names) await create({ name, shortName: name.slice(-1), country: 'FR' });
    await create({ name: 'Paging A', shortName: 'A (de)', country: 'DE' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/ministries?q=paging&country=FR&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const body = await bodyAs(await viewer.request(query), MinistryList);
      expect(body.items.length).toBe(pages < 2 ? 3 : 1);
      seen.push(...body.items.map((m) => m.name));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort());

    const all = await bodyAs(await viewer.request('/api/ministries?q=PAGING%20a'), MinistryList);
    expect(all.items.map((m) => [m.name, m.country])).toHaveLength(2);
    expect(all.nextCursor).toBeNull();
    // Same name: id breaks the tie.
    expect(all.items.map((m) => m.id)).toEqual(all.items.map((m) => m.id).sort());

    const byShortName = await bodyAs(await viewer.request('/api/ministries?q=(de)'), MinistryList);
    expect(byShortName.items.map((m) => m.country)).toEqual(['DE']);
    // The text is matched literally, not as a LIKE pattern.
    expect((await bodyAs(await viewer.request('/api/ministries?q=%25'), MinistryList)).items).toEqual([]);
    expect((await bodyAs(await viewer.request('/api/ministries?q=Paging_'), MinistryList)).items).toEqual([]);
    for (const q of ['%5C', "'", '%22%3B%20drop%20table%20ministries']) {
      expect((await bodyAs(await viewer.request(`/api/ministries?q=${q}`), MinistryList)).items).toEqual([]);
    }
  });

  it('refuses bad list parameters with 400 naming them', async () => {
    await expectProblem(await viewer.request('/api/ministries?cursor=not-a-cursor'), 400, ['cursor']);
    await expectProblem(await viewer.request(`/api/ministries?cursor=${Buffer.from('[1,2]').toString('base64url')}`), 400, ['cursor']);
    await expectProblem(await viewer.request('/api/ministries?limit=0'), 400, ['limit']);
    await expectProblem(await viewer.request('/api/ministries?limit=501'), 400, ['limit']);
    await expectProblem(await viewer.request('/api/ministries?country=ru'), 400, ['country']);
    await expectProblem(await viewer.request('/api/ministries?sort=name'), 400, ['sort']);
    expect((await viewer.request('/api/ministries?limit=500')).status).toBe(200);
  });

  it('refuses bad bodies naming the field, and stores nothing', async () => {
    const before = await countMinistries();
    const good = { name: 'Foreign Office', shortName: 'FCO', country: 'GB' };
    const post = (json: unknown) => analyst.request('/api/ministries', { method: 'POST', json });
    await expectProblem(await post({ ...good, country: 'XX' }), 422, ['country']);
    await expectProblem(await post({ ...good, country: 'ru' }), 422, ['country']);
    await expectProblem(await post({ ...good, name: '   ' }), 422, ['name']);
    await expectProblem(await post({ ...good, shortName: '' }), 422, ['shortName']);
    await expectProblem(await post({ ...good, name: 'x'.repeat(201) }), 422, ['name']);
    await expectProblem(await post({ ...good, createdAt: '2013-02-18T12:00:00Z' }), 422, ['createdAt']);
    await expectProblem(await post({ ...good, id: 'mine' }), 422, ['id']);
    await expectProblem(await post({ name: 'Foreign Office' }), 422, ['shortName', 'country']);
    await expectProblem(await post([good]), 422);
    await expectProblem(
      await analyst.request('/api/ministries', { method: 'POST', body: '{"name": "Foreign', headers: { 'content-type': 'application/json' } }),
      400,
    );
    await expectProblem(await analyst.request('/api/ministries', { method: 'POST', body: 'name=x', headers: { 'content-type': 'text/plain' } }), 400);
    expect(await countMinistries()).toBe(before);

    const m = await create(good);
    await expectProblem(await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { country: 'XX' } }), 422, ['country']);
    await expectProblem(await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { updatedAt: '2013-02-18T12:00:00Z' } }), 422, ['updatedAt']);
    await expectProblem(await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { name: null } }), 422, ['name']);
    expect(await bodyAs(await viewer.request(`/api/ministries/${m.id}`), Ministry)).toEqual(m);
  });

  it('lets viewers read and only analysts write; anonymous requests get 401', async () => {
    const m = await create({ name: 'Ministry of Foreign Affairs of the PRC', shortName: 'MFA China', country: 'CN' });
    const json = { name: 'Viewer Ministry', shortName: 'VM', country: 'CN' };
    await expectProblem(await viewer.request('/api/ministries', { method: 'POST', json }), 403);
    await expectProblem(await viewer.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { shortName: 'X' } }), 403);
    await expectProblem(await viewer.request(`/api/ministries/${m.id}`, { method: 'DELETE' }), 403);
    await expectProblem(await t.request('/api/ministries'), 401);
    await expectProblem(await t.request(`/api/ministries/${m.id}`), 401);
    await expectProblem(await t.request('/api/ministries', { method: 'POST', json }), 401);
    expect((await viewer.request('/api/ministries')).status).toBe(200);
    expect(await bodyAs(await viewer.request(`/api/ministries/${m.id}`), Ministry)).toEqual(m);
    expect((await bodyAs(await viewer.request('/api/ministries?q=Viewer'), MinistryList)).items).toEqual([]);
  });

  it('refuses a second ministry of the same name in the same country with 409 naming name', async () => {
    const first = await create({ name: 'Ministry of Foreign Affairs', shortName: 'MFA Korea', country: 'KR' });
    await expectProblem(await analyst.request('/api/ministries', { method: 'POST', json: { name: 'Ministry of Foreign Affairs', shortName: 'Other', country: 'KR' } }), 409, ['name']);
    const elsewhere = await create({ name: 'Ministry of Foreign Affairs', shortName: 'MFA Norway', country: 'NO' });
    await expectProblem(await analyst.request(`/api/ministries/${elsewhere.id}`, { method: 'PATCH', json: { country: 'KR' } }), 409, ['name']);
    const renamed = await analyst.request(`/api/ministries/${first.id}`, { method: 'PATCH', json: { name: 'Ministry of Foreign Affairs', shortName: 'MOFA' } });
    expect(renamed.status).toBe(200);
  });

  it('refuses to delete a ministry that still has officials', async () => {
    const m = await create({ name: 'Ministry of Foreign Affairs of the DPRK', shortName: 'MFA DPRK', country: 'KP' });
    const res = await analyst.request('/api/officials', { method: 'POST', json: { name: 'Pak Ui-chun', title: 'Foreign Minister', ministryId: m.id, timeZone: 'Asia/Pyongyang' } });
    const official = await bodyAs(res, Official);
    const refused = await expectProblem(await analyst.request(`/api/ministries/${m.id}`, { method: 'DELETE' }), 409);
    expect(JSON.stringify(refused)).toMatch(/still has 1 official/);
    expect((await viewer.request(`/api/ministries/${m.id}`)).status).toBe(200);
    expect((await historyOf(m.id)).map((h) => h.action)).toEqual(['create']);

    expect((await analyst.request(`/api/officials/${official.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await analyst.request(`/api/ministries/${m.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('answers 404 for an unknown id', async () => {
    await expectProblem(await viewer.request('/api/ministries/no-such-id'), 404);
    await expectProblem(await analyst.request('/api/ministries/no-such-id', { method: 'PATCH', json: { shortName: 'X' } }), 404);
    await expectProblem(await analyst.request('/api/ministries/no-such-id', { method: 'PATCH', json: {} }), 404);
    await expectProblem(await analyst.request('/api/ministries/no-such-id', { method: 'DELETE' }), 404);
  });

  it("recognises this dialect's unique and foreign-key violations (the backstop for races)", async () => {
    const m = await create({ name: 'Backstop Ministry', shortName: 'BM', country: 'SE' });
    await t.db.insertInto('officials').values({ id: 'backstop-official', name: 'B', title: 'T', ministry_id: m.id, time_zone: 'UTC', created_at: 0, updated_at: 0 }).execute();
    const fk = await t.db.deleteFrom('ministries').where('id', '=', m.id).execute().catch((e: unknown) => e);
    expect(isForeignKeyViolation(fk)).toBe(true);
    expect(isUniqueViolation(fk)).toBe(false);
    const unique = await t.db.insertInto('ministries').values({ id: 'twin', name: 'Backstop Ministry', short_name: 'BM', country: 'SE', ...DEFAULT_CALENDAR_COLUMNS, created_at: 0, updated_at: 0 }).execute().catch((e: unknown) => e);
    expect(isUniqueViolation(unique)).toBe(true);
    expect(isForeignKeyViolation(unique)).toBe(false);
  });

  it('documents every ministry route with its schemas and problem answers', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { tags: string[]; responses: Record<string, { content?: Record<string, unknown> }> }>> };
    expect(Object.keys(doc.paths['/ministries']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/ministries/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    const post = doc.paths['/ministries']!.post!;
    expect(post.tags).toEqual(['ministries']);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '422']));
    expect(post.responses['409']!.content).toHaveProperty(['application/problem+json']);
  });
});
