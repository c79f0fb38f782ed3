import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '#server/app.ts';
import { defaultConfig, loadConfig } from '#server/config.ts';
import { fixedClock } from '#server/lib/clock.ts';
import { PASSWORD } from '../support/accounts.ts';
import { ORIGIN, createTestApp, expectProblem } from '../support/app.ts';
import { createTestDatabase } from '../support/database.ts';
import { servedRoutes } from './served-routes.ts';

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
const setupBody = { username: 'ada', password: PASSWORD, displayName: 'Ada' };

describe('the Host a request names', async () => {
  const t = await createTestApp();

  // Before: a foreign Host with a matching Origin passed, so a web page could finish setting up a fresh instance (DNS rebinding).
  it('is refused (421) when it is not the app’s own, even with a matching Origin', async () => {
    const res = await t.app.request('http://rebind.attacker.example:3000/api/auth/setup', json(setupBody, { origin: 'http://rebind.attacker.example:3000' }));
    expect(await expectProblem(res, 421)).toMatchObject({ title: 'Misdirected request' });
    expect((await t.app.request('http://rebind.attacker.example:3000/')).status).toBe(421);
    expect(await t.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect((await t.db.selectFrom('audit_log').select(['type', 'detail']).execute()).map((e) => e.type)).toContain('access.host_refused');
  });

  it('is accepted for localhost, 127.0.0.1 and HOST at PORT', async () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', 'localhost']) expect((await t.app.request(`http://${host}/api/auth/setup`)).status, host).toBe(200);
    expect((await t.app.request('http://localhost:3001/api/auth/setup')).status).toBe(421);
  });

  it('leaves the health check open to load balancers that name the server by its address', async () => {
    expect((await t.app.request('http://10.1.2.3:3000/api/health')).status).toBe(200);
  });

  it('is exactly PUBLIC_URL’s host when that is set', async () => {
    const config = loadConfig({ PUBLIC_URL: 'https://readout.example.org' });
    expect(config.PUBLIC_URL).toEqual(['https://readout.example.org']);
    const database = await createTestDatabase();
    const app = createApp({ db: database.db, dialect: database.dialect, clock: fixedClock('2013-02-18T12:00:00Z'), config: { ...defaultConfig(), PUBLIC_URL: config.PUBLIC_URL } });
    expect((await app.request('https://readout.example.org/api/auth/setup')).status).toBe(200);
    expect((await app.request('http://localhost:3000/api/auth/setup')).status).toBe(421);
    await database.close();
    expect(() => loadConfig({ PUBLIC_URL: 'readout.example.org' })).toThrow(/PUBLIC_URL/);
  });
});

describe('headers', async () => {
  const t = await createTestApp();
  const viewer = await t.createUser('viewer');

  // Before: Cache-Control was missing on every /api answer, the one with a token's secret included.
  it('Cache-Control: no-store on every /api answer: successes, refusals, unknown routes, the token secret', async () => {
    const token = await viewer.request('/api/tokens', { method: 'POST', json: { name: 'x' } });
    expect(token.status).toBe(201);
    const answers = [token, await t.request('/api/health'), await t.request('/api/calls'), await viewer.request('/api/calls/nope'), await t.request('/api/no-such-route'), await viewer.request('/api/users')];
    for (const route of servedRoutes(t.app).filter((r) => r.method === 'GET' && !r.path.includes(':') && r.path !== '/api/events')) answers.push(await viewer.request(route.path));
    for (const res of answers) expect(res.headers.get('cache-control'), `${res.url} ${res.status}`).toBe('no-store');
  });

  it('the event stream is not stored either', async () => {
    const res = await viewer.request('/api/events');
    expect(res.headers.get('cache-control')).toContain('no-store');
    await res.body?.cancel();
  });

  it('no HSTS over plain HTTP (SECURE_COOKIES=false), where browsers ignore it anyway', async () => {
    expect((await t.request('/api/health')).headers.get('strict-transport-security')).toBeNull();
  });

  // TRACE cannot be sent through fetch; tests/e2e/security.test.ts sends it to the real server.
  it('no CORS grant to another origin, no content sniffing, no referrer', async () => {
    const res = await viewer.request('/api/calls', { headers: { origin: 'https://elsewhere.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('a policy that forbids base URLs and plugins', async () => {
    const csp = (await t.request('/api/health')).headers.get('content-security-policy')!;
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

describe('source maps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)\n//# sourceMappingURL=index-abc.js.map');
  writeFileSync(join(dir, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["secret-source.tsx"]}');
  const database = await createTestDatabase();
  const app = createApp({ db: database.db, dialect: database.dialect, clock: fixedClock('2013-02-18T12:00:00Z'), config: defaultConfig() }, { clientDir: dir });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Before: the build wrote them and the server handed them out.
  it('are not served, even when a build left one behind', async () => {
    const res = await app.request(`${ORIGIN}/assets/index-abc.js.map`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret-source');
    expect((await app.request(`${ORIGIN}/assets/index-abc.js`)).status).toBe(200);
  });
});
