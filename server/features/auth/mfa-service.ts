import type { MfaSetup, MfaStatus, RecoveryCodes } from '#shared/schemas/auth.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { conflict, invalid, notFound, unauthorized } from '../../lib/errors.ts';
import { toIsoOrNull } from '../../lib/time.ts';
import { appendAudit, byUser } from '../audit/service.ts';
import { deleteSessionsOfUser, findUserById, updateUserRow } from '../users/repository.ts';
import { consumeFactor, countUnusedRecoveryCodes, deleteRecoveryCodes, hashRecoveryCodes, matchFactor, storeRecoveryCodes } from './factors.ts';
import { verifyPassword } from './passwords.ts';
import { mfaGraceEndsAt, mfaRequiredFor } from './policy.ts';
import { admitAttempt } from './throttle.ts';
import { matchTotp, newRecoveryCodes, newTotpSecret, otpauthUrl } from './totp.ts';

async function account(deps: Deps, user: CurrentUser) {
  const row = await findUserById(deps.db, user.id);
  if (!row) throw unauthorized();
  return row;
}

export async function mfaStatus(deps: Deps, user: CurrentUser): Promise<MfaStatus> {
  const row = await account(deps, user);
  const enabled = row.mfa_secret !== null;
  const grace = mfaGraceEndsAt({ role: user.role, mfaEnabled: enabled, firstLoginAt: row.first_login_at === null ? null : Number(row.first_login_at) }, deps.config);
  return {
    enabled,
    enabledAt: toIsoOrNull(row.mfa_enabled_at === null ? null : Number(row.mfa_enabled_at)),
    recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(deps.db, row.id) : 0,
    required: mfaRequiredFor(user.role, deps.config),
    graceEndsAt: toIsoOrNull(grace),
  };
}

/**
 * A new secret, kept aside until a code from it proves the app has it. With
 * two-factor already on, this moves it to a new device: the old secret works
 * until the new one is confirmed.
 */
export async function startMfaSetup(deps: Deps, user: CurrentUser): Promise<MfaSetup> {
  const secret = newTotpSecret();
  await updateUserRow(deps.db, user.id, { mfa_pending_secret: secret });
  return { secret, otpauthUrl: otpauthUrl(user.username, secret) };
}

/**
 * Turns two-factor on with the pending secret once a code from it checks
 * out; hands out ten fresh recovery codes (stored hashed) and ends the
 * user's other sessions, which were not made with the new factor.
 */
export async function enableMfa(deps: Deps, user: CurrentUser, code: string): Promise<RecoveryCodes> {
  const row = await account(deps, user);
  const pending = row.mfa_pending_secret;
  if (pending === null) throw conflict('Start with POST /auth/mfa/setup: there is no secret waiting to be confirmed', [{ path: 'code', message: 'set up the authenticator app first' }]);
  const step = matchTotp(pending, code, deps.clock.now(), null);
  if (step === null) throw invalid([{ path: 'code', message: 'is not the code the app shows now: check the time on the phone, then try the next one' }]);
  const recoveryCodes = newRecoveryCodes();
  const hashes = await hashRecoveryCodes(deps, recoveryCodes);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, row.id, { mfa_secret: pending, mfa_pending_secret: null, mfa_enabled_at: now, mfa_last_step: step });
    await storeRecoveryCodes(trx, row.id, hashes, now);
    const sessionsEnded = await deleteSessionsOfUser(trx, row.id, user.via === 'session' ? user.credentialId : undefined);
    await appendAudit(trx, deps, { type: 'mfa.enabled', ...byUser(user), target: `user:${row.id}`, detail: { replaced: row.mfa_secret !== null, sessionsEnded } });
  });
  return { recoveryCodes };
}

/**
 * Turns two-factor off, with the password and a current code. An account
 * that must use it (MFA_REQUIRED) cannot: it may move it to a new device instead.
 */
export async function disableMfa(deps: Deps, user: CurrentUser, input: { password: string; code: string }): Promise<void> {
  if (mfaRequiredFor(user.role, deps.config)) {
    throw conflict('Your account must use two-factor authentication; to use another device, set it up again there', [{ path: 'code', message: 'two-factor authentication is required for your role' }]);
  }
  const attempt = await admitAttempt(deps, user.username, { ip: user.ip, userAgent: user.userAgent });
  const row = await account(deps, user);
  if (row.mfa_secret === null) throw conflict('Two-factor authentication is not on', [{ path: 'code', message: 'two-factor authentication is not on' }]);
  if (!(await verifyPassword(row.password_hash, input.password))) {
    await attempt.failed();
    throw invalid([{ path: 'password', message: 'is not your password' }]);
  }
  const match = await matchFactor(deps, row, input.code);
  const now = deps.clock.now();
  const done = match && (await deps.db.transaction().execute(async (trx) => {
    if (!(await consumeFactor(trx, row.id, match, now))) return false;
    await attempt.succeeded(trx);
    await updateUserRow(trx, row.id, { mfa_secret: null, mfa_pending_secret: null, mfa_enabled_at: null, mfa_last_step: null });
    await deleteRecoveryCodes(trx, row.id);
    const sessionsEnded = await deleteSessionsOfUser(trx, row.id, user.via === 'session' ? user.credentialId : undefined);
    await appendAudit(trx, deps, { type: 'mfa.disabled', ...byUser(user), target: `user:${row.id}`, detail: { sessionsEnded } });
    return true;
  }));
  if (!done) {
    await attempt.failed();
    throw invalid([{ path: 'code', message: 'is not a current two-factor code or an unused recovery code' }]);
  }
}

/** Ten new recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(deps: Deps, user: CurrentUser): Promise<RecoveryCodes> {
  const row = await account(deps, user);
  if (row.mfa_secret === null) throw conflict('Two-factor authentication is not on', [{ path: 'code', message: 'two-factor authentication is not on' }]);
  const recoveryCodes = newRecoveryCodes();
  const hashes = await hashRecoveryCodes(deps, recoveryCodes);
  await deps.db.transaction().execute(async (trx) => {
    await storeRecoveryCodes(trx, row.id, hashes, deps.clock.now());
    await appendAudit(trx, deps, { type: 'mfa.recovery_codes_regenerated', ...byUser(user), target: `user:${row.id}` });
  });
  return { recoveryCodes };
}

/**
 * An admin removes another user's two-factor authentication (a lost phone
 * and no recovery code left), after checking who is asking by other means.
 * The user's sessions end; if their role requires it, they enrol
 * again at their next login.
 */
export async function resetMfa(deps: Deps, admin: CurrentUser, userId: string): Promise<void> {
  const row = await findUserById(deps.db, userId);
  if (!row) throw notFound(`User ${userId}`);
  if (row.mfa_secret === null && row.mfa_pending_secret === null) throw conflict(`${row.username} does not use two-factor authentication`);
  await deps.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, row.id, { mfa_secret: null, mfa_pending_secret: null, mfa_enabled_at: null, mfa_last_step: null });
    await deleteRecoveryCodes(trx, row.id);
    const sessionsEnded = await deleteSessionsOfUser(trx, row.id);
    await appendAudit(trx, deps, { type: 'mfa.reset', ...byUser(admin), target: `user:${row.id}`, detail: { username: row.username, sessionsEnded } });
  });
}
