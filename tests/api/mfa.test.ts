import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { MfaSetup, MfaStatus, RecoveryCodes } from '#shared/schemas/auth.ts';
import { Me } from '#shared/schemas/users.ts';
import { PASSWORD, type Browser, createAccount, loggedIn, login, sessionCookieOf, browserWith } from '../support/accounts.ts';
import { type TestApp, bodyAs, createTestApp, expectProblem } from '../support/app.ts';

const STEP = 30_000;
const DAY = 24 * 3600_000;
const codeAt = (secret: string, t: TestApp) => generateSync({ secret, epoch: Math.floor(t.clock.now() / 1000) });

async function enrol(t: TestApp, browser: Browser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await bodyAs(await browser.request('/api/auth/mfa/setup', { method: 'POST' }), MfaSetup);
  expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Readout:[^?]+\?secret=[A-Z2-7]+&issuer=Readout$/);
  const enabled = await bodyAs(await browser.request('/api/auth/mfa/enable', { method: 'POST', json: { code: codeAt(setup.secret, t) } }), RecoveryCodes);
  return { secret: setup.secret, recoveryCodes: enabled.recoveryCodes };
}

const loginWith = (t: TestApp, username: string, code?: string) =>
  t.request('/api/auth/login', { method: 'POST', json: { username, password: PASSWORD, ...(code === undefined ? {} : { code }) } });

describe('two-factor authentication (TOTP, RFC 6238)', async () => {
  const t = await createTestApp();
  await createAccount(t, 'analyst', 'grace');
  const browser = await loggedIn(t, 'grace');
  const { secret, recoveryCodes } = await enrol(t, browser);

  it('hands out 10 recovery codes and stores only their argon2id hashes', async () => {
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    const rows = await t.db.selectFrom('mfa_recovery_codes').select('code_hash').execute();
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row.code_hash).toMatch(/^\$argon2id\$/);
    const stored = JSON.stringify(rows);
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replaceAll('-', ''));
    expect(await bodyAs(await browser.request('/api/auth/mfa'), MfaStatus)).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });
  });

  // Before: a password alone logged in, whatever the account.
  it('asks for the code once enrolled: 401 with mfaRequired, and no session', async () => {
    t.clock.advance(STEP);
    const res = await loginWith(t, 'grace');
    const problem = await expectProblem(res, 401);
    expect(problem).toMatchObject({ mfaRequired: true, code: 'mfa_required' });
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  it('logs in with a current code, and refuses the same code a second time (replay)', async () => {
    t.clock.advance(STEP);
    const code = codeAt(secret, t);
    expect((await loginWith(t, 'grace', code)).status).toBe(200);
    const replay = await expectProblem(await loginWith(t, 'grace', code), 401);
    expect(replay).toMatchObject({ mfaRequired: true });
    // The next step's code works.
    t.clock.advance(STEP);
    expect((await loginWith(t, 'grace', codeAt(secret, t))).status).toBe(200);
  });

  it('refuses a wrong code, counting it as a failed login', async () => {
    t.clock.advance(STEP);
    await expectProblem(await loginWith(t, 'grace', '000000'), 401);
    const row = await t.db.selectFrom('login_failures').select('failures').where('subject', '=', 'pair:grace|-').executeTakeFirstOrThrow();
    expect(Number(row.failures)).toBe(1);
  });

  it('takes each recovery code once, in any case and with or without dashes', async () => {
    const [first] = recoveryCodes;
    expect((await loginWith(t, 'grace', first!.toUpperCase().replaceAll('-', ' '))).status).toBe(200);
    await expectProblem(await loginWith(t, 'grace', first!), 401);
    expect((await bodyAs(await browser.request('/api/auth/mfa'), MfaStatus)).recoveryCodesLeft).toBe(9);
  });

  it('is turned off only with the password and a current code', async () => {
    t.clock.advance(STEP);
    await expectProblem(await browser.request('/api/auth/mfa/disable', { method: 'POST', json: { password: 'not the password', code: codeAt(secret, t) } }), 422, ['password']);
    await expectProblem(await browser.request('/api/auth/mfa/disable', { method: 'POST', json: { password: PASSWORD, code: '123456' } }), 422, ['code']);
    await expectProblem(await browser.request('/api/auth/mfa/disable', { method: 'POST', json: { password: PASSWORD } }), 422, ['code']);
    expect((await browser.request('/api/auth/mfa/disable', { method: 'POST', json: { password: PASSWORD, code: codeAt(secret, t) } })).status).toBe(204);
    expect((await loginWith(t, 'grace')).status).toBe(200);
    expect(await t.db.selectFrom('mfa_recovery_codes').select('id').execute()).toEqual([]);
  });
});

describe('turning two-factor on', async () => {
  const t = await createTestApp();
  await createAccount(t, 'viewer', 'hopper');
  const browser = await loggedIn(t, 'hopper');

  it('needs a code from the new secret, and a setup first', async () => {
    await expectProblem(await browser.request('/api/auth/mfa/enable', { method: 'POST', json: { code: '123456' } }), 409, ['code']);
    const setup = await bodyAs(await browser.request('/api/auth/mfa/setup', { method: 'POST' }), MfaSetup);
    await expectProblem(await browser.request('/api/auth/mfa/enable', { method: 'POST', json: { code: '12345' } }), 422, ['code']);
    const wrong = codeAt(setup.secret, t) === '000000' ? '000001' : '000000';
    await expectProblem(await browser.request('/api/auth/mfa/enable', { method: 'POST', json: { code: wrong } }), 422, ['code']);
    expect((await bodyAs(await browser.request('/api/auth/mfa'), MfaStatus)).enabled).toBe(false);
  });

  it('ends the other sessions, which were made without it', async () => {
    const other = await loggedIn(t, 'hopper');
    await enrol(t, browser);
    await expectProblem(await other.request('/api/auth/me'), 401);
    expect((await browser.request('/api/auth/me')).status).toBe(200);
  });

  it('setting it up again needs a recent login', async () => {
    t.clock.advance(11 * 60_000);
    const res = await browser.request('/api/auth/mfa/setup', { method: 'POST' });
    expect(await expectProblem(res, 403, ['password'])).toMatchObject({ code: 'reauthentication_required' });
    const confirmed = await browser.request('/api/auth/reauthenticate', { method: 'POST', json: { password: PASSWORD } });
    expect(confirmed.status).toBe(204);
    // Like any login, confirming replaces the session: the old cookie is worth nothing now.
    const renewed = browserWith(t, sessionCookieOf(confirmed)!);
    expect(renewed.cookie).not.toBe(browser.cookie);
    await expectProblem(await browser.request('/api/auth/me'), 401);
    expect((await renewed.request('/api/auth/mfa/setup', { method: 'POST' })).status).toBe(200);
  });

  it('stays on when an admin resets the password: a reset does not get around it', async () => {
    const admin = await t.createUser('admin');
    const hopper = await t.db.selectFrom('users').select(['id', 'mfa_secret']).where('username', '=', 'hopper').executeTakeFirstOrThrow();
    expect((await admin.request(`/api/users/${hopper.id}`, { method: 'PATCH', json: { password: 'a fresh first phrase' } })).status).toBe(200);
    const res = await t.request('/api/auth/login', { method: 'POST', json: { username: 'hopper', password: 'a fresh first phrase' } });
    expect(await expectProblem(res, 401)).toMatchObject({ mfaRequired: true });
    t.clock.advance(STEP);
    const code = generateSync({ secret: hopper.mfa_secret!, epoch: Math.floor(t.clock.now() / 1000) });
    const withCode = await t.request('/api/auth/login', { method: 'POST', json: { username: 'hopper', password: 'a fresh first phrase', code } });
    expect(withCode.status).toBe(200);
    expect((await bodyAs(await browserWith(t, sessionCookieOf(withCode)!).request('/api/auth/me'), Me)).mustChangePassword).toBe(true);
  });
});

describe('admins and the grace period (MFA_GRACE_DAYS)', async () => {
  const t = await createTestApp({ config: { MFA_GRACE_DAYS: 7 } });
  await createAccount(t, 'admin', 'ada');
  await createAccount(t, 'analyst', 'alan');

  it('lets an admin work during the grace period, telling the dashboard until when', async () => {
    const ada = await loggedIn(t, 'ada');
    const me = await bodyAs(await ada.request('/api/auth/me'), Me);
    expect(me).toMatchObject({ mfaRequired: true, mfaEnabled: false, mfaEnrolmentDue: false, mfaGraceEndsAt: new Date(t.clock.now() + 7 * DAY).toISOString() });
    expect((await ada.request('/api/users')).status).toBe(200);
    // An analyst need not enrol.
    const alan = await bodyAs(await (await loggedIn(t, 'alan')).request('/api/auth/me'), Me);
    expect(alan).toMatchObject({ mfaRequired: false, mfaGraceEndsAt: null });
  });

  // Before: admins never had to enrol.
  it('after it, lets an admin who has not enrolled do nothing but enrol', async () => {
    t.clock.advance(7 * DAY + 1);
    const ada = await loggedIn(t, 'ada');
    expect((await bodyAs(await ada.request('/api/auth/me'), Me)).mfaEnrolmentDue).toBe(true);
    for (const path of ['/api/users', '/api/calls', '/api/audit']) {
      expect(await expectProblem(await ada.request(path), 403)).toMatchObject({ code: 'mfa_enrolment_required' });
    }
    const { secret } = await enrol(t, ada);
    expect((await ada.request('/api/users')).status).toBe(200);
    t.clock.advance(STEP);
    await expectProblem(await login(t, 'ada'), 401);
    expect((await loginWith(t, 'ada', codeAt(secret, t))).status).toBe(200);
  });

  it('does not let an admin turn it off, only move it to another device', async () => {
    t.clock.advance(STEP);
    const res = await loginWith(t, 'ada', codeAt((await t.db.selectFrom('users').select('mfa_secret').where('username', '=', 'ada').executeTakeFirstOrThrow()).mfa_secret!, t));
    const ada = browserWith(t, sessionCookieOf(res)!);
    await expectProblem(await ada.request('/api/auth/mfa/disable', { method: 'POST', json: { password: PASSWORD, code: '123456' } }), 409, ['code']);
  });

  it('lets another admin remove a lost authenticator, after which the account enrols again', async () => {
    const other = await t.createUser('admin');
    const ada = await t.db.selectFrom('users').select('id').where('username', '=', 'ada').executeTakeFirstOrThrow();
    expect((await other.request(`/api/users/${ada.id}/mfa`, { method: 'DELETE' })).status).toBe(204);
    const again = await loggedIn(t, 'ada');
    expect((await bodyAs(await again.request('/api/auth/me'), Me)).mfaEnrolmentDue).toBe(true);
    await expectProblem(await other.request(`/api/users/${ada.id}/mfa`, { method: 'DELETE' }), 409);
  });
});
