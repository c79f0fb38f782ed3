import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hasRole, type Role } from '#shared/schemas/users.ts';
import { forbidden, unauthorized } from '../../lib/errors.ts';
import type { AppEnv, CurrentUser } from '../../lib/context.ts';
import { hashSecret } from '../../lib/secrets.ts';
import { type CredentialOwner, extendSession, findSessionOwner, findTokenOwner, touchToken } from './repository.ts';

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
 * The user the request's credential names; or, for a credential that names
 * no active user, why (the words of the 401 it leads to); null when it sent none.
 */
async function userFrom(c: Context<AppEnv>, now: number): Promise<{ user: CurrentUser } | { problem: string } | null> {
  const { db } = c.var.deps;
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { problem: 'The Authorization header must be "Bearer <token>"' };
    const found = await findTokenOwner(db, hashSecret(match[1]!));
    if (!found || found.owner.disabled) return { problem: 'The API token is not valid' };
    if (found.lastUsedAt === null || now - found.lastUsedAt >= TOKEN_USE_RESOLUTION_MS) await touchToken(db, found.tokenId, now);
    return { user: { ...withoutDisabled(found.owner), via: 'token' } };
  }
  const sessionId = getCookie(c, SESSION_COOKIE);
  if (!sessionId) return null;
  const idHash = hashSecret(sessionId);
  const found = await findSessionOwner(db, idHash);
  if (!found || found.owner.disabled || found.expiresAt <= now) return { problem: 'The session has ended; log in again' };
  // SESSION_HOURS is how long a session lasts *unused*: once half of it has
  // passed, push the expiry out again (at most one write per half-life).
  const lifetime = sessionLifetimeMs(c);
  if (found.expiresAt - now < lifetime / 2) {
    await extendSession(db, idHash, now + lifetime);
    setSessionCookie(c, sessionId);
  }
  return { user: { ...withoutDisabled(found.owner), via: 'session' } };
}

function withoutDisabled({ disabled: _disabled, ...user }: CredentialOwner): Omit<CurrentUser, 'via'> {
  return user;
}

/**
 * Finds who is asking, from `Authorization: Bearer <token>` or the session
 * cookie, and sets `c.var.user` (null when nobody is). A bearer header takes
 * precedence over the cookie. Disabled users, expired sessions and unknown
 * tokens count as nobody: routes open to anyone (health, the API document,
 * setup, login) still answer, and the others' 401 says what was wrong.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const found = await userFrom(c, c.var.deps.clock.now());
  c.set('user', found && 'user' in found ? found.user : null);
  c.set('credentialProblem', found && 'problem' in found ? found.problem : null);
  await next();
};

/** Lets the request through only for a user with at least this role. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = currentUser(c);
    if (!hasRole(user.role, role)) throw forbidden(`This needs the ${role} role; you are ${user.role === 'admin' ? 'an' : 'a'} ${user.role}`);
    await next();
  };
}

/** The user of a request that passed requireRole. */
export function currentUser(c: { var: { user: CurrentUser | null; credentialProblem: string | null } }): CurrentUser {
  const user = c.var.user;
  if (!user) throw unauthorized(c.var.credentialProblem ?? undefined);
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
