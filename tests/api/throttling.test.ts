import { describe, expect, it } from 'vitest';
import { PASSWORD, createAccount } from '../support/accounts.ts';
import { type TestApp, createTestApp, expectProblem } from '../support/app.ts';

const MINUTE = 60_000;

/** A login as sent through a reverse proxy that says the client is `ip`. */
const loginFrom = (t: TestApp, ip: string, username: string, password = 'not the password') =>
  t.request('/api/auth/login', { method: 'POST', json: { username, password }, headers: { 'x-forwarded-for': `203.0.113.250, ${ip}` } });

describe('failed logins behind a trusted proxy (TRUST_PROXY=true)', async () => {
  const t = await createTestApp({ config: { TRUST_PROXY: true } });
  await createAccount(t, 'admin', 'root');
  await createAccount(t, 'viewer', 'victim');
  for (let i = 0; i < 45; i++) await createAccount(t, 'viewer', `user${i}`);

  // Before: 40 usernames from one address, not one 429.
  it('limit password spraying from one address: many usernames, one guess each', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await loginFrom(t, '198.51.100.7', `user${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const refused = await loginFrom(t, '198.51.100.7', 'user41', PASSWORD);
    await expectProblem(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBe(15 * 60);
    // Another address is not affected.
    expect((await loginFrom(t, '198.51.100.8', 'user41', PASSWORD)).status).toBe(200);
  });

  // Before: six requests from anywhere locked out any account, the only admin's too.
  it('do not let an attacker lock the owner out: the owner at another address still logs in', async () => {
    for (let i = 0; i < 5; i++) await expectProblem(await loginFrom(t, '192.0.2.66', 'root'), 401);
    await expectProblem(await loginFrom(t, '192.0.2.66', 'root', PASSWORD), 429);
    expect((await loginFrom(t, '192.0.2.10', 'root', PASSWORD)).status).toBe(200);
  });

  it('slow down guesses at one account from many addresses, but not from the addresses its owner uses', async () => {
    expect((await loginFrom(t, '192.0.2.20', 'victim', PASSWORD)).status).toBe(200);
    // A botnet: two guesses from each of many addresses.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) for (let j = 0; j < 2; j++) statuses.push((await loginFrom(t, `10.9.0.${i}`, 'victim')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(5);
    const fromNew = await loginFrom(t, '10.9.1.1', 'victim', PASSWORD);
    await expectProblem(fromNew, 429);
    expect(Number(fromNew.headers.get('retry-after'))).toBeGreaterThan(0);
    // Its owner, at the address they logged in from, is let in.
    expect((await loginFrom(t, '192.0.2.20', 'victim', PASSWORD)).status).toBe(200);
    // The waits grow with each failure; after one, a new address may try again.
    t.clock.advance(16 * MINUTE);
    expect((await loginFrom(t, '10.9.1.1', 'victim', PASSWORD)).status).toBe(200);
  });

  it('record each lockout in the audit log', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['type', 'ip', 'detail']).where('type', '=', 'auth.lockout').execute();
    const scopes = rows.map((r) => (JSON.parse(r.detail) as { scope: string }).scope);
    expect(scopes).toEqual(expect.arrayContaining(['address', 'username and address', 'username, from addresses it has not logged in from']));
  });
});

describe('X-Forwarded-For without TRUST_PROXY', async () => {
  const t = await createTestApp();
  await createAccount(t, 'viewer', 'mallory-target');

  it('is ignored, so a client cannot pick a fresh address for each guess', async () => {
    for (let i = 0; i < 5; i++) await expectProblem(await loginFrom(t, `10.0.0.${i}`, 'mallory-target'), 401);
    await expectProblem(await loginFrom(t, '10.0.0.99', 'mallory-target', PASSWORD), 429);
  });
});
