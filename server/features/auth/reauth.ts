import { RECENT_LOGIN_MINUTES, type Reauthenticate } from '#shared/schemas/auth.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { AppError, invalid, unauthorized } from '../../lib/errors.ts';
import { appendAudit, byUser } from '../audit/service.ts';
import { findUserById } from '../users/repository.ts';
import { consumeFactor, matchFactor } from './factors.ts';
import { verifyPassword } from './passwords.ts';
import { deleteSessionOf, markSessionVerified } from './repository.ts';
import { type StartedSession, startSession } from './sessions.ts';
import { admitAttempt } from './throttle.ts';

const RECENT_MS = RECENT_LOGIN_MINUTES * 60_000;

export function reauthenticationRequired(): AppError {
  return new AppError(
    403,
    'Forbidden',
    `Confirm it is you: this needs a login (password or two-factor code) within the last ${RECENT_LOGIN_MINUTES} minutes`,
    [{ path: 'password', message: 'enter your password (or a two-factor code) to confirm it is you' }],
    undefined,
    { code: 'reauthentication_required' },
  );
}

/**
 * Proves the user again with their password or a two-factor code, counted
 * like a login attempt. Answers how; throws 422 naming the field when wrong.
 */
async function prove(deps: Deps, user: CurrentUser, proof: Reauthenticate): Promise<'password' | 'totp' | 'recovery_code'> {
  const attempt = await admitAttempt(deps, user.username, { ip: user.ip, userAgent: user.userAgent });
  const row = await findUserById(deps.db, user.id);
  if (!row) throw unauthorized();
  if (proof.password !== undefined) {
    if (!(await verifyPassword(row.password_hash, proof.password))) {
      await attempt.failed();
      throw invalid([{ path: 'password', message: 'is not your password' }]);
    }
    await deps.db.transaction().execute((trx) => attempt.succeeded(trx));
    return 'password';
  }
  const match = await matchFactor(deps, row, proof.code ?? '');
  const used = match && (await deps.db.transaction().execute(async (trx) => {
    if (!(await consumeFactor(trx, row.id, match, deps.clock.now()))) return false;
    await attempt.succeeded(trx);
    return true;
  }));
  if (!match || !used) {
    await attempt.failed();
    throw invalid([{ path: 'code', message: row.mfa_secret === null ? 'two-factor authentication is not on for this account: use your password' : 'is not a current two-factor code or an unused recovery code' }]);
  }
  return match.kind;
}

/**
 * Lets a sensitive action through when the session proved its owner within
 * the last 10 minutes, or when the request carries the password or a code
 * (a token-authenticated script must always send one).
 */
export async function requireRecentLogin(deps: Deps, user: CurrentUser, proof: { password?: string | undefined; code?: string | undefined }): Promise<void> {
  if (proof.password !== undefined || proof.code !== undefined) {
    await prove(deps, user, proof);
    if (user.via === 'session') await markSessionVerified(deps.db, user.credentialId, deps.clock.now());
    return;
  }
  if (user.via === 'session' && user.verifiedAt !== null && deps.clock.now() - user.verifiedAt <= RECENT_MS) return;
  throw reauthenticationRequired();
}

/**
 * `POST /auth/reauthenticate`: a fresh login for the next 10 minutes. Like
 * any login it replaces the session with a new one (a new cookie; the old
 * id stops working), so an id seen before the check is worth nothing after it.
 * Answers the new session, or null for a token (which has none).
 */
export async function reauthenticate(deps: Deps, user: CurrentUser, proof: Reauthenticate): Promise<StartedSession | null> {
  const method = await prove(deps, user, proof);
  return deps.db.transaction().execute(async (trx) => {
    let session: StartedSession | null = null;
    if (user.via === 'session') {
      await deleteSessionOf(trx, user.id, user.credentialId);
      session = await startSession(trx, deps, user.id, { ip: user.ip, userAgent: user.userAgent });
    }
    await appendAudit(trx, deps, { type: 'auth.reauthenticated', ...byUser(user), detail: { method, ...(session ? { replacedSession: user.credentialId, session: session.id } : {}) } });
    return session;
  });
}
