import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { LoginRequest, PasswordChange, SetupRequest, User } from '#shared/schemas/users.ts';
import type { Database } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { AppError, conflict, invalid, unauthorized } from '../../lib/errors.ts';
import { hashSecret, newSecret } from '../../lib/secrets.ts';
import { appendHistory } from '../history/repository.ts';
import { countUsers, deleteSessionsOfUser, findUserById, findUserByUsername, insertUser, lockUsers, toUser, updateUserRow } from '../users/repository.ts';
import { hashPassword, needsRehash, verifyAgainstNobody, verifyPassword } from './passwords.ts';
import { blockSubject, clearAttempts, countAttempt, deleteExpiredSessions, deleteSession, insertSession, pruneAttempts } from './repository.ts';

/** Failed logins allowed per username within the window before answers turn to 429. */
export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** How long a username stays blocked after its last allowed failure. */
export const LOGIN_LOCKOUT_MS = 15 * 60 * 1000;

// One message for an unknown username, a wrong password and a disabled
// account, so the answer does not reveal which usernames exist.
const BAD_CREDENTIALS = 'The username or password is not right';

const setupDone = () => conflict('Readout is already set up: log in, or ask an admin for an account');

type Db = Kysely<Database> | Transaction<Database>;

export interface Session {
  user: User;
  /** The cookie's value; only its hash is stored. */
  sessionId: string;
}

async function startSession(db: Db, deps: Deps, userId: string): Promise<string> {
  const now = deps.clock.now();
  const sessionId = newSecret();
  await insertSession(db, { idHash: hashSecret(sessionId), userId, createdAt: now, expiresAt: now + deps.config.SESSION_HOURS * 3600_000 });
  return sessionId;
}

export async function needsSetup(deps: Deps): Promise<boolean> {
  return (await countUsers(deps.db)) === 0;
}

/**
 * Creates the first admin. The quick check spares an argon2 hash once setup
 * is done; the check inside the locked transaction is the one that counts.
 */
export async function setup(deps: Deps, input: SetupRequest): Promise<Session> {
  if (!(await needsSetup(deps))) throw setupDone();
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
      created_at: now,
      updated_at: now,
    }).catch(orThrow(isUniqueViolation, setupDone));
    const user = toUser(row);
    await appendHistory(trx, { at: now, actor: user.username, action: 'create', entityType: 'user', entityId: user.id, before: null, after: user });
    return { user, sessionId: await startSession(trx, deps, user.id) };
  });
}

function tooManyAttempts(retryAfterMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(429, 'Too many requests', `Too many failed logins for this username; try again in ${Math.ceil(seconds / 60)} minute(s)`, undefined, {
    'Retry-After': String(seconds),
  });
}

/**
 * Counts the attempt first (see countAttempt), refusing it when the username
 * has used up its failures; the caller reports how the attempt ended.
 */
async function admitAttempt(deps: Deps, subject: string, now: number) {
  const attempt = await countAttempt(deps.db, subject, now, LOGIN_WINDOW_MS);
  if (attempt.blockedUntil > now || attempt.failures > MAX_LOGIN_FAILURES) {
    throw tooManyAttempts(Math.max(attempt.blockedUntil, attempt.windowStartedAt + LOGIN_WINDOW_MS) - now);
  }
  return {
    failed: async () => {
      if (attempt.failures >= MAX_LOGIN_FAILURES) await blockSubject(deps.db, subject, now + LOGIN_LOCKOUT_MS);
      await pruneAttempts(deps.db, now, LOGIN_WINDOW_MS);
    },
    succeeded: (db: Db) => clearAttempts(db, subject),
  };
}

export async function login(deps: Deps, input: LoginRequest): Promise<Session> {
  const now = deps.clock.now();
  const attempt = await admitAttempt(deps, `user:${input.username}`, now);
  const row = await findUserByUsername(deps.db, input.username);
  // An unknown username costs the same argon2 time as a known one.
  const matches = row ? await verifyPassword(row.password_hash, input.password) : await verifyAgainstNobody(deps.config, input.password);
  if (!row || !matches || Number(row.disabled) === 1) {
    await attempt.failed();
    throw unauthorized(BAD_CREDENTIALS);
  }
  const rehashed = needsRehash(deps.config, row.password_hash) ? await hashPassword(deps.config, input.password) : null;
  return deps.db.transaction().execute(async (trx) => {
    await attempt.succeeded(trx);
    await deleteExpiredSessions(trx, row.id, now);
    // Raising the cost later upgrades each hash at its owner's next login.
    if (rehashed) await updateUserRow(trx, row.id, { password_hash: rehashed });
    return { user: toUser(row), sessionId: await startSession(trx, deps, row.id) };
  });
}

export async function logout(deps: Deps, sessionId: string | undefined): Promise<void> {
  if (sessionId) await deleteSession(deps.db, hashSecret(sessionId));
}

export async function me(deps: Deps, current: CurrentUser): Promise<User> {
  const row = await findUserById(deps.db, current.id);
  if (!row) throw unauthorized();
  return toUser(row);
}

/**
 * A user's own password change. It ends their other browser sessions (a
 * thief's among them) but keeps the one making the change.
 */
export async function changeOwnPassword(deps: Deps, current: CurrentUser, input: PasswordChange, sessionId: string | undefined): Promise<void> {
  const now = deps.clock.now();
  const attempt = await admitAttempt(deps, `user:${current.username}`, now);
  const row = await findUserById(deps.db, current.id);
  if (!row) throw unauthorized();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    await attempt.failed();
    throw invalid([{ path: 'currentPassword', message: 'is not your current password' }]);
  }
  const passwordHash = await hashPassword(deps.config, input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await attempt.succeeded(trx);
    const after = await updateUserRow(trx, row.id, { password_hash: passwordHash, updated_at: now });
    await deleteSessionsOfUser(trx, row.id, current.via === 'session' && sessionId ? hashSecret(sessionId) : undefined);
    await appendHistory(trx, {
      at: now,
      actor: current.username,
      action: 'update',
      entityType: 'user',
      entityId: row.id,
      before: toUser(row),
      after: { ...toUser(after), passwordChanged: true },
    });
  });
}
