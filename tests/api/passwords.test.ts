import { describe, expect, it } from 'vitest';
import { passwordProblem, shippedListSize } from '#server/features/auth/password-policy.ts';
import { PASSWORD, createAccount, loggedIn } from '../support/accounts.ts';
import { createTestApp, expectProblem } from '../support/app.ts';

// Before: all three were accepted.
const WEAK = ['password123', '1234567890', 'qwertyuiop', 'Password123', 'iloveyou12'];

describe('passwords', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');
  const account = await createAccount(t, 'viewer', 'katherine');
  const katherine = await loggedIn(t, 'katherine');
  const fresh = await createTestApp();

  it('come checked against a shipped list of at least 100,000 common and breached passwords', () => {
    expect(shippedListSize()).toBeGreaterThanOrEqual(100_000);
    for (const weak of WEAK) expect(passwordProblem(weak, 'someone'), weak).toMatch(/common/);
    expect(passwordProblem(PASSWORD, 'someone')).toBeNull();
  });

  it('that are common are refused everywhere a password is set, naming the field (422)', async () => {
    for (const weak of WEAK) {
      await expectProblem(await fresh.request('/api/auth/setup', { method: 'POST', json: { username: 'first', password: weak, displayName: 'First' } }), 422, ['password']);
      await expectProblem(await admin.request('/api/users', { method: 'POST', json: { username: 'newbie', password: weak, displayName: 'New', role: 'viewer' } }), 422, ['password']);
      await expectProblem(await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { password: weak } }), 422, ['password']);
      await expectProblem(await katherine.request('/api/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: weak } }), 422, ['newPassword']);
    }
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'newbie').execute()).toEqual([]);
  });

  it('may not contain the words of the documented context list: the product’s name', () => {
    expect(passwordProblem('my Readout login 2026', 'someone')).toMatch(/readout/);
  });

  it('may not contain the username, in any case', async () => {
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: { username: 'barbara', password: 'my name is Barbara ok', displayName: 'B', role: 'viewer' } }), 422, ['password']);
    await expectProblem(await katherine.request('/api/auth/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'KATHERINE rules the world' } }), 422, ['newPassword']);
  });

  it('stay 10 to 256 characters, and long passphrases are welcome', async () => {
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: { username: 'shorty', password: 'x7#Kq!2', displayName: 'S', role: 'viewer' } }), 422, ['password']);
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: { username: 'longy', password: 'a'.repeat(257), displayName: 'L', role: 'viewer' } }), 422, ['password']);
    const long = 'the quick brown fox jumps over the lazy dog '.repeat(5);
    expect((await admin.request('/api/users', { method: 'POST', json: { username: 'longer', password: long, displayName: 'L', role: 'viewer' } })).status).toBe(201);
  });

  // Before: an admin's session alone could set the admin's own password.
  it('of an admin are changed only with the current one', async () => {
    await expectProblem(await admin.request(`/api/users/${admin.id}`, { method: 'PATCH', json: { password: 'a completely new phrase' } }), 422, ['password']);
    const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', admin.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBe('not-a-password');
  });
});
