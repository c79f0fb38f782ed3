import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AuditList, AuditVerification } from '#shared/schemas/audit.ts';
import { ApiTokenCreated } from '#shared/schemas/users.ts';
import { PASSWORD, bearer, createAccount, loggedIn, login } from '../support/accounts.ts';
import { type TestApp, bodyAs, createTestApp, expectProblem } from '../support/app.ts';

const DAY = 24 * 3600_000;

async function entries(admin: { request: TestApp['request'] }, query = '') {
  return (await bodyAs(await admin.request(`/api/audit?limit=500${query}`), AuditList)).items;
}

describe('the audit log', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');
  const viewer = await t.createUser('viewer');
  const account = await createAccount(t, 'analyst', 'grace');

  // Before: 35 security events left no trace anywhere.
  it('records logins, failures, lockouts, logouts, denials, bad tokens, token changes, user changes and exports', async () => {
    const grace = await loggedIn(t, 'grace');
    await login(t, 'grace', 'not-the-password-42');
    await login(t, 'nobody-at-all', 'not-the-password-42');
    for (let i = 0; i < 5; i++) await login(t, 'hedy', 'not-the-password-42');
    await expectProblem(await viewer.request('/api/users'), 403);
    await expectProblem(await bearer(t, 'rdt_made-up', '/api/calls'), 401);
    const token = await bodyAs(await grace.request('/api/tokens', { method: 'POST', json: { name: 'export script' } }), ApiTokenCreated);
    expect((await grace.request(`/api/tokens/${token.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { role: 'viewer' } })).status).toBe(200);
    expect((await viewer.request('/api/export?format=csv')).status).toBe(200);
    expect((await grace.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);

    const log = await entries(admin);
    const types = log.map((e) => e.type);
    for (const type of ['user.created', 'auth.login', 'auth.login_failed', 'auth.lockout', 'access.denied', 'token.invalid', 'token.created', 'token.revoked', 'user.role_changed', 'data.exported', 'auth.logout']) {
      expect(types, type).toContain(type);
    }
    const failed = log.filter((e) => e.type === 'auth.login_failed');
    expect(failed.map((e) => [e.actor, e.detail.reason])).toEqual(expect.arrayContaining([['grace', 'wrong password'], ['nobody-at-all', 'unknown username']]));
    expect(log.find((e) => e.type === 'access.denied')).toMatchObject({ actor: viewer.username, via: 'session', detail: { path: '/api/users', needs: 'admin', has: 'viewer' } });
    expect(log.find((e) => e.type === 'user.role_changed')).toMatchObject({ actor: admin.username, target: `user:${account.id}`, detail: { from: 'analyst', to: 'viewer' } });
    expect(log.find((e) => e.type === 'data.exported')).toMatchObject({ actor: viewer.username, detail: { query: { format: 'csv' } } });
    // Never a secret.
    const text = JSON.stringify(log);
    for (const secret of [PASSWORD, token.token, 'not-the-password-42']) expect(text).not.toContain(secret);
  });

  it('is written in the transaction of the change: a refused change leaves no entry', async () => {
    const before = (await entries(admin, '&type=user')).length;
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: { username: 'grace', password: 'another good phrase', displayName: 'Dup', role: 'viewer' } }), 409);
    await expectProblem(await admin.request(`/api/users/${account.id}`, { method: 'PATCH', json: { password: 'password123' } }), 422, ['password']);
    expect((await entries(admin, '&type=user')).length).toBe(before);
  });

  it('filters by type or area, actor and time, newest first, a page at a time', async () => {
    const auth = await entries(admin, '&type=auth');
    expect(auth.length).toBeGreaterThan(3);
    expect(auth.every((e) => e.type.startsWith('auth.'))).toBe(true);
    expect(auth.map((e) => e.seq)).toEqual([...auth.map((e) => e.seq)].sort((a, b) => b - a));
    const both = await entries(admin, '&type=token.created,token.revoked');
    expect(new Set(both.map((e) => e.type))).toEqual(new Set(['token.created', 'token.revoked']));
    expect((await entries(admin, '&actor=grace')).every((e) => e.actor === 'grace')).toBe(true);
    const future = new Date(t.clock.now() + DAY).toISOString();
    expect(await entries(admin, `&from=${future}`)).toEqual([]);
    const page = await bodyAs(await admin.request('/api/audit?limit=2'), AuditList);
    const next = await bodyAs(await admin.request(`/api/audit?limit=2&cursor=${encodeURIComponent(page.nextCursor!)}`), AuditList);
    expect(next.items[0]!.seq).toBe(page.items[1]!.seq - 1);
    await expectProblem(await admin.request('/api/audit?type=Robert%27);DROP'), 400, ['type']);
  });

  it('is for admins only, and no route changes or deletes it', async () => {
    await expectProblem(await viewer.request('/api/audit'), 403);
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) expect((await admin.request('/api/audit', { method, json: {} })).status).toBe(404);
    // The database refuses too.
    await expect(sql`update audit_log set type = 'nothing' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('chains each entry to the one before, so a changed or removed entry shows', async () => {
    const clean = await bodyAs(await admin.request('/api/audit/verify'), AuditVerification);
    expect(clean).toMatchObject({ valid: true, problems: [] });
    expect(clean.entries).toBe(clean.headSeq);
    // Someone with the database in hand edits an entry behind the app's back.
    await dropGuard(t);
    await sql`update audit_log set actor = 'someone-else' where seq = 3`.execute(t.db);
    await sql`delete from audit_log where seq = 5`.execute(t.db);
    const tampered = await bodyAs(await admin.request('/api/audit/verify'), AuditVerification);
    expect(tampered.valid).toBe(false);
    expect(tampered.problems.map((p) => p.seq)).toEqual(expect.arrayContaining([3, 6]));
  });
});

async function dropGuard(t: TestApp) {
  if (t.dialect === 'postgres') await sql`drop trigger audit_log_guard on audit_log`.execute(t.db);
  else {
    await sql`drop trigger audit_log_no_update`.execute(t.db);
    await sql`drop trigger audit_log_no_delete`.execute(t.db);
  }
}

describe('the audit export', async () => {
  const t = await createTestApp();
  const admin = await t.createUser('admin');

  it('is CSV (or JSON) of the filtered entries, oldest first, with formula-like cells made text, and is itself recorded', async () => {
    await login(t, '=cmd', 'not-the-password-42');
    await login(t, '@sum', 'not-the-password-42');
    const res = await admin.request('/api/audit/export?type=auth.login_failed');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="readout-audit-2013-02-18\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe('seq,at,type,actor,ip,userAgent,via,target,detail,hash');
    expect(lines[1]).toContain(",auth.login_failed,'=cmd,");
    expect(lines[2]).toContain(",auth.login_failed,'@sum,");
    const json = (await (await admin.request('/api/audit/export?format=json&type=auth')).json()) as { type: string }[];
    expect(json.map((e) => e.type)).toEqual(['auth.login_failed', 'auth.login_failed']);
    const log = await bodyAs(await admin.request('/api/audit?type=audit.exported'), AuditList);
    expect(log.items).toHaveLength(2);
  });
});

describe('retention (AUDIT_RETENTION_DAYS)', async () => {
  const t = await createTestApp({ config: { AUDIT_RETENTION_DAYS: 30 } });
  const admin = await t.createUser('admin');

  it('drops entries older than the setting, says so, and keeps the chain checkable', async () => {
    for (let i = 0; i < 3; i++) await login(t, `old-${i}`, 'not-the-password-42');
    t.clock.advance(31 * DAY);
    await login(t, 'recent', 'not-the-password-42');
    const log = await bodyAs(await admin.request('/api/audit?limit=500'), AuditList);
    expect(log.items.map((e) => e.actor)).not.toContain('old-0');
    expect(log.items.find((e) => e.type === 'audit.pruned')?.detail).toMatchObject({ removed: 3, retentionDays: 30 });
    expect(await bodyAs(await admin.request('/api/audit/verify'), AuditVerification)).toMatchObject({ valid: true, prunedThrough: 3 });
  });
});
