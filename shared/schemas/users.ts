import { z } from 'zod';
import { Id, PageQuery, Timestamp, listOf, text } from './common.ts';

export const Role = z.enum(['admin', 'analyst', 'viewer']).meta({ id: 'Role' });
export type Role = z.infer<typeof Role>;

/** What each role may do includes everything the roles after it may do. */
export const ROLE_RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

export function hasRole(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export const Username = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'may use letters, digits, dots, dashes and underscores only')
  // Stored in lower case, so "Alice" and "alice" are one account, not two look-alikes.
  .toLowerCase();

/** Long passphrases are welcome; a cap keeps hashing cost bounded. */
export const Password = z.string().min(10, 'must be at least 10 characters').max(256, 'must be at most 256 characters');

export const User = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    disabled: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserCreate = z
  .strictObject({ username: Username, password: Password, displayName: text(120), role: Role })
  .meta({ id: 'UserCreate' });
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z
  .strictObject({ password: Password, displayName: text(120), role: Role, disabled: z.boolean() })
  .partial()
  .meta({ id: 'UserPatch' });
export type UserPatch = z.infer<typeof UserPatch>;

export const UserList = listOf(User).meta({ id: 'UserList' });
export const UserListQuery = PageQuery;

export const SetupRequest = z
  .strictObject({ username: Username, password: Password, displayName: text(120) })
  .meta({ id: 'SetupRequest' });
export type SetupRequest = z.infer<typeof SetupRequest>;

export const LoginRequest = z
  .strictObject({ username: z.string().trim().min(1).max(64).toLowerCase(), password: z.string().min(1).max(256) })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** A user changing their own password proves they know the current one. */
export const PasswordChange = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: Password })
  .meta({ id: 'PasswordChange' });
export type PasswordChange = z.infer<typeof PasswordChange>;

export const SetupStatus = z.object({ needsSetup: z.boolean() }).meta({ id: 'SetupStatus' });

export const ApiToken = z
  .object({ id: Id, name: z.string(), createdAt: Timestamp, lastUsedAt: Timestamp.nullable() })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z.strictObject({ name: text(100) }).meta({ id: 'ApiTokenCreate' });

/** The secret is shown in this answer only; the server keeps a hash. */
export const ApiTokenCreated = z
  .object({ id: Id, name: z.string(), token: z.string(), createdAt: Timestamp })
  .meta({ id: 'ApiTokenCreated' });

export const ApiTokenList = listOf(ApiToken).meta({ id: 'ApiTokenList' });
