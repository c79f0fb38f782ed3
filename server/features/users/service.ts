import { randomUUID } from 'node:crypto';
import type { User, UserCreate, UserListQuery, UserPatch } from '#shared/schemas/users.ts';
import type { z } from 'zod';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import { appendHistory } from '../history/repository.ts';
import {
  countActiveAdmins,
  deleteSessionsOfUser,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers as listRows,
  lockUsers,
  toUser,
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
  const row = await findUserById(deps.db, id);
  if (!row) throw notFound(`User ${id}`);
  return toUser(row);
}

/** Hashes before the transaction, so argon2's time holds no lock. */
export async function createUser(deps: Deps, actor: CurrentUser, input: UserCreate): Promise<User> {
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
      created_at: now,
      updated_at: now,
    }).catch(orThrow(isUniqueViolation, () => duplicate(input.username)));
    const user = toUser(row);
    await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'user', entityId: user.id, before: null, after: user });
    return user;
  });
}

/**
 * Changes only what differs. Demoting or disabling an active admin is refused
 * when no other active admin would remain; a new password or a disabled
 * account ends the user's sessions (the middleware already refuses disabled
 * users' tokens). History records that a password changed, never the hash.
 */
export async function updateUser(deps: Deps, actor: CurrentUser, id: string, patch: UserPatch): Promise<User> {
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(deps.config, patch.password);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const removesAdmin = (patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true;
    // Taken before reading, so two admins demoting each other cannot both pass the count.
    if (removesAdmin) await lockUsers(trx, deps.dialect);
    const before = await findUserById(trx, id);
    if (!before) throw notFound(`User ${id}`);

    const changes: Partial<Pick<UserRow, 'display_name' | 'role' | 'password_hash' | 'disabled'>> = {};
    if (patch.displayName !== undefined && patch.displayName !== before.display_name) changes.display_name = patch.displayName;
    if (patch.role !== undefined && patch.role !== before.role) changes.role = patch.role;
    if (patch.disabled !== undefined && patch.disabled !== (Number(before.disabled) === 1)) changes.disabled = patch.disabled ? 1 : 0;
    if (passwordHash !== undefined) changes.password_hash = passwordHash;
    if (Object.keys(changes).length === 0) return toUser(before);

    const wasActiveAdmin = before.role === 'admin' && Number(before.disabled) === 0;
    if (wasActiveAdmin && (changes.role !== undefined || changes.disabled === 1) && (await countActiveAdmins(trx)) <= 1) {
      throw lastAdmin(changes.role !== undefined ? 'role' : 'disabled');
    }

    const after = await updateUserRow(trx, id, { ...changes, updated_at: now });
    if (changes.password_hash !== undefined || changes.disabled === 1) await deleteSessionsOfUser(trx, id);
    await appendHistory(trx, {
      at: now,
      actor: actor.username,
      action: 'update',
      entityType: 'user',
      entityId: id,
      before: toUser(before),
      after: { ...toUser(after), ...(changes.password_hash !== undefined ? { passwordChanged: true } : {}) },
    });
    return toUser(after);
  });
}
