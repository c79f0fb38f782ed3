import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { MePatch, User, UserCreate, UserListQuery, UserPatch } from '#shared/schemas/users.ts';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { appendAudit, byUser } from '../audit/service.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { hashPassword } from '../auth/passwords.ts';
import { appendHistory } from '../history/repository.ts';
import {
  countActiveAdmins,
  deleteSessionsOfUser,
  deleteTokensOfUser,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers as listRows,
  lockUsers,
  toUser,
  type UserChanges,
  type UserRow,
  updateUserRow,
} from './repository.ts';

const duplicate = (username: string) =>
  conflict(`The username "${username}" is taken`, [{ path: 'username', message: 'is already taken' }]);

const lastAdmin = (field: 'role' | 'disabled') =>
  conflict('This is the last active admin: make another user an admin first, so someone can still manage users', [
    { path: field, message: 'would leave no active admin' },
  ]);

export function listUsers(deps: Deps, query: z.infer<typeof UserListQuery>) {
  return listRows(deps.db, query);
}

export async function getUser(deps: Deps, id: string): Promise<User> {
  return toUser(await userRow(deps, id));
}

export async function userRow(deps: Deps, id: string): Promise<UserRow> {
  const row = await findUserById(deps.db, id);
  if (!row) throw notFound(`User ${id}`);
  return row;
}

/**
 * The password an admin gives a new account is for its first login only:
 * the user must change it then. Hashed before the transaction, so argon2's
 * time holds no lock.
 */
export async function createUser(deps: Deps, actor: CurrentUser, input: UserCreate): Promise<User> {
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(deps.config, input.password);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username)) throw duplicate(input.username);
    const row = await insertUser(trx, {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: passwordHash,
      disabled: 0,
      email: input.email ?? null,
      must_change_password: 1,
      created_at: now,
      updated_at: now,
    }).catch(orThrow(isUniqueViolation, () => duplicate(input.username)));
    const user = toUser(row);
    await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'user', entityId: user.id, before: null, after: user });
    await appendAudit(trx, deps, { type: 'user.created', ...byUser(actor), target: `user:${user.id}`, detail: { username: user.username, role: user.role } });
    return user;
  });
}

/** One audit entry per kind of change, so the log can be filtered by what happened. */
async function auditChanges(trx: Transaction<Database>, deps: Deps, actor: CurrentUser, before: UserRow, changes: UserChanges, ended: { sessions: number; tokens: number }) {
  const base = { ...byUser(actor), target: `user:${before.id}` };
  const username = before.username;
  if (changes.role !== undefined) await appendAudit(trx, deps, { type: 'user.role_changed', ...base, detail: { username, from: before.role, to: changes.role } });
  if (changes.disabled === 1) await appendAudit(trx, deps, { type: 'user.disabled', ...base, detail: { username, sessionsEnded: ended.sessions, tokensRevoked: ended.tokens } });
  if (changes.disabled === 0) await appendAudit(trx, deps, { type: 'user.enabled', ...base, detail: { username } });
  if (changes.password_hash !== undefined) {
    await appendAudit(trx, deps, { type: 'user.password_reset', ...base, detail: { username, sessionsEnded: ended.sessions, tokensRevoked: ended.tokens } });
  }
  if (changes.email !== undefined) await appendAudit(trx, deps, { type: 'user.updated', ...base, detail: { username, email: { from: before.email ?? null, to: changes.email } } });
  if (changes.display_name !== undefined) await appendAudit(trx, deps, { type: 'user.updated', ...base, detail: { username, displayName: { from: before.display_name, to: changes.display_name } } });
}

/**
 * Changes only what differs. Demoting or disabling an active admin is refused
 * when no other active admin would remain. A new password (a reset: the user
 * must change it at next login) or a disabled account ends the user's
 * sessions and revokes their tokens. An admin changes their own password
 * only with the current one (POST /auth/password), so a session left open
 * cannot take over the account. History records that a password changed,
 * never the hash.
 */
export async function updateUser(deps: Deps, actor: CurrentUser, id: string, patch: UserPatch): Promise<User> {
  if (patch.password !== undefined && id === actor.id) {
    throw invalid([{ path: 'password', message: 'change your own password with your current one (POST /api/auth/password, or your account page)' }]);
  }
  const target = patch.password === undefined ? undefined : await findUserById(deps.db, id);
  if (patch.password !== undefined && target) checkPassword(patch.password, target.username);
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(deps.config, patch.password);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const removesAdmin = (patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true;
    // Taken before reading, so two admins demoting each other cannot both pass the count.
    if (removesAdmin) await lockUsers(trx, deps.dialect);
    const before = await findUserById(trx, id);
    if (!before) throw notFound(`User ${id}`);

    const changes: UserChanges = {};
    if (patch.displayName !== undefined && patch.displayName !== before.display_name) changes.display_name = patch.displayName;
    if (patch.role !== undefined && patch.role !== before.role) changes.role = patch.role;
    if (patch.email !== undefined && patch.email !== (before.email ?? null)) changes.email = patch.email;
    if (patch.disabled !== undefined && patch.disabled !== (Number(before.disabled) === 1)) changes.disabled = patch.disabled ? 1 : 0;
    if (passwordHash !== undefined) {
      changes.password_hash = passwordHash;
      changes.must_change_password = 1;
    }
    if (Object.keys(changes).length === 0) return toUser(before);

    const wasActiveAdmin = before.role === 'admin' && Number(before.disabled) === 0;
    if (wasActiveAdmin && (changes.role !== undefined || changes.disabled === 1) && (await countActiveAdmins(trx)) <= 1) {
      throw lastAdmin(changes.role !== undefined ? 'role' : 'disabled');
    }

    const after = await updateUserRow(trx, id, { ...changes, updated_at: now });
    const endsCredentials = changes.password_hash !== undefined || changes.disabled === 1;
    const ended = endsCredentials ? { sessions: await deleteSessionsOfUser(trx, id), tokens: await deleteTokensOfUser(trx, id) } : { sessions: 0, tokens: 0 };
    await appendHistory(trx, {
      at: now,
      actor: actor.username,
      action: 'update',
      entityType: 'user',
      entityId: id,
      before: toUser(before),
      after: { ...toUser(after), ...(changes.password_hash !== undefined ? { passwordChanged: true } : {}) },
    });
    await auditChanges(trx, deps, actor, before, changes, ended);
    return toUser(after);
  });
}

/**
 * A user's own email address, time zone and briefing time. A briefing time
 * needs an address to go to; an address in use by an email rule may still be
 * removed (its emails stop, the rule's other channels go on).
 */
export async function updateOwnAccount(deps: Deps, actor: CurrentUser, patch: MePatch): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, actor.id);
    if (!before) throw notFound(`User ${actor.id}`);
    const changes: UserChanges = {};
    if (patch.email !== undefined && patch.email !== (before.email ?? null)) changes.email = patch.email;
    if (patch.timeZone !== undefined && patch.timeZone !== (before.time_zone ?? null)) changes.time_zone = patch.timeZone;
    if (patch.briefingAt !== undefined && patch.briefingAt !== (before.briefing_at ?? null)) changes.briefing_at = patch.briefingAt;
    const email = changes.email !== undefined ? changes.email : (before.email ?? null);
    const briefingAt = changes.briefing_at !== undefined ? changes.briefing_at : (before.briefing_at ?? null);
    if (briefingAt !== null && email === null) {
      throw invalid([{ path: patch.briefingAt !== undefined ? 'briefingAt' : 'email', message: 'a daily briefing by email needs an email address' }]);
    }
    if (Object.keys(changes).length === 0) return;
    const after = await updateUserRow(trx, actor.id, { ...changes, updated_at: now });
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'user', entityId: actor.id, before: toUser(before), after: toUser(after) });
    await appendAudit(trx, deps, {
      type: 'user.updated',
      ...byUser(actor),
      target: `user:${actor.id}`,
      detail: { username: before.username, ...(changes.email !== undefined ? { email: { from: before.email ?? null, to: changes.email } } : {}), ...(changes.time_zone !== undefined ? { timeZone: changes.time_zone } : {}), ...(changes.briefing_at !== undefined ? { briefingAt: changes.briefing_at } : {}) },
    });
  });
}
