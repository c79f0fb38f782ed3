import { randomUUID } from 'node:crypto';
import type { LoginRequest, Me, PasswordChange, SetupRequest, User } from '#shared/schemas/users.ts';
import type { RequestInfo } from '../../lib/client-address.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { AppError, conflict, invalid, unauthorized } from '../../lib/errors.ts';
import { hashSecret } from '../../lib/secrets.ts';
import { toIsoOrNull } from '../../lib/time.ts';
import { appendAudit, byRequest, byUser, recordAudit } from '../audit/service.ts';
import { appendHistory } from '../history/repository.ts';
import { countUsers, deleteSessionsOfUser, deleteTokensOfUser, findUserById, findUserByUsername, insertUser, lockUsers, toUser, updateUserRow } from '../users/repository.ts';
import { consumeFactor, countUnusedRecoveryCodes, matchFactor } from './factors.ts';
import { checkPassword } from './password-policy.ts';
import { hashPassword, needsRehash, verifyAgainstNobody, verifyPassword } from './passwords.ts';
import { idleMs, mfaEnrolmentDue, mfaGraceEndsAt, mfaRequiredFor } from './policy.ts';
import { rememberAddress } from './login-records.ts';
import { deleteDeadSessions, deleteSession, markSessionVerified } from './repository.ts';
import { type StartedSession, startSession } from './sessions.ts';
import { admitAttempt } from './throttle.ts';

// One message for an unknown username, a wrong password and a disabled
// account, so the answer does not reveal which usernames exist.
const BAD_CREDENTIALS = 'The username or password is not right';

const setupDone = () => conflict('Readout is already set up: log in, or ask an admin for an account');

const mfaRequired = (detail: string) => new AppError(401, 'Unauthorized', detail, undefined, undefined, { code: 'mfa_required', mfaRequired: true });

export interface LoggedIn {
  user: User;
  session: StartedSession;
}

export async function needsSetup(deps: Deps): Promise<boolean> {
  return (await countUsers(deps.db)) === 0;
}

/**
 * Creates the first admin. The quick check spares an argon2 hash once setup
 * is done; the check inside the locked transaction is the one that counts.
 */
export async function setup(deps: Deps, input: SetupRequest, request: RequestInfo): Promise<LoggedIn> {
  if (!(await needsSetup(deps))) throw setupDone();
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(deps.config, input.password);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockUsers(trx, deps.dialect);
    if ((await countUsers(trx)) > 0) throw setupDone();
    const row = await insertUser(trx, {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      role: 'admin',
      password_hash: passwordHash,
      disabled: 0,
      must_change_password: 0,
      created_at: now,
      updated_at: now,
    }).catch(orThrow(isUniqueViolation, setupDone));
    const after = await updateUserRow(trx, row.id, { first_login_at: now, last_login_at: now });
    const user = toUser(after);
    await appendHistory(trx, { at: now, actor: user.username, action: 'create', entityType: 'user', entityId: user.id, before: null, after: user });
    const session = await startSession(trx, deps, user.id, request);
    if (request.ip) await rememberAddress(trx, user.id, request.ip, now);
    await appendAudit(trx, deps, { type: 'auth.setup', ...byRequest(request), actor: { id: user.id, username: user.username }, via: 'session', target: `user:${user.id}`, detail: { session: session.id } });
    return { user, session };
  });
}

/**
 * Password, then (once enrolled) a two-factor code. A login also ends the
 * session the browser had before (`previousCookie`), so one browser holds one
 * session. Every outcome is in the audit log.
 */
export async function login(deps: Deps, input: LoginRequest, request: RequestInfo, previousCookie: string | undefined): Promise<LoggedIn> {
  const now = deps.clock.now();
  const attempt = await admitAttempt(deps, input.username, request);
  const row = await findUserByUsername(deps.db, input.username);
  // An unknown username costs the same argon2 time as a known one.
  const matches = row ? await verifyPassword(row.password_hash, input.password) : await verifyAgainstNobody(deps.config, input.password);
  const refuse = async (reason: string, error: AppError = unauthorized(BAD_CREDENTIALS)) => {
    await attempt.failed();
    await recordAudit(deps, { type: 'auth.login_failed', ...byRequest(request, input.username), ...(row ? { actor: { id: row.id, username: row.username } } : {}), detail: { reason } });
    return error;
  };
  if (!row) throw await refuse('unknown username');
  if (!matches) throw await refuse('wrong password');
  if (Number(row.disabled) === 1) throw await refuse('account disabled');

  let factor: Awaited<ReturnType<typeof matchFactor>> = null;
  if (row.mfa_secret !== null) {
    if (input.code === undefined) {
      await attempt.undecided();
      throw mfaRequired('Enter the code from your authenticator app (or a recovery code)');
    }
    factor = await matchFactor(deps, row, input.code);
    if (!factor) throw await refuse('wrong two-factor code', mfaRequired('The two-factor code is not right (or was used already)'));
  }
  const rehashed = needsRehash(deps.config, row.password_hash) ? await hashPassword(deps.config, input.password) : null;
  const result = await deps.db.transaction().execute(async (trx) => {
    if (factor && !(await consumeFactor(trx, row.id, factor, now))) return null;
    await attempt.succeeded(trx);
    const previous = previousCookie ? await deleteSession(trx, hashSecret(previousCookie)) : undefined;
    await deleteDeadSessions(trx, row.id, now, idleMs(deps.config));
    // Raising the cost later upgrades each hash at its owner's next login.
    const after = await updateUserRow(trx, row.id, { ...(rehashed ? { password_hash: rehashed } : {}), first_login_at: row.first_login_at ?? now, last_login_at: now });
    const session = await startSession(trx, deps, row.id, request);
    if (request.ip) await rememberAddress(trx, row.id, request.ip, now);
    const method = factor ? `password and ${factor.kind === 'totp' ? 'two-factor code' : 'recovery code'}` : 'password';
    const actor = { id: row.id, username: row.username };
    await appendAudit(trx, deps, { type: 'auth.login', ...byRequest(request), actor, via: 'session', target: `session:${session.id}`, detail: { method, ...(previous ? { replacedSession: previous.id } : {}) } });
    if (factor?.kind === 'recovery_code') {
      await appendAudit(trx, deps, { type: 'mfa.recovery_code_used', ...byRequest(request), actor, via: 'session', target: `user:${row.id}`, detail: { left: await countUnusedRecoveryCodes(trx, row.id) } });
    }
    return { user: toUser(after), session };
  });
  if (!result) throw await refuse('two-factor code replayed', mfaRequired('The two-factor code is not right (or was used already)'));
  return result;
}

export async function logout(deps: Deps, cookie: string | undefined, request: RequestInfo): Promise<void> {
  if (!cookie) return;
  await deps.db.transaction().execute(async (trx) => {
    const ended = await deleteSession(trx, hashSecret(cookie));
    if (!ended) return;
    const owner = await findUserById(trx, ended.userId);
    await appendAudit(trx, deps, { type: 'auth.logout', ...byRequest(request), actor: owner ? { id: owner.id, username: owner.username } : null, via: 'session', target: `session:${ended.id}` });
  });
}

export async function me(deps: Deps, current: CurrentUser): Promise<Me> {
  const row = await findUserById(deps.db, current.id);
  if (!row) throw unauthorized();
  const user = toUser(row);
  const account = { role: user.role, mfaEnabled: user.mfaEnabled, firstLoginAt: row.first_login_at === null ? null : Number(row.first_login_at) };
  return {
    ...user,
    mfaRequired: mfaRequiredFor(user.role, deps.config),
    mfaEnrolmentDue: mfaEnrolmentDue(account, deps.config, deps.clock.now()),
    mfaGraceEndsAt: toIsoOrNull(mfaGraceEndsAt(account, deps.config)),
  };
}

/**
 * A user's own password change, proven by the current one. It ends their
 * other browser sessions (a thief's among them) and every API token, but
 * keeps the session making the change; a forced change is then done.
 */
export async function changeOwnPassword(deps: Deps, current: CurrentUser, input: PasswordChange): Promise<void> {
  const now = deps.clock.now();
  const attempt = await admitAttempt(deps, current.username, { ip: current.ip, userAgent: current.userAgent });
  const row = await findUserById(deps.db, current.id);
  if (!row) throw unauthorized();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    await attempt.failed();
    throw invalid([{ path: 'currentPassword', message: 'is not your current password' }]);
  }
  try {
    checkPassword(input.newPassword, row.username, 'newPassword');
    if (input.newPassword === input.currentPassword) throw invalid([{ path: 'newPassword', message: 'must differ from the current password' }]);
  } catch (error) {
    // The current password was right: a refused new one is no failed login.
    await attempt.undecided();
    throw error;
  }
  const passwordHash = await hashPassword(deps.config, input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await attempt.succeeded(trx);
    const after = await updateUserRow(trx, row.id, { password_hash: passwordHash, must_change_password: 0, updated_at: now });
    const sessionsEnded = await deleteSessionsOfUser(trx, row.id, current.via === 'session' ? current.credentialId : undefined);
    const tokensRevoked = await deleteTokensOfUser(trx, row.id);
    if (current.via === 'session') await markSessionVerified(trx, current.credentialId, now);
    await appendHistory(trx, { at: now, actor: current.username, action: 'update', entityType: 'user', entityId: row.id, before: toUser(row), after: { ...toUser(after), passwordChanged: true } });
    await appendAudit(trx, deps, { type: 'auth.password_changed', ...byUser(current), target: `user:${row.id}`, detail: { forced: Number(row.must_change_password) === 1, sessionsEnded, tokensRevoked } });
  });
}
