import { z } from 'zod';
import { Id, PageQuery, TimeZone, Timestamp, listOf, text } from './common.ts';

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

/** Where alerts and the briefing are emailed. */
export const EmailAddress = z.email({ message: 'must be an email address such as analyst@example.org' }).max(254, 'must be at most 254 characters');

/** A local time of day, "HH:MM" (24-hour). */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour), e.g. "07:30"')
  .meta({ example: '07:30' });

export const User = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    disabled: z.boolean(),
    email: z.string().nullable().meta({ description: 'Where alerts with the email channel and the briefing go; null: none' }),
    timeZone: z.string().nullable().meta({ description: 'The user\'s IANA time zone, for the time of their briefing; null: UTC' }),
    briefingAt: z.string().nullable().meta({ description: 'The local time of day ("HH:MM", in timeZone) the briefing is emailed each day; null: not subscribed' }),
    mfaEnabled: z.boolean().meta({ description: 'Two-factor authentication is on' }),
    mustChangePassword: z.boolean().meta({ description: 'An admin set the password: the next login must change it first' }),
    lastLoginAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** The logged-in user, with what they must do before anything else. */
export const Me = User.extend({
  mfaRequired: z.boolean().meta({ description: 'This account must use two-factor authentication (MFA_REQUIRED)' }),
  mfaEnrolmentDue: z.boolean().meta({ description: 'Required and not enrolled after the grace period: enrolling is all this account may do' }),
  mfaGraceEndsAt: Timestamp.nullable().meta({ description: 'Until when the account may work without two-factor authentication; null when it need not or already does' }),
}).meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const UserCreate = z
  .strictObject({ username: Username, password: Password, displayName: text(120), role: Role, email: EmailAddress.nullable().optional() })
  .meta({ id: 'UserCreate' });
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z
  .strictObject({ password: Password, displayName: text(120), role: Role, disabled: z.boolean(), email: EmailAddress.nullable() })
  .partial()
  .meta({ id: 'UserPatch' });
export type UserPatch = z.infer<typeof UserPatch>;

/** What a user sets of their own account; null clears. A briefing time needs an email address. */
export const MePatch = z
  .strictObject({ email: EmailAddress.nullable(), timeZone: TimeZone.nullable(), briefingAt: LocalTime.nullable() })
  .partial()
  .meta({ id: 'MePatch' });
export type MePatch = z.infer<typeof MePatch>;

export const UserList = listOf(User).meta({ id: 'UserList' });
export const UserListQuery = PageQuery;

export const SetupRequest = z
  .strictObject({ username: Username, password: Password, displayName: text(120) })
  .meta({ id: 'SetupRequest' });
export type SetupRequest = z.infer<typeof SetupRequest>;

export const LoginRequest = z
  .strictObject({
    username: z.string().trim().min(1).max(64).toLowerCase(),
    password: z.string().min(1).max(256),
    code: z.string().trim().min(1).max(64).optional().meta({ description: 'A current two-factor code from the authenticator app, or an unused recovery code' }),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** A user changing their own password proves they know the current one. */
export const PasswordChange = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: Password })
  .meta({ id: 'PasswordChange' });
export type PasswordChange = z.infer<typeof PasswordChange>;

export const SetupStatus = z.object({ needsSetup: z.boolean() }).meta({ id: 'SetupStatus' });

export const ApiToken = z
  .object({ id: Id, name: z.string(), createdAt: Timestamp, lastUsedAt: Timestamp.nullable(), expiresAt: Timestamp })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 366;

/**
 * Creating a token needs a recent login: a session that proved its owner in
 * the last 10 minutes, or the password (or a two-factor code) sent along.
 */
export const ApiTokenCreate = z
  .strictObject({
    name: text(100),
    expiresAt: Timestamp.optional().meta({ description: `When the token stops working: in the future, at most a year away (default: ${TOKEN_DEFAULT_DAYS} days)` }),
    password: z.string().min(1).max(256).optional().meta({ description: 'Your password, when your last login was more than 10 minutes ago' }),
    code: z.string().trim().min(1).max(64).optional().meta({ description: 'Or a two-factor code instead of the password' }),
  })
  .meta({ id: 'ApiTokenCreate' });
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

/** The secret is shown in this answer only; the server keeps a hash. */
export const ApiTokenCreated = z
  .object({ id: Id, name: z.string(), token: z.string(), createdAt: Timestamp, expiresAt: Timestamp })
  .meta({ id: 'ApiTokenCreated' });

export const ApiTokenList = listOf(ApiToken).meta({ id: 'ApiTokenList' });
