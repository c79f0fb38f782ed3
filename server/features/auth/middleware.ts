import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hasRole, type Role } from '#shared/schemas/users.ts';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import type { AppEnv, CurrentUser } from '../../lib/context.ts';
import { hashSecret } from '../../lib/secrets.ts';

export const SESSION_COOKIE = 'readout_session';

/** A token's last use is recorded at most this often, so reads do not each cost a write. */
const TOKEN_USE_RESOLUTION_MS = 60_000;

function sessionLifetimeMs(c: Context<AppEnv>): number {
  return c.var.deps.config.SESSION_HOURS * 3600_000;
}

/**
 * The session cookie: unreadable by scripts (HttpOnly), not sent on
 * cross-site subrequests or form posts (SameSite=Lax), Secure behind HTTPS.
 */
export function setSessionCookie(c: Context<AppEnv>, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.var.deps.config.SECURE_COOKIES,
    maxAge: Math.floor(sessionLifetimeMs(c) / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.var.deps.config.SECURE_COOKIES });
}

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
      .select(['api_tokens.id as tokenId', 'api_tokens.last_used_at', 'users.id', 'users.username', 'users.display_name', 'users.role', 'users.disabled'])
      .where('api_tokens.token_hash', '=', hashSecret(match[1]!))
      .executeTakeFirst();
    if (!row || Number(row.disabled) === 1) throw unauthorized('The API token is not valid');
    if (row.last_used_at === null || now - row.last_used_at >= TOKEN_USE_RESOLUTION_MS) {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
    }
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
      if (row && Number(row.disabled) === 0 && row.expires_at > now) {
        user = { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, via: 'session' };
        // SESSION_HOURS is how long a session lasts *unused*: once half of it
        // has passed, push the expiry out again (at most one write per half-life).
        const lifetime = sessionLifetimeMs(c);
        if (row.expires_at - now < lifetime / 2) {
          await db.updateTable('sessions').set({ expires_at: now + lifetime }).where('id_hash', '=', hashSecret(sessionId)).execute();
          setSessionCookie(c, sessionId);
        }
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
 * Without a cookie, a request that names a foreign Origin is refused too: a
 * browser always sends Origin on a cross-site POST, and another site must not
 * be able to log a visitor in to an account of its choosing (login CSRF);
 * scripts and the CLI send no Origin and pass.
 */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || c.req.header('authorization')) return next();
  const own = new URL(c.req.url).origin;
  const host = c.req.header('host');
  const isOwn = (origin: string) => origin === own || (host !== undefined && hostOf(origin) === host);
  if (!getCookie(c, SESSION_COOKIE)) {
    const origin = c.req.header('origin');
    if (origin !== undefined && !isOwn(origin)) throw forbidden('Cross-site request refused: the Origin header does not match this site');
    return next();
  }
  const origin = c.req.header('origin') ?? refererOrigin(c.req.header('referer'));
  if (origin === undefined || !isOwn(origin)) throw forbidden('Cross-site request refused: the Origin header does not match this site');
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
