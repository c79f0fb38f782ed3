import { describe, expect, it } from 'vitest';
import { ApiTokenCreated, ApiTokenList } from '#shared/schemas/users.ts';
import { PASSWORD, type Browser, bearer, createAccount, loggedIn } from '../support/accounts.ts';
import { type TestApp, bodyAs, createTestApp, expectProblem } from '../support/app.ts';

const DAY = 24 * 3600_000;
const MINUTE = 60_000;

async function newToken(browser: Browser, body: Record<string, unknown> = {}) {
  return bodyAs(await browser.request('/api/tokens', { method: 'POST', json: { name: 'script', ...body } }), ApiTokenCreated);
}

const works = async (t: TestApp, token: string) => (await bearer(t, token, '/api/auth/me')).status === 200;

describe('API tokens in time', async () => {
  const t = await createTestApp();
  await createAccount(t, 'analyst', 'frances');
  const frances = await loggedIn(t, 'frances');

  // Before: tokens never expired.
  it('expire after 90 days by default', async () => {
    const token = await newToken(frances);
    expect(token.expiresAt).toBe(new Date(t.clock.now() + 90 * DAY).toISOString());
    const list = await bodyAs(await frances.request('/api/tokens'), ApiTokenList);
    expect(list.items.find((i) => i.id === token.id)?.expiresAt).toBe(token.expiresAt);
    expect(await works(t, token.token)).toBe(true);
    t.clock.advance(90 * DAY);
    const res = await bearer(t, token.token, '/api/auth/me');
    expect(await expectProblem(res, 401)).toMatchObject({ detail: `The API token expired at ${token.expiresAt}` });
  });

  it('take an expiry of their own, in the future and at most a year away', async () => {
    const browser = await loggedIn(t, 'frances');
    const inAWeek = new Date(t.clock.now() + 7 * DAY).toISOString();
    expect((await newToken(browser, { expiresAt: inAWeek })).expiresAt).toBe(inAWeek);
    const past = new Date(t.clock.now() - 1000).toISOString();
    await expectProblem(await browser.request('/api/tokens', { method: 'POST', json: { name: 'x', expiresAt: past } }), 422, ['expiresAt']);
    const tooFar = new Date(t.clock.now() + 367 * DAY).toISOString();
    await expectProblem(await browser.request('/api/tokens', { method: 'POST', json: { name: 'x', expiresAt: tooFar } }), 422, ['expiresAt']);
  });

  it('need a recent login to be made: the password again after 10 minutes', async () => {
    const browser = await loggedIn(t, 'frances');
    t.clock.advance(11 * MINUTE);
    const refused = await browser.request('/api/tokens', { method: 'POST', json: { name: 'late' } });
    expect(await expectProblem(refused, 403, ['password'])).toMatchObject({ code: 'reauthentication_required' });
    await expectProblem(await browser.request('/api/tokens', { method: 'POST', json: { name: 'late', password: 'wrong one' } }), 422, ['password']);
    expect((await browser.request('/api/tokens', { method: 'POST', json: { name: 'late', password: PASSWORD } })).status).toBe(201);
    // Confirming counts for the next 10 minutes.
    expect((await browser.request('/api/tokens', { method: 'POST', json: { name: 'later' } })).status).toBe(201);
  });

  it('a token cannot make another without the password', async () => {
    const browser = await loggedIn(t, 'frances');
    const token = await newToken(browser);
    await expectProblem(await bearer(t, token.token, '/api/tokens', { method: 'POST', json: { name: 'child' } }), 403);
    expect((await bearer(t, token.token, '/api/tokens', { method: 'POST', json: { name: 'child', password: PASSWORD } })).status).toBe(201);
  });
});

describe('API tokens and password changes', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');
  const account = await createAccount(t, 'viewer', 'radia');

  // Before: tokens outlived password changes, resets and re-enabling.
  it('end when their owner changes the password', async () => {
    const radia = await loggedIn(t, 'radia');
    const token = await newToken(radia);
    expect((await radia.request('/api/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'spanning tree protocol' } })).status).toBe(204);
    expect(await works(t, token.token)).toBe(false);
    expect((await bodyAs(await radia.request('/api/tokens'), ApiTokenList)).items).toEqual([]);
  });

  it('end when an admin resets the password', async () => {
    const radia = await loggedIn(t, 'radia', 'spanning tree protocol');
    const token = await newToken(radia);
    expect((await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { password: 'a temporary phrase here' } })).status).toBe(200);
    expect(await works(t, token.token)).toBe(false);
  });

  it('do not come back when a disabled owner is enabled again', async () => {
    const radia = await loggedIn(t, 'radia', 'a temporary phrase here');
    expect((await radia.request('/api/auth/password', { method: 'POST', json: { currentPassword: 'a temporary phrase here', newPassword: 'spanning tree protocol' } })).status).toBe(204);
    const token = await newToken(radia);
    expect((await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { disabled: true } })).status).toBe(200);
    expect((await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { disabled: false } })).status).toBe(200);
    expect(await works(t, token.token)).toBe(false);
  });

  it('of anyone can be listed and revoked by an admin', async () => {
    const radia = await loggedIn(t, 'radia', 'spanning tree protocol');
    const token = await newToken(radia, { name: 'nightly' });
    const list = await bodyAs(await admin.request(`/api/users/${account.id}/tokens`), ApiTokenList);
    expect(list.items.map((i) => i.name)).toEqual(['nightly']);
    expect(JSON.stringify(list)).not.toContain(token.token);
    await expectProblem(await admin.request(`/api/users/${admin.id}/tokens/${token.id}`, { method: 'DELETE' }), 404);
    expect((await admin.request(`/api/users/${account.id}/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await works(t, token.token)).toBe(false);
    const audit = await t.db.selectFrom('audit_log').select(['type', 'actor', 'target', 'detail']).where('type', '=', 'token.revoked').execute();
    expect(audit.at(-1)).toMatchObject({ actor: admin.username, target: `token:${token.id}` });
    expect(JSON.parse(audit.at(-1)!.detail)).toMatchObject({ name: 'nightly', owner: 'radia', byAdmin: true });
    await expectProblem(await radia.request(`/api/users/${account.id}/tokens`), 403);
  });
});
