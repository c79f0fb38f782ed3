import { describe, expect, it } from 'vitest';
import { ApiTokenCreated, User, UserList } from '#shared/schemas/users.ts';
import { PASSWORD, bearer, createAccount, loggedIn, login } from '../support/accounts.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';

/** A password hash, its column, or the test password itself (field names such as mustChangePassword are fine). */
const HASH_OR_PASSWORD = new RegExp(`argon2|password_?hash|${PASSWORD}`, 'i');

const newUser = (username: string, role = 'viewer') => ({ username, password: PASSWORD, displayName: `User ${username}`, role });

describe('who may manage users', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  it('needs a login', async () => {
    await expectProblem(await t.request('/api/users'), 401);
    await expectProblem(await t.request('/api/users', { method: 'POST', json: newUser('anon') }), 401);
  });

  it('refuses viewers and analysts (403), and stores nothing', async () => {
    await expectProblem(await viewer.request('/api/users', { method: 'POST', json: newUser('by-viewer') }), 403);
    await expectProblem(await analyst.request('/api/users', { method: 'POST', json: newUser('by-analyst') }), 403);
    await expectProblem(await analyst.request('/api/users'), 403);
    await expectProblem(await analyst.request(`/api/users/${viewer.id}`, { method: 'PATCH', json: { role: 'admin' } }), 403);
    expect(await t.db.selectFrom('users').select('id').where('username', 'in', ['by-viewer', 'by-analyst']).execute()).toEqual([]);
  });

  it('lets an admin create a user who can then log in with that role', async () => {
    const res = await admin.request('/api/users', { method: 'POST', json: newUser('Alan', 'analyst') });
    expect(res.status).toBe(201);
    const user = await bodyAs(res, User);
    expect(user).toMatchObject({ username: 'alan', displayName: 'User Alan', role: 'analyst', disabled: false });
    expect(res.headers.get('location')).toBe(`/api/users/${user.id}`);
    expect(JSON.stringify(await res.clone().json())).not.toMatch(HASH_OR_PASSWORD);
    // The Location names a route that answers (there was none for GET).
    expect(await bodyAs(await admin.request(res.headers.get('location')!), User)).toEqual(user);

    const browser = await loggedIn(t, 'alan');
    expect((await bodyAs(await browser.request('/api/auth/me'), User)).role).toBe('analyst');
    await expectProblem(await browser.request('/api/users'), 403);
  });

  it('answers 409 naming username for a taken one, in any case', async () => {
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: newUser('ALAN') }), 409, ['username']);
  });

  it('refuses unknown and missing fields, naming them (422)', async () => {
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: { ...newUser('extra'), createdAt: '2013-02-12T00:00:00Z' } }), 422, ['createdAt']);
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: { username: 'norole', password: PASSWORD, displayName: 'x' } }), 422, ['role']);
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: newUser('badrole', 'superuser') }), 422, ['role']);
    await expectProblem(await admin.request(`/api/users/${viewer.id}`, { method: 'PATCH', json: { username: 'renamed' } }), 422, ['username']);
    await expectProblem(await admin.request(`/api/users/${viewer.id}`, { method: 'PATCH', json: { password: 'short' } }), 422, ['password']);
  });

  it('lists users by username, a page at a time, without password hashes', async () => {
    const first = await bodyAs(await admin.request('/api/users?limit=2'), UserList);
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const all = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await bodyAs(await admin.request(`/api/users?limit=2&cursor=${encodeURIComponent(cursor)}`), UserList);
      all.push(...next.items);
      cursor = next.nextCursor;
    }
    const names = all.map((u) => u.username);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('alan');
    expect(names).toContain(viewer.username);
    expect(JSON.stringify(all)).not.toMatch(HASH_OR_PASSWORD);
    await expectProblem(await admin.request('/api/users?cursor=nonsense'), 400, ['cursor']);
    await expectProblem(await admin.request('/api/users?limit=501'), 400, ['limit']);
  });

  it('changes a user and writes history without any hash', async () => {
    const created = await bodyAs(await admin.request('/api/users', { method: 'POST', json: newUser('barbara') }), User);
    const res = await admin.request(`/api/users/${created.id}`, { method: 'PATCH', json: { displayName: 'Barbara Liskov', role: 'analyst', password: 'another good passphrase' } });
    const changed = await bodyAs(res, User);
    expect(changed).toMatchObject({ displayName: 'Barbara Liskov', role: 'analyst' });

    const rows = await t.db.selectFrom('history').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', created.id).orderBy('seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    for (const row of rows) {
      expect(`${row.before} ${row.after}`).not.toMatch(/argon2|password_hash|passwordHash/);
      expect(row.actor).toBe(admin.username);
    }
    expect(JSON.parse(rows[1]!.before!)).toMatchObject({ role: 'viewer', displayName: 'User barbara' });
    expect(JSON.parse(rows[1]!.after!)).toMatchObject({ role: 'analyst', displayName: 'Barbara Liskov', passwordChanged: true });
    expect((await login(t, 'barbara', 'another good passphrase')).status).toBe(200);
  });

  it('stores nothing for a patch that changes nothing', async () => {
    const before = await t.db.selectFrom('history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await admin.request(`/api/users/${viewer.id}`, { method: 'PATCH', json: { role: 'viewer' } });
    expect((await bodyAs(res, User)).role).toBe('viewer');
    const after = await t.db.selectFrom('history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers 404 for an unknown user', async () => {
    await expectProblem(await admin.request('/api/users/00000000-0000-4000-8000-000000000000'), 404);
    await expectProblem(await admin.request('/api/users/no-such-user', { method: 'PATCH', json: { displayName: 'x' } }), 404);
  });
});

describe('a new password or a disabled account', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');

  it('a new password ends the user’s sessions', async () => {
    const user = await createAccount(t, 'viewer', 'edsger');
    const browser = await loggedIn(t, 'edsger');
    expect((await admin.request(`/api/users/${user.id}`, { method: 'PATCH', json: { password: 'a new long passphrase' } })).status).toBe(200);
    await expectProblem(await browser.request('/api/auth/me'), 401);
    await expectProblem(await login(t, 'edsger'), 401);
    expect((await login(t, 'edsger', 'a new long passphrase')).status).toBe(200);
  });

  it('disabling stops sessions, tokens and logins; enabling lets the user log in again', async () => {
    const user = await createAccount(t, 'analyst', 'frances');
    const browser = await loggedIn(t, 'frances');
    const token = await bodyAs(await browser.request('/api/tokens', { method: 'POST', json: { name: 'script' } }), ApiTokenCreated);
    expect((await bearer(t, token.token, '/api/auth/me')).status).toBe(200);

    const res = await admin.request(`/api/users/${user.id}`, { method: 'PATCH', json: { disabled: true } });
    expect((await bodyAs(res, User)).disabled).toBe(true);
    await expectProblem(await browser.request('/api/auth/me'), 401);
    await expectProblem(await bearer(t, token.token, '/api/auth/me'), 401);
    await expectProblem(await login(t, 'frances'), 401);

    expect((await admin.request(`/api/users/${user.id}`, { method: 'PATCH', json: { disabled: false } })).status).toBe(200);
    expect((await login(t, 'frances')).status).toBe(200);
  });
});

describe('the last active admin', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');

  it('cannot be demoted or disabled', async () => {
    await expectProblem(await admin.request(`/api/users/${admin.id}`, { method: 'PATCH', json: { role: 'analyst' } }), 409, ['role']);
    await expectProblem(await admin.request(`/api/users/${admin.id}`, { method: 'PATCH', json: { disabled: true } }), 409, ['disabled']);
    expect((await bodyAs(await admin.request('/api/auth/me'), User)).role).toBe('admin');
  });

  it('does not count disabled admins', async () => {
    const other = await bodyAs(await admin.request('/api/users', { method: 'POST', json: newUser('olga', 'admin') }), User);
    expect((await admin.request(`/api/users/${other.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(200);
    await expectProblem(await admin.request(`/api/users/${admin.id}`, { method: 'PATCH', json: { role: 'viewer' } }), 409, ['role']);
  });

  it('can step down once another admin is active', async () => {
    const other = await bodyAs(await admin.request('/api/users', { method: 'POST', json: newUser('olga2', 'admin') }), User);
    const res = await admin.request(`/api/users/${admin.id}`, { method: 'PATCH', json: { role: 'analyst' } });
    expect((await bodyAs(res, User)).role).toBe('analyst');
    await expectProblem(await admin.request('/api/users'), 403);
    const olga = await loggedIn(t, 'olga2');
    // Her first login: the password the admin gave her must be changed before anything else.
    await expectProblem(await olga.request('/api/users'), 403);
    expect((await olga.request('/api/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'olga picks her own words' } })).status).toBe(204);
    await expectProblem(await olga.request(`/api/users/${other.id}`, { method: 'PATCH', json: { role: 'viewer' } }), 409, ['role']);
  });
});

describe('admins stepping down at once', async () => {
  const t2 = await createTestApp();
  const admins = await Promise.all(Array.from({ length: 8 }, () => t2.createUser('admin')));

  it('leave exactly one active admin', async () => {
    // Each acts on themselves, so all pass the role check and meet in the service.
    const answers = await Promise.all(
      admins.map((admin, i) => admin.request(`/api/users/${admin.id}`, { method: 'PATCH', json: i % 2 ? { role: 'viewer' } : { disabled: true } })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    const active = await t2.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', 0).execute();
    expect(active).toHaveLength(1);
  });
});
