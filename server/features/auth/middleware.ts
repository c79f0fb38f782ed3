import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { hasRole, type Role } from '#shared/schemas/users.ts';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import type { AppEnv, CurrentUser } from '../../lib/context.ts';
import { hashSecret } from '../../lib/secrets.ts';

export const SESSION_COOKIE = 'readout_session';

/**
 * Finds who is asking, from `Authorization: Bearer <token>` or the session
 * cookie, and sets `c.var.user` (null when nobody is). Disabled users and
 * expired sessions count as nobody.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock } = c.var.deps;
  const now = clock.now();
  let user: CurrentUser | null = null;

  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>"');
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['api_tokens.id as tokenId', 'users.id', 'users.username', 'users.display_name', 'users.role', 'users.disabled'])
      .where('api_tokens.token_hash', '=', hashSecret(match[1]!))
      .executeTakeFirst();
    if (!row || row.disabled) throw unauthorized('The API token is not valid');
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
    user = { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, via: 'token' };
  } else {
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.disabled', 'sessions.expires_at'])
        .where('sessions.id_hash', '=', hashSecret(sessionId))
        .executeTakeFirst();
      if (row && !row.disabled && row.expires_at > now) {
        user = { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, via: 'session' };
      }
    }
  }
  c.set('user', user);
  await next();
};

/** Lets the request through only for a user with at least this role. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) throw unauthorized();
    if (!hasRole(user.role, role)) throw forbidden(`This needs the ${role} role; you are ${user.role === 'admin' ? 'an' : 'a'} ${user.role}`);
    await next();
  };
}

/** The user of a request that passed requireRole. */
export function currentUser(c: { var: { user: CurrentUser | null } }): CurrentUser {
  const user = c.var.user;
  if (!user) throw unauthorized();
  return user;
}

/**
 * Cookie-authenticated unsafe requests must come from the app's own origin:
 * the browser's Origin (or, failing that, Referer) must match the Host. API
 * tokens are not sent automatically by browsers, so bearer requests are exempt.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || c.req.header('authorization')) return next();
  if (!getCookie(c, SESSION_COOKIE)) return next();
  const origin = c.req.header('origin') ?? refererOrigin(c.req.header('referer'));
  const own = new URL(c.req.url).origin;
  const host = c.req.header('host');
  const allowed = origin !== undefined && (origin === own || (host !== undefined && hostOf(origin) === host));
  if (!allowed) throw forbidden('Cross-site request refused: the Origin header does not match this site');
  return next();
};

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
