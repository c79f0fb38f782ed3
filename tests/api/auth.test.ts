import { describe, expect, it } from 'vitest';
import { createApp } from '#server/app.ts';
import { defaultConfig } from '#server/config.ts';
import { fixedClock } from '#server/lib/clock.ts';
import { hashSecret } from '#server/lib/secrets.ts';
import { SetupStatus, User } from '#shared/schemas/users.ts';
import { PASSWORD, browserWith, createAccount, loggedIn, login, sessionCookieOf } from '../support/accounts.ts';
import { ORIGIN, bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';

/** A password hash, its column, or the test password itself (field names such as mustChangePassword are fine). */
const HASH_OR_PASSWORD = new RegExp(`argon2|password_?hash|${PASSWORD}`, 'i');

const MINUTE = 60_000;
const setupBody = { username: 'Ada', password: PASSWORD, displayName: 'Ada Lovelace' };

describe('first-run setup', async () => {
  const t = await createTestApp();

  it('refuses fields it does not know, naming them, and stores nothing', async () => {
    const res = await t.request('/api/auth/setup', { method: 'POST', json: { ...setupBody, role: 'viewer' } });
    await expectProblem(res, 422, ['role']);
    expect(await bodyAs(await t.request('/api/auth/setup'), SetupStatus)).toEqual({ needsSetup: true });
  });

  it('names each field that breaks the rules', async () => {
    const res = await t.request('/api/auth/setup', { method: 'POST', json: { username: 'a b', password: 'short', displayName: '' } });
    await expectProblem(res, 422, ['username', 'password', 'displayName']);
  });

  it('creates the first admin once, logged in, with an argon2id hash', async () => {
    const res = await t.request('/api/auth/setup', { method: 'POST', json: setupBody });
    expect(res.status).toBe(201);
    const user = await bodyAs(res, User);
    expect(user).toMatchObject({ username: 'ada', displayName: 'Ada Lovelace', role: 'admin', disabled: false });
    expect(JSON.stringify(await res.clone().json())).not.toMatch(HASH_OR_PASSWORD);

    const cookie = sessionCookieOf(res);
    expect(cookie).toBeTruthy();
    const me = await browserWith(t, cookie!).request('/api/auth/me');
    expect((await bodyAs(me, User)).id).toBe(user.id);

    const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(await bodyAs(await t.request('/api/auth/setup'), SetupStatus)).toEqual({ needsSetup: false });
  });

  it('answers 409 once a user exists', async () => {
    const res = await t.request('/api/auth/setup', { method: 'POST', json: { ...setupBody, username: 'mallory' } });
    await expectProblem(res, 409);
    expect(sessionCookieOf(res)).toBeUndefined();
    const count = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('concurrent setups', async () => {
  const t = await createTestApp();

  it('make exactly one admin', async () => {
    const answers = await Promise.all(
      ['one', 'two', 'three', 'four'].map((name) => t.request('/api/auth/setup', { method: 'POST', json: { ...setupBody, username: name } })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const users = await t.db.selectFrom('users').select(['username', 'role']).execute();
    expect(users).toHaveLength(1);
    expect(users[0]!.role).toBe('admin');
  });
});

describe('login, me and logout', async () => {
  const t = await createTestApp();
  const account = await createAccount(t, 'analyst', 'grace');

  it('sets an HttpOnly, SameSite=Lax session cookie that /me accepts', async () => {
    const res = await login(t, 'grace');
    expect(res.status).toBe(200);
    expect((await bodyAs(res, User)).id).toBe(account.id);
    const setCookie = res.headers.getSetCookie().find((line) => line.startsWith('readout_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; Max-Age=43200/);
    expect(setCookie).not.toMatch(/; Secure/);

    const cookie = sessionCookieOf(res)!;
    const me = await bodyAs(await browserWith(t, cookie).request('/api/auth/me'), User);
    expect(me).toMatchObject({ id: account.id, username: 'grace', role: 'analyst' });

    // Only the session id's hash is stored.
    const sessions = await t.db.selectFrom('sessions').select('id_hash').where('user_id', '=', account.id).execute();
    expect(sessions.map((s) => s.id_hash)).toContain(hashSecret(cookie));
    expect(sessions.map((s) => s.id_hash)).not.toContain(cookie);
  });

  it('takes the username in any case', async () => {
    expect((await login(t, '  GRACE ')).status).toBe(200);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await expectProblem(await login(t, 'grace', 'not the password'), 401);
    const unknown = await expectProblem(await login(t, 'nobody-here', 'not the password'), 401);
    expect(wrong).toEqual(unknown);
  });

  it('answers /me with 401 without a session, and with a made-up one', async () => {
    await expectProblem(await t.request('/api/auth/me'), 401);
    await expectProblem(await browserWith(t, 'made-up').request('/api/auth/me'), 401);
  });

  it('refuses unknown fields in the login body', async () => {
    await expectProblem(await t.request('/api/auth/login', { method: 'POST', json: { username: 'grace', password: PASSWORD, remember: true } }), 422, ['remember']);
  });

  it('logout ends the session and clears the cookie', async () => {
    const browser = await loggedIn(t, 'grace');
    const res = await browser.request('/api/auth/logout', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().find((l) => l.startsWith('readout_session='))).toMatch(/Max-Age=0/);
    await expectProblem(await browser.request('/api/auth/me'), 401);
    expect(await t.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', hashSecret(browser.cookie)).executeTakeFirst()).toBeUndefined();
  });

  it('logout without a session still answers 204', async () => {
    expect((await t.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
  });

  it('refuses a cookie-authenticated write from another site (CSRF)', async () => {
    const browser = await loggedIn(t, 'grace');
    await expectProblem(await browser.request('/api/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } }), 403);
    await expectProblem(await browser.request('/api/tokens', { method: 'POST', json: { name: 'x' }, headers: { origin: 'https://evil.example' } }), 403);
    // Without Origin, a Referer from this site will do; with neither, it is refused.
    const noOrigin = await t.request('/api/tokens', { method: 'POST', json: { name: 'x' }, headers: { cookie: `readout_session=${browser.cookie}` } });
    await expectProblem(noOrigin, 403);
    const referer = await t.request('/api/tokens', { method: 'POST', json: { name: 'x' }, headers: { cookie: `readout_session=${browser.cookie}`, referer: `${ORIGIN}/settings` } });
    expect(referer.status).toBe(201);
    // The session survived the refused logout.
    expect((await browser.request('/api/auth/me')).status).toBe(200);
  });

  it('refuses a login posted from another site (login CSRF)', async () => {
    const res = await t.request('/api/auth/login', { method: 'POST', json: { username: 'grace', password: PASSWORD }, headers: { origin: 'https://evil.example' } });
    await expectProblem(res, 403);
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  it('lets a user change their own password, ending their other sessions', async () => {
    await createAccount(t, 'viewer', 'katherine');
    const here = await loggedIn(t, 'katherine');
    const elsewhere = await loggedIn(t, 'katherine');
    const wrong = await here.request('/api/auth/password', { method: 'POST', json: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' } });
    await expectProblem(wrong, 422, ['currentPassword']);
    const res = await here.request('/api/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } });
    expect(res.status).toBe(204);
    expect((await here.request('/api/auth/me')).status).toBe(200);
    await expectProblem(await elsewhere.request('/api/auth/me'), 401);
    await expectProblem(await login(t, 'katherine'), 401);
    expect((await login(t, 'katherine', 'a brand new passphrase')).status).toBe(200);
  });
});

describe('repeated login failures', async () => {
  const t = await createTestApp();
  await createAccount(t, 'viewer', 'hedy');
  await createAccount(t, 'viewer', 'joan');

  it('answer 429 with Retry-After after 5 failures, until the window has passed', async () => {
    for (let i = 0; i < 5; i++) await expectProblem(await login(t, 'hedy', 'wrong password'), 401);
    const blocked = await login(t, 'hedy', 'wrong password');
    await expectProblem(blocked, 429);
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60);
    // Even the right password waits: otherwise the limit would not slow guessing.
    await expectProblem(await login(t, 'hedy'), 429);
    // Other usernames are not affected.
    expect((await login(t, 'joan')).status).toBe(200);

    t.clock.advance(10 * MINUTE);
    const later = await login(t, 'hedy');
    await expectProblem(later, 429);
    expect(Number(later.headers.get('retry-after'))).toBe(5 * 60);

    t.clock.advance(5 * MINUTE + 1000);
    expect((await login(t, 'hedy')).status).toBe(200);
    // The success wiped the slate: five more tries before the next block.
    for (let i = 0; i < 5; i++) await expectProblem(await login(t, 'hedy', 'wrong password'), 401);
    await expectProblem(await login(t, 'hedy', 'wrong password'), 429);
  });

  it('counts failures only within 15 minutes', async () => {
    t.clock.advance(60 * MINUTE);
    for (let i = 0; i < 4; i++) await expectProblem(await login(t, 'joan', 'wrong password'), 401);
    t.clock.advance(16 * MINUTE);
    for (let i = 0; i < 5; i++) await expectProblem(await login(t, 'joan', 'wrong password'), 401);
    await expectProblem(await login(t, 'joan'), 429);
  });

  it('limits unknown usernames the same way, so a 429 does not reveal who exists', async () => {
    for (let i = 0; i < 5; i++) await expectProblem(await login(t, 'ghost', 'wrong password'), 401);
    await expectProblem(await login(t, 'ghost', 'wrong password'), 429);
  });

  it('holds against a burst of parallel guesses', async () => {
    await createAccount(t, 'viewer', 'burst');
    const answers = await Promise.all(Array.from({ length: 12 }, () => login(t, 'burst', 'wrong password')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe('with SECURE_COOKIES', async () => {
  const database = await createTestDatabase();
  const app = createApp({
    db: database.db,
    dialect: database.dialect,
    clock: fixedClock('2013-02-18T12:00:00Z'),
    config: defaultConfig({ SECURE_COOKIES: true, SESSION_HOURS: 2, passwordHashCost: { memoryCost: 1024, timeCost: 1, parallelism: 1 } }),
  });

  it('names the session cookie __Host-, marks it Secure and sizes it by SESSION_HOURS', async () => {
    const res = await app.request(`${ORIGIN}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(setupBody) });
    expect(res.status).toBe(201);
    const setCookie = res.headers.getSetCookie().find((line) => line.startsWith('__Host-readout_session='))!;
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/; Domain=/);
    expect(setCookie).toMatch(/; Max-Age=7200/);
    // The cookie under its new name is the one that counts; the old name means nothing.
    const cookie = /^__Host-readout_session=([^;]*)/.exec(setCookie)![1]!;
    const me = (name: string) => app.request(`${ORIGIN}/api/auth/me`, { headers: { cookie: `${name}=${cookie}` } });
    expect((await me('__Host-readout_session')).status).toBe(200);
    expect((await me('readout_session')).status).toBe(401);
    // HSTS for a year and every subdomain, as ASVS 3.4.1 asks at level 2.
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    await database.close();
  });
});

describe('the API document', async () => {
  const t = await createTestApp();

  it('describes every account route with a summary, its body and its answers', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown>; requestBody?: unknown }>>;
    };
    const routes: [string, string, string][] = [
      ['get', '/auth/setup', '200'],
      ['post', '/auth/setup', '201'],
      ['post', '/auth/login', '429'],
      ['post', '/auth/logout', '204'],
      ['get', '/auth/me', '401'],
      ['get', '/users', '200'],
      ['post', '/users', '409'],
      ['patch', '/users/{id}', '409'],
      ['get', '/tokens', '200'],
      ['post', '/tokens', '201'],
      ['delete', '/tokens/{id}', '404'],
    ];
    for (const [method, path, status] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op?.summary, `${method} ${path}`).toBeTruthy();
      expect(Object.keys(op?.responses ?? {}), `${method} ${path}`).toContain(status);
      if (method === 'post' && path !== '/auth/logout') expect(op?.requestBody, `${method} ${path}`).toBeTruthy();
    }
  });
});
