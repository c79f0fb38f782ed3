import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hasRole, type Role } from '#shared/schemas/users.ts';
import type { Config } from '../../config.ts';
import type { AppEnv, CurrentUser, Deps } from '../../lib/context.ts';
import { AppError, forbidden, unauthorized } from '../../lib/errors.ts';
import { keptUntilChange } from '../../db/change-mark.ts';
import { hashSecret } from '../../lib/secrets.ts';
import { recordWithinBudget } from '../audit/budget.ts';
import { byUser } from '../audit/service.ts';
import { idleMs, mfaEnrolmentDue, sessionLifetimeMs } from './policy.ts';
import { type CredentialOwner, findSessionOwner, findTokenOwner, sessionActive, sessionLive, tokenActive, touchSession, touchToken } from './repository.ts';

/**
 * The session cookie's name: with SECURE_COOKIES the `__Host-` prefix, which
 * browsers accept only on a Secure, host-only cookie for the whole site, so
 * no other host (a sibling subdomain) can set or shadow it.
 */
export function sessionCookieName(config: Config): string {
  return config.SECURE_COOKIES ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export const SESSION_COOKIE = 'readout_session';

export function sessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c.var.deps.config));
}

/**
 * A session's owner as stored, kept while the database is unchanged: a
 * logout, a disabled account or a role change is a committed write, which
 * makes the kept answer stale at once. Expiry is judged on every request.
 */
const sessionOwner = keptUntilChange((db, idHash) => findSessionOwner(db, idHash));

/** A last use is recorded at most this often, so reads do not each cost a write. */
const USE_RESOLUTION_MS = 60_000;

/**
 * The session cookie: unreadable by scripts (HttpOnly), not sent on
 * cross-site subrequests or form posts (SameSite=Lax), Secure behind HTTPS,
 * kept by the browser no longer than the session's absolute lifetime.
 */
export function setSessionCookie(c: Context<AppEnv>, sessionId: string): void {
  const { config } = c.var.deps;
  setCookie(c, sessionCookieName(config), sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.SECURE_COOKIES,
    maxAge: Math.floor(sessionLifetimeMs(config) / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const { config } = c.var.deps;
  deleteCookie(c, sessionCookieName(config), { httpOnly: true, sameSite: 'Lax', path: '/', secure: config.SECURE_COOKIES });
}

function asCurrent(c: Context<AppEnv>, owner: CredentialOwner, now: number, credential: Pick<CurrentUser, 'via' | 'credentialId' | 'verifiedAt'>): CurrentUser {
  return {
    id: owner.id,
    username: owner.username,
    displayName: owner.displayName,
    role: owner.role,
    ...credential,
    ip: c.var.request.ip,
    userAgent: c.var.request.userAgent,
    mfaEnabled: owner.mfaEnabled,
    mustChangePassword: owner.mustChangePassword,
    mfaEnrolmentDue: mfaEnrolmentDue(owner, c.var.deps.config, now),
  };
}

/**
 * The user the request's credential names; or, for a credential that names
 * no active user, why (the words of the 401 it leads to); null when it sent none.
 */
async function userFrom(c: Context<AppEnv>, now: number): Promise<{ user: CurrentUser } | { problem: string } | null> {
  const { db, config } = c.var.deps;
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { problem: 'The Authorization header must be "Bearer <token>"' };
    const found = await findTokenOwner(db, hashSecret(match[1]!));
    if (!found || found.owner.disabled || found.expiresAt <= now) {
      const reason = !found ? 'unknown' : found.owner.disabled ? 'owner disabled' : 'expired';
      await recordWithinBudget(c.var.deps, c.var.request.ip ?? '-', {
        type: 'token.invalid',
        ip: c.var.request.ip,
        userAgent: c.var.request.userAgent,
        ...(found ? { actor: { id: found.owner.id, username: found.owner.username }, target: `token:${found.tokenId}` } : {}),
        detail: { reason, method: c.req.method, path: c.req.path },
      });
      return { problem: found && reason === 'expired' ? `The API token expired at ${new Date(found.expiresAt).toISOString()}` : 'The API token is not valid' };
    }
    if (found.lastUsedAt === null || now - found.lastUsedAt >= USE_RESOLUTION_MS) await touchToken(db, found.tokenId, now);
    return { user: asCurrent(c, found.owner, now, { via: 'token', credentialId: found.tokenId, verifiedAt: null }) };
  }
  const sessionId = sessionCookie(c);
  if (!sessionId) return null;
  const idHash = hashSecret(sessionId);
  const found = await sessionOwner(db, idHash);
  if (!found || found.owner.disabled || !sessionLive(found, now, idleMs(config))) return { problem: 'The session has ended; log in again' };
  if (now - found.lastSeenAt >= Math.min(USE_RESOLUTION_MS, idleMs(config) / 4)) await touchSession(db, idHash, now);
  return { user: asCurrent(c, found.owner, now, { via: 'session', credentialId: found.id, verifiedAt: found.verifiedAt }) };
}

/**
 * Finds who is asking, from `Authorization: Bearer <token>` or the session
 * cookie, and sets `c.var.user` (null when nobody is). A bearer header takes
 * precedence over the cookie. Disabled users, ended sessions and unknown or
 * expired tokens count as nobody: routes open to anyone (health, the API
 * document, setup, login) still answer, and the others' 401 says what was wrong.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const found = await userFrom(c, c.var.deps.clock.now());
  c.set('user', found && 'user' in found ? found.user : null);
  c.set('credentialProblem', found && 'problem' in found ? found.problem : null);
  await next();
};

// What an account may still do while it owes a password change or a
// two-factor enrolment: find out about itself, do what is owed, leave.
const ALWAYS = ['GET /api/health', 'GET /api/openapi.json', 'GET /api/docs', 'GET /api/auth/setup', 'GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/logout-all'];
const WHILE_PASSWORD_OWED = new Set([...ALWAYS, 'POST /api/auth/password']);
const WHILE_MFA_OWED = new Set([...ALWAYS, 'POST /api/auth/password', 'GET /api/auth/mfa', 'POST /api/auth/mfa/setup', 'POST /api/auth/mfa/enable', 'POST /api/auth/reauthenticate']);

/**
 * An account whose password an admin set must change it before anything
 * else; one past its two-factor grace period must enrol first (403 with a
 * `code` the dashboard acts on).
 */
export const requireOwedSteps: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user;
  const route = `${c.req.method} ${c.req.path}`;
  if (user?.mustChangePassword && !WHILE_PASSWORD_OWED.has(route)) {
    throw new AppError(403, 'Forbidden', 'Change your password first: it was set by an admin', undefined, undefined, { code: 'password_change_required' });
  }
  if (user?.mfaEnrolmentDue && !WHILE_MFA_OWED.has(route)) {
    throw new AppError(403, 'Forbidden', 'Set up two-factor authentication first: your account must use it, and its grace period is over', undefined, undefined, {
      code: 'mfa_enrolment_required',
    });
  }
  await next();
};

/**
 * Whether the session or token a long-lived answer (an event stream) was
 * opened with still works: not ended, expired, idle or revoked, its owner
 * not disabled.
 */
export function stillAuthenticated(deps: Deps, user: CurrentUser): Promise<boolean> {
  const now = deps.clock.now();
  return user.via === 'session' ? sessionActive(deps.db, user.credentialId, now, idleMs(deps.config)) : tokenActive(deps.db, user.credentialId, now);
}

/** Lets the request through only for a user with at least this role; a refusal is in the audit log. */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = currentUser(c);
    if (!hasRole(user.role, role)) {
      await recordWithinBudget(c.var.deps, `user:${user.id}`, { type: 'access.denied', ...byUser(user), detail: { method: c.req.method, path: c.req.path, needs: role, has: user.role } });
      throw forbidden(`This needs the ${role} role; you are ${user.role === 'admin' ? 'an' : 'a'} ${user.role}`);
    }
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
  const hasCookie = sessionCookie(c) !== undefined;
  const origin = hasCookie ? (c.req.header('origin') ?? refererOrigin(c.req.header('referer'))) : c.req.header('origin');
  const refused = hasCookie ? origin === undefined || !isOwn(origin) : origin !== undefined && !isOwn(origin);
  if (refused) {
    const { request } = c.var;
    await recordWithinBudget(c.var.deps, request.ip ?? '-', {
      type: 'access.cross_site_refused',
      ...(c.var.user ? byUser(c.var.user) : { ip: request.ip, userAgent: request.userAgent }),
      detail: { method, path: c.req.path, origin: origin ?? null },
    });
    throw forbidden('Cross-site request refused: the Origin header does not match this site');
  }
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
