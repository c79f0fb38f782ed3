import { describe, expect, it } from 'vitest';
import { appendHistory } from '#server/features/history/repository.ts';
import { SessionList } from '#shared/schemas/auth.ts';
import { ApiTokenCreated } from '#shared/schemas/users.ts';
import { PASSWORD, type Browser, bearer, browserWith, createAccount, loggedIn, sessionCookieOf } from '../support/accounts.ts';
import { ORIGIN, type TestApp, bodyAs, createTestApp, expectProblem } from '../support/app.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Reads an event stream until it ends or `ms` pass; answers the data events
 * seen and whether the server ended it.
 */
async function watch(response: Response, ms: number, whileOpen?: () => Promise<void>) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return void (ended = true);
      text += decoder.decode(value, { stream: true });
    }
  })();
  // Until the stream says it is live.
  for (let i = 0; i < 100 && !text.includes('event: ready'); i++) await new Promise((r) => setTimeout(r, 20));
  await whileOpen?.();
  await Promise.race([reading, new Promise((r) => setTimeout(r, ms))]);
  const endedByServer = ended;
  if (!ended) await reader.cancel();
  const data = text.split('\n\n').filter((block) => block.includes('data:') && !block.includes('event: ready'));
  return { ended: endedByServer, data };
}

const change = (t: TestApp, id: string) => appendHistory(t.db, { at: t.clock.now(), actor: 'someone', action: 'update', entityType: 'call', entityId: id, before: null, after: { id } });

describe('sessions in time (SESSION_HOURS 12, SESSION_IDLE_MINUTES 60)', async () => {
  const t = await createTestApp();
  await createAccount(t, 'viewer', 'mary');

  // Before: a session in use slid on for ever (one lived 5.6 times its lifetime).
  it('end after SESSION_HOURS however busy they are', async () => {
    const browser = await loggedIn(t, 'mary');
    for (let i = 0; i < 23; i++) {
      t.clock.advance(30 * MINUTE);
      expect((await browser.request('/api/auth/me')).status, `after ${(i + 1) / 2} h`).toBe(200);
    }
    t.clock.advance(30 * MINUTE);
    await expectProblem(await browser.request('/api/auth/me'), 401);
  });

  it('end after SESSION_IDLE_MINUTES unused', async () => {
    const browser = await loggedIn(t, 'mary');
    t.clock.advance(59 * MINUTE);
    expect((await browser.request('/api/auth/me')).status).toBe(200);
    t.clock.advance(59 * MINUTE);
    expect((await browser.request('/api/auth/me')).status).toBe(200);
    t.clock.advance(61 * MINUTE);
    await expectProblem(await browser.request('/api/auth/me'), 401);
  });

  it('are not renewed: the cookie is set once, for the absolute lifetime', async () => {
    const res = await t.request('/api/auth/login', { method: 'POST', json: { username: 'mary', password: PASSWORD } });
    expect(res.headers.getSetCookie().find((l) => l.startsWith('readout_session='))).toMatch(/Max-Age=43200/);
    const browser = browserWith(t, sessionCookieOf(res)!);
    t.clock.advance(7 * HOUR);
    expect(sessionCookieOf(await browser.request('/api/auth/me'))).toBeUndefined();
  });
});

describe('logging in and out', async () => {
  const t = await createTestApp();
  await createAccount(t, 'analyst', 'edsger');

  // Before: a new login left the browser's previous session valid.
  it('a login ends the session the browser had before', async () => {
    const first = await loggedIn(t, 'edsger');
    const res = await t.request('/api/auth/login', { method: 'POST', json: { username: 'edsger', password: PASSWORD }, headers: { cookie: `readout_session=${first.cookie}`, origin: ORIGIN } });
    expect(res.status).toBe(200);
    await expectProblem(await first.request('/api/auth/me'), 401);
    expect((await browserWith(t, sessionCookieOf(res)!).request('/api/auth/me')).status).toBe(200);
  });

  it('logout clears the cookie and tells the browser to drop its cache and cookies', async () => {
    const browser = await loggedIn(t, 'edsger');
    const res = await browser.request('/api/auth/logout', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.get('clear-site-data')).toBe('"cache", "cookies"');
  });

  // Before: logout ended only one session, and there was no list of them.
  it('lists the user’s sessions, marks this one, and ends any of them', async () => {
    const here = await loggedIn(t, 'edsger');
    const there = await loggedIn(t, 'edsger');
    const list = await bodyAs(await here.request('/api/auth/sessions'), SessionList);
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    const current = list.items.filter((s) => s.current);
    expect(current).toHaveLength(1);
    const other = list.items.find((s) => !s.current)!;
    expect(JSON.stringify(list)).not.toContain(here.cookie);
    expect((await here.request(`/api/auth/sessions/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await bodyAs(await here.request('/api/auth/sessions'), SessionList);
    expect(after.items.map((s) => s.id)).not.toContain(other.id);
    // Another user's session is not found.
    const stranger = await t.createUser('viewer');
    await expectProblem(await stranger.request(`/api/auth/sessions/${current[0]!.id}`, { method: 'DELETE' }), 404);
    expect((await here.request('/api/auth/me')).status).toBe(200);
    void there;
  });

  it('“log out everywhere” ends every session of the user', async () => {
    const one = await loggedIn(t, 'edsger');
    const two = await loggedIn(t, 'edsger');
    const res = await one.request('/api/auth/logout-all', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.get('clear-site-data')).toBe('"cache", "cookies"');
    await expectProblem(await one.request('/api/auth/me'), 401);
    await expectProblem(await two.request('/api/auth/me'), 401);
  });

  it('an admin can end every session of a user', async () => {
    const admin = await t.createUser('admin');
    const browser = await loggedIn(t, 'edsger');
    const id = (await t.db.selectFrom('users').select('id').where('username', '=', 'edsger').executeTakeFirstOrThrow()).id;
    expect((await bodyAs(await admin.request(`/api/users/${id}/sessions`), SessionList)).items.length).toBeGreaterThan(0);
    expect((await admin.request(`/api/users/${id}/sessions`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await browser.request('/api/auth/me'), 401);
  });
});

describe('an event stream', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');
  const account = await createAccount(t, 'viewer', 'alan');
  const open = (browser: Pick<Browser, 'request'>) => browser.request('/api/events');

  // Before: the stream kept delivering after logout and after the user was disabled.
  it('ends at logout and delivers nothing after it', async () => {
    const browser = await loggedIn(t, 'alan');
    const res = await open(browser);
    expect(res.status).toBe(200);
    const seen = await watch(res, 1500, async () => {
      expect((await browser.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
      await change(t, 'after-logout');
    });
    expect(seen.ended).toBe(true);
    expect(seen.data.join()).not.toContain('after-logout');
  });

  it('ends when the user is disabled', async () => {
    const browser = await loggedIn(t, 'alan');
    const seen = await watch(await open(browser), 1500, async () => {
      expect((await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(200);
      await change(t, 'after-disable');
    });
    expect(seen.ended).toBe(true);
    expect(seen.data.join()).not.toContain('after-disable');
    await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { disabled: false } });
  });

  it('opened with a token ends when the token is revoked', async () => {
    const browser = await loggedIn(t, 'alan');
    const token = await bodyAs(await browser.request('/api/tokens', { method: 'POST', json: { name: 'wall display' } }), ApiTokenCreated);
    const seen = await watch(await bearer(t, token.token, '/api/events'), 1500, async () => {
      await change(t, 'before-revoke');
      await new Promise((r) => setTimeout(r, 200));
      expect((await browser.request(`/api/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
      await change(t, 'after-revoke');
    });
    expect(seen.ended).toBe(true);
    expect(seen.data.join()).toContain('before-revoke');
    expect(seen.data.join()).not.toContain('after-revoke');
  });

  it('keeps going while its session lives', async () => {
    const browser = await loggedIn(t, 'alan');
    const seen = await watch(await open(browser), 400, async () => {
      await change(t, 'still-here');
    });
    expect(seen.ended).toBe(false);
    expect(seen.data.join()).toContain('still-here');
  });
});
