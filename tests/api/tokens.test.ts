import { describe, expect, it } from 'vitest';
import { hashSecret } from '#server/lib/secrets.ts';
import { ApiTokenCreated, ApiTokenList, User } from '#shared/schemas/users.ts';
import { PASSWORD, bearer } from '../support/accounts.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';

describe('personal API tokens', async () => {
  const t = await createTestApp();
  const viewer = await t.createUser('viewer');
  const admin = await t.createUser('admin');

  async function newToken(user: typeof viewer, name = 'script') {
    const res = await user.request('/api/tokens', { method: 'POST', json: { name } });
    expect(res.status).toBe(201);
    return bodyAs(res, ApiTokenCreated);
  }

  it('needs a login', async () => {
    await expectProblem(await t.request('/api/tokens', { method: 'POST', json: { name: 'x' } }), 401);
    await expectProblem(await t.request('/api/tokens'), 401);
  });

  it('shows the secret once and stores only its hash', async () => {
    const created = await newToken(viewer, 'nightly export');
    expect(created.name).toBe('nightly export');
    expect(created.token).toMatch(/^rdt_[A-Za-z0-9_-]{43}$/);
    expect(created.createdAt).toBe('2013-02-18T12:00:00.000Z');
    const row = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it('acts as its owner, with the owner’s role', async () => {
    const mine = await newToken(viewer);
    const me = await bodyAs(await bearer(t, mine.token, '/api/auth/me'), User);
    expect(me).toMatchObject({ id: viewer.id, role: 'viewer' });
    await expectProblem(await bearer(t, mine.token, '/api/users', { method: 'POST', json: { username: 'x-by-token', password: PASSWORD, displayName: 'X', role: 'viewer' } }), 403);

    const admins = await newToken(admin);
    const res = await bearer(t, admins.token, '/api/users', { method: 'POST', json: { username: 'made-by-token', password: PASSWORD, displayName: 'Made', role: 'viewer' } });
    expect(res.status).toBe(201);
  });

  it('needs no Origin check: a bearer request is not sent by browsers on their own', async () => {
    const mine = await newToken(viewer);
    const other = await newToken(viewer);
    const res = await bearer(t, mine.token, `/api/tokens/${other.id}`, { method: 'DELETE', headers: { origin: 'https://elsewhere.example' } });
    expect(res.status).toBe(204);
  });

  it('lists the owner’s tokens, newest first, without secrets', async () => {
    const user = await t.createUser('analyst');
    const first = await newToken(user, 'first');
    t.clock.advance(1000);
    const second = await newToken(user, 'second');
    t.clock.advance(1000);
    const third = await newToken(user, 'third');
    await bearer(t, first.token, '/api/auth/me');

    const page1 = await bodyAs(await user.request('/api/tokens?limit=2'), ApiTokenList);
    expect(page1.items.map((i) => i.id)).toEqual([third.id, second.id]);
    const page2 = await bodyAs(await user.request(`/api/tokens?limit=2&cursor=${encodeURIComponent(page1.nextCursor!)}`), ApiTokenList);
    expect(page2.items.map((i) => i.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();
    expect(page2.items[0]!.lastUsedAt).toBe(new Date(t.clock.now()).toISOString());
    expect(page1.items[0]!.lastUsedAt).toBeNull();

    const raw = JSON.stringify([page1, page2]);
    for (const token of [first, second, third]) {
      expect(raw).not.toContain(token.token);
      expect(raw).not.toContain(hashSecret(token.token));
    }
    expect(Object.keys(page1.items[0]!).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name']);

    // Someone else's tokens are not in the list.
    const others = await bodyAs(await viewer.request('/api/tokens?limit=500'), ApiTokenList);
    expect(others.items.map((i) => i.id)).not.toContain(first.id);
  });

  it('stops working once deleted', async () => {
    const mine = await newToken(viewer);
    expect((await viewer.request(`/api/tokens/${mine.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await bearer(t, mine.token, '/api/auth/me'), 401);
    await expectProblem(await viewer.request(`/api/tokens/${mine.id}`, { method: 'DELETE' }), 404);
  });

  it('cannot be deleted by another user (404, and it keeps working)', async () => {
    const theirs = await newToken(admin);
    await expectProblem(await viewer.request(`/api/tokens/${theirs.id}`, { method: 'DELETE' }), 404);
    expect((await bearer(t, theirs.token, '/api/auth/me')).status).toBe(200);
  });

  it('refuses a made-up token and a malformed Authorization header', async () => {
    await expectProblem(await bearer(t, 'rdt_not-a-real-token', '/api/auth/me'), 401);
    await expectProblem(await t.request('/api/auth/me', { headers: { authorization: 'Basic abc' } }), 401);
  });

  it('refuses unknown fields and empty names, naming them', async () => {
    await expectProblem(await viewer.request('/api/tokens', { method: 'POST', json: { name: 'x', userId: admin.id } }), 422, ['userId']);
    await expectProblem(await viewer.request('/api/tokens', { method: 'POST', json: { name: '   ' } }), 422, ['name']);
    await expectProblem(await viewer.request('/api/tokens', { method: 'POST', json: {} }), 422, ['name']);
  });
});
