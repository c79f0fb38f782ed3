import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from '#server/lib/secrets.ts';
import { bearer } from '../support/accounts.ts';
import { type TestApp, createTestApp } from '../support/app.ts';
import { servedRoutes } from './served-routes.ts';

/**
 * Who may call each route the app serves:
 * - `anyone`: no login needed;
 * - `viewer`, `analyst`, `admin`: at least that role;
 * - `self`: any signed-in user, about their own account (a viewer too may write these).
 * A route missing here fails the first test below, which says what to add.
 */
type Policy = 'anyone' | 'viewer' | 'analyst' | 'admin' | 'self';

const POLICY: Record<string, Policy> = {
  'GET /api/health': 'anyone',
  'GET /api/openapi.json': 'anyone',
  'GET /api/docs': 'anyone',
  'GET /api/auth/setup': 'anyone',
  'POST /api/auth/setup': 'anyone',
  'POST /api/auth/login': 'anyone',
  'POST /api/auth/logout': 'anyone',

  'GET /api/auth/me': 'self',
  'POST /api/auth/password': 'self',
  'POST /api/auth/logout-all': 'self',
  'POST /api/auth/reauthenticate': 'self',
  'GET /api/auth/sessions': 'self',
  'DELETE /api/auth/sessions/:id': 'self',
  'GET /api/auth/mfa': 'self',
  'POST /api/auth/mfa/setup': 'self',
  'POST /api/auth/mfa/enable': 'self',
  'POST /api/auth/mfa/disable': 'self',
  'POST /api/auth/mfa/recovery-codes': 'self',
  'GET /api/tokens': 'self',
  'POST /api/tokens': 'self',
  'DELETE /api/tokens/:id': 'self',

  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'GET /api/users/:id': 'admin',
  'PATCH /api/users/:id': 'admin',
  'GET /api/users/:id/tokens': 'admin',
  'DELETE /api/users/:id/tokens/:tokenId': 'admin',
  'GET /api/users/:id/sessions': 'admin',
  'DELETE /api/users/:id/sessions': 'admin',
  'DELETE /api/users/:id/mfa': 'admin',
  'GET /api/audit': 'admin',
  'GET /api/audit/verify': 'admin',
  'GET /api/audit/export': 'admin',
  'GET /api/webhooks': 'admin',
  'POST /api/webhooks': 'admin',
  'GET /api/webhooks/:id': 'admin',
  'PATCH /api/webhooks/:id': 'admin',
  'DELETE /api/webhooks/:id': 'admin',
  'GET /api/webhooks/:id/deliveries': 'admin',
  'POST /api/webhooks/:id/deliveries/:deliveryId/resend': 'admin',
  'POST /api/webhooks/:id/test': 'admin',

  'GET /api/ministries': 'viewer',
  'POST /api/ministries': 'analyst',
  'GET /api/ministries/:id': 'viewer',
  'PATCH /api/ministries/:id': 'analyst',
  'DELETE /api/ministries/:id': 'analyst',
  'GET /api/ministries/:id/holidays': 'viewer',
  'GET /api/officials': 'viewer',
  'POST /api/officials': 'analyst',
  'GET /api/officials/:id': 'viewer',
  'GET /api/officials/:id/contacts': 'viewer',
  'PATCH /api/officials/:id': 'analyst',
  'DELETE /api/officials/:id': 'analyst',
  'GET /api/officials/:id/absences': 'viewer',
  'POST /api/officials/:id/absences': 'analyst',
  'GET /api/officials/:id/absences/:absenceId': 'viewer',
  'PATCH /api/officials/:id/absences/:absenceId': 'analyst',
  'DELETE /api/officials/:id/absences/:absenceId': 'analyst',
  'GET /api/calls': 'viewer',
  'POST /api/calls': 'analyst',
  'GET /api/calls/awaiting': 'viewer',
  'GET /api/calls/:id': 'viewer',
  'GET /api/calls/:id/history': 'viewer',
  'PATCH /api/calls/:id': 'analyst',
  'DELETE /api/calls/:id': 'analyst',
  'GET /api/calls/:id/attempts': 'viewer',
  'POST /api/calls/:id/attempts': 'analyst',
  'GET /api/rounds': 'viewer',
  'POST /api/rounds': 'analyst',
  'GET /api/rounds/:id': 'viewer',
  'PATCH /api/rounds/:id': 'analyst',
  'DELETE /api/rounds/:id': 'analyst',
  'GET /api/rounds/:id/history': 'viewer',
  'GET /api/stats/response-times': 'viewer',
  'GET /api/stats/trend': 'viewer',
  'GET /api/stats/awaiting-context': 'viewer',
  'GET /api/events': 'viewer',
  'GET /api/alert-rules': 'analyst',
  'POST /api/alert-rules': 'analyst',
  'GET /api/alert-rules/:id': 'analyst',
  'PATCH /api/alert-rules/:id': 'analyst',
  'DELETE /api/alert-rules/:id': 'analyst',
  'GET /api/notifications': 'viewer',
  'POST /api/notifications/read-all': 'viewer',
  'POST /api/notifications/:id/read': 'viewer',
  'GET /api/export': 'viewer',
  'POST /api/import': 'analyst',
  'GET /api/import/progress/:id': 'analyst',
};

const RANK: Record<Policy, number> = { anyone: 0, self: 1, viewer: 1, analyst: 2, admin: 3 };
const SOME_ID = '00000000-0000-4000-8000-000000000000';

type Caller = { name: string; rank: number; send: (method: string, path: string) => Promise<Response> };

function init(method: string): RequestInit & { json?: unknown } {
  return { method, ...(method === 'GET' || method === 'DELETE' ? {} : { json: {} }), headers: { 'If-Match': '"1"' } };
}

/** A viewer's API token, stored directly: the matrix is about who may call what, not how tokens are made. */
async function viewerToken(t: TestApp): Promise<string> {
  const viewer = await t.createUser('viewer');
  const token = newSecret('rdt_');
  const now = t.clock.now();
  await t.db.insertInto('api_tokens').values({ id: randomUUID(), user_id: viewer.id, name: 'matrix', token_hash: hashSecret(token), created_at: now, last_used_at: null, expires_at: now + 3650 * 24 * 3600_000 }).execute();
  return token;
}

describe('who may use each route', async () => {
  const t = await createTestApp();
  const routes = servedRoutes(t.app);
  const token = await viewerToken(t);
  // A fresh user per request for the signed-in callers: a route may end its caller's session (logout-all).
  const as = (role: 'viewer' | 'analyst' | 'admin') => async (method: string, path: string) => (await t.createUser(role)).request(path, init(method));
  const callers: Caller[] = [
    { name: 'nobody', rank: 0, send: (method, path) => t.request(path, init(method)) },
    { name: 'a made-up token', rank: 0, send: (method, path) => bearer(t, 'rdt_made-up', path, init(method)) },
    { name: 'a viewer', rank: 1, send: as('viewer') },
    { name: 'a viewer’s token', rank: 1, send: (method, path) => bearer(t, token, path, init(method)) },
    { name: 'an analyst', rank: 2, send: as('analyst') },
    { name: 'an admin', rank: 3, send: as('admin') },
  ];

  it('has a policy for every route the app serves, and none for a route it does not serve', () => {
    const missing = routes.filter((r) => !(r.route in POLICY));
    const guess = (method: string) => (method === 'GET' ? 'viewer' : 'analyst');
    expect(
      missing.map((r) => `'${r.route}': '${guess(r.method)}',`),
      `Served but not in POLICY of tests/api/access-matrix.test.ts. Add each line to POLICY, with who may call the route ('anyone', 'viewer', 'analyst', 'admin', or 'self' for a signed-in user's own account), then run this test again`,
    ).toEqual([]);
    const served = new Set(routes.map((r) => r.route));
    expect(Object.keys(POLICY).filter((route) => !served.has(route)), 'In POLICY but not served: remove these lines').toEqual([]);
  });

  it('answers each kind of caller as the policy says: 401 for nobody, 403 below the role, neither for the others', async () => {
    expect(routes.length).toBeGreaterThan(50);
    const mismatches: string[] = [];
    for (const { route, method, path } of routes) {
      const policy = POLICY[route];
      if (!policy) continue;
      const concrete = path.replace(/:\w+/g, SOME_ID);
      for (const caller of callers) {
        const res = await caller.send(method, concrete);
        // Past the role check, a sensitive action may still ask for a fresh login (a token cannot give one).
        const code = res.status === 403 ? ((await res.json()) as { code?: string }).code : await res.body?.cancel();
        const expected = caller.rank === 0 ? (policy === 'anyone' ? 'served' : 401) : caller.rank < RANK[policy] ? 403 : 'served';
        const refused = res.status === 401 || (res.status === 403 && code !== 'reauthentication_required');
        const ok = expected === 'served' ? !refused : res.status === expected;
        if (!ok) mismatches.push(`${route} by ${caller.name}: expected ${expected}, got ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
