import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '#server/app.ts';
import { PASSWORD_HASH_COST, defaultConfig } from '#server/config.ts';
import { fixedClock } from '#server/lib/clock.ts';
import { hashSecret } from '#server/lib/secrets.ts';
import { ApiTokenCreated, User } from '#shared/schemas/users.ts';
import { PASSWORD, bearer, browserWith, createAccount, loggedIn, sessionCookieOf } from '../support/accounts.ts';
import { ORIGIN, bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';

describe('credentials that name nobody', async () => {
  const t = await createTestApp();
  const junk: Record<string, string>[] = [{ authorization: 'Bearer rdt_not-a-real-token' }, { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' }, { cookie: 'readout_session=expired-or-made-up' }];

  // A stale token or cookie used to turn even the health check into a 401.
  it.each(junk)('do not stop the routes open to anyone: %j', async (headers) => {
    expect((await t.request('/api/health', { headers })).status).toBe(200);
    expect((await t.request('/api/openapi.json', { headers })).status).toBe(200);
    expect((await t.request('/api/docs', { headers })).status).toBe(200);
    expect((await t.request('/api/auth/setup', { headers })).status).toBe(200);
  });

  it('still answer 401 where a user is needed, saying what was wrong', async () => {
    const token = await expectProblem(await t.request('/api/auth/me', { headers: junk[0] }), 401);
    expect(token).toMatchObject({ detail: 'The API token is not valid' });
    const basic = await expectProblem(await t.request('/api/calls', { headers: junk[1] }), 401);
    expect(basic).toMatchObject({ detail: 'The Authorization header must be "Bearer <token>"' });
    const cookie = await expectProblem(await t.request('/api/calls', { headers: junk[2] }), 401);
    expect(cookie).toMatchObject({ detail: 'The session has ended; log in again' });
  });

  it('let a browser with a stale cookie log in again', async () => {
    await createAccount(t, 'viewer', 'returning');
    const res = await t.request('/api/auth/login', { method: 'POST', json: { username: 'returning', password: PASSWORD }, headers: { cookie: 'readout_session=stale', origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(sessionCookieOf(res)).toBeTruthy();
  });
});

describe('cross-site writes with the session cookie', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  const created = await analyst.request('/api/ministries', { method: 'POST', json: { name: 'Auswärtiges Amt', shortName: 'AA', country: 'DE' } });
  const ministry = (await created.json()) as { id: string };

  it.each(['PATCH', 'DELETE'])('are refused for %s too, and change nothing', async (method) => {
    const init = { method, headers: { origin: 'https://evil.example' }, ...(method === 'PATCH' ? { json: { shortName: 'pwned' } } : {}) };
    await expectProblem(await analyst.request(`/api/ministries/${ministry.id}`, init), 403);
    expect(await (await analyst.request(`/api/ministries/${ministry.id}`)).json()).toMatchObject({ shortName: 'AA' });
  });
});

describe('secrets', async () => {
  const t = await createTestApp();

  it('never appear in an answer or in the history: password hashes, token hashes, session ids, passwords', async () => {
    const texts: string[] = [];
    const keep = async (res: Response) => {
      texts.push(await res.clone().text());
      return res;
    };
    const setup = await keep(await t.request('/api/auth/setup', { method: 'POST', json: { username: 'root', password: PASSWORD, displayName: 'Root' } }));
    const admin = browserWith(t, sessionCookieOf(setup)!);
    const newPassword = 'a different passphrase';
    const made = await bodyAs(await keep(await admin.request('/api/users', { method: 'POST', json: { username: 'eve', password: PASSWORD, displayName: 'Eve', role: 'analyst' } })), User);
    await keep(await admin.request(`/api/users/${made.id}`, { method: 'PATCH', json: { password: newPassword, role: 'viewer' } }));
    const eve = await loggedIn(t, 'eve', newPassword);
    await keep(await eve.request('/api/auth/password', { method: 'POST', json: { currentPassword: newPassword, newPassword: PASSWORD } }));
    const token = await bodyAs(await eve.request('/api/tokens', { method: 'POST', json: { name: 'script' } }), ApiTokenCreated);
    await keep(await bearer(t, token.token, '/api/auth/me'));
    await keep(await eve.request('/api/tokens'));
    await keep(await admin.request('/api/users'));
    await keep(await admin.request('/api/auth/me'));

    const history = await t.db.selectFrom('history').select(['before', 'after']).execute();
    expect(history.length).toBeGreaterThanOrEqual(4);
    texts.push(...history.map((h) => `${h.before ?? ''} ${h.after ?? ''}`));
    const users = await t.db.selectFrom('users').select('password_hash').execute();
    const sessions = await t.db.selectFrom('sessions').select('id_hash').execute();
    const secrets = [
      '$argon2', 'password_hash', 'passwordHash', 'token_hash', PASSWORD, newPassword, token.token, hashSecret(token.token), eve.cookie, admin.cookie,
      ...users.map((u) => u.password_hash), ...sessions.map((s) => s.id_hash),
    ];
    for (const text of texts) for (const secret of secrets) expect(text, `${secret} leaked`).not.toContain(secret);
  });
});

describe('login timing', async () => {
  // The real argon2id cost: with the tests' cheap one, any difference would drown in noise.
  const database = await createTestDatabase();
  const app = createApp({ db: database.db, dialect: database.dialect, clock: fixedClock('2013-02-18T12:00:00Z'), config: defaultConfig({ passwordHashCost: PASSWORD_HASH_COST }) });
  afterAll(() => database.close());
  const post = (path: string, json: unknown) => app.request(`${ORIGIN}${path}`, { method: 'POST', body: JSON.stringify(json), headers: { 'content-type': 'application/json' } });

  async function timed(username: string): Promise<number> {
    const started = performance.now();
    const res = await post('/api/auth/login', { username, password: 'not the password' });
    expect(res.status).toBe(401);
    return performance.now() - started;
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

  it('does not tell an unknown username from a wrong password', { timeout: 60_000 }, async () => {
    expect((await post('/api/auth/setup', { username: 'known', password: PASSWORD, displayName: 'Known' })).status).toBe(201);
    await timed('warm-up'); // the first unknown name also hashes the stand-in password once
    const known: number[] = [];
    const unknown: number[] = [];
    // Alternating, and under the 5-failure limit per username.
    for (let i = 0; i < 4; i++) {
      known.push(await timed('known'));
      unknown.push(await timed(`nobody-${i}`));
    }
    // Without the stand-in check an unknown name answered in a millisecond,
    // against tens of milliseconds for argon2id.
    const ratio = median(unknown) / median(known);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(2.5);
  });
});

describe('Content-Security-Policy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-client-'));
  mkdirSync(join(dir, 'assets'));
  // The shape of Vite's output: a module script and a stylesheet from /assets, nothing inline.
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" crossorigin src="/assets/index-abc.js"></script><link rel="stylesheet" href="/assets/index-abc.css"></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("app")');
  writeFileSync(join(dir, 'assets', 'index-abc.css'), 'body{}');
  const database = await createTestDatabase();
  const app = createApp({ db: database.db, dialect: database.dialect, clock: fixedClock('2013-02-18T12:00:00Z'), config: defaultConfig() }, { clientDir: dir });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const directives = (res: Response) =>
    new Map((res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it('lets the dashboard load its own module scripts and styles, and nothing from elsewhere or inline', async () => {
    for (const path of ['/', '/calls/some-deep-link']) {
      const res = await app.request(`${ORIGIN}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('/assets/index-abc.js');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = directives(res);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    }
    const asset = await app.request(`${ORIGIN}/assets/index-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    // The file names carry a content hash, so they may be kept for good (this header was once lost).
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-security-policy')).toBeTruthy();
    expect((await app.request(`${ORIGIN}/assets/index-old.js`)).status).toBe(404);
  });

  // secureHeaders used to replace the docs page's own policy, blocking its inline script.
  it('lets the API docs page run exactly its own inline script and style', async () => {
    const res = await app.request(`${ORIGIN}/api/docs`);
    const html = await res.text();
    const csp = directives(res);
    const inline = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp.get('script-src')).toEqual([hash(inline('script'))]);
    expect(csp.get('style-src')).toEqual([hash(inline('style'))]);
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe');
  });

  it('answers API requests with the policy too', async () => {
    expect(directives(await app.request(`${ORIGIN}/api/health`)).get('default-src')).toEqual(["'self'"]);
  });
});
