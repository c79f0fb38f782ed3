import { meta, z } from './zod.ts';
import { Id, PageQuery, TimeZone, Timestamp, listOf, text } from './common.ts';

export const Role = meta(z.enum(['admin', 'analyst', 'viewer']), { id: 'Role' });
export type Role = z.infer<typeof Role>;

/** What each role may do includes everything the roles after it may do. */
export const ROLE_RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

export function hasRole(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export const Username = z
  .string()
  .check(
    z.trim(),
    z.minLength(3, 'must be at least 3 characters'),
    z.maxLength(64, 'must be at most 64 characters'),
    z.regex(/^[a-zA-Z0-9._-]+$/, 'may use letters, digits, dots, dashes and underscores only'),
    z.toLowerCase(),
  );

/** Long passphrases are welcome; a cap keeps hashing cost bounded. */
export const Password = z.string().check(z.minLength(10, 'must be at least 10 characters'), z.maxLength(256, 'must be at most 256 characters'));

/** Where alerts and the briefing are emailed. */
export const EmailAddress = z
  .email({ message: 'must be an email address such as analyst@example.org' })
  .check(z.maxLength(254, 'must be at most 254 characters'));

/** A local time of day, "HH:MM" (24-hour). */
export const LocalTime = meta(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour), e.g. "07:30"')), {
  example: '07:30',
});

export const User = meta(
  z.object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    disabled: z.boolean(),
    email: meta(z.nullable(z.string()), { description: 'Where alerts with the email channel and the briefing go; null: none' }),
    timeZone: meta(z.nullable(z.string()), { description: "The user's IANA time zone, for the time of their briefing; null: UTC" }),
    briefingAt: meta(z.nullable(z.string()), {
      description: 'The local time of day ("HH:MM", in timeZone) the briefing is emailed each day; null: not subscribed',
    }),
    mfaEnabled: meta(z.boolean(), { description: 'Two-factor authentication is on' }),
    mustChangePassword: meta(z.boolean(), { description: 'An admin set the password: the next login must change it first' }),
    lastLoginAt: z.nullable(Timestamp),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { id: 'User' },
);
export type User = z.infer<typeof User>;

/** The logged-in user, with what they must do before anything else. */
export const Me = meta(
  z.extend(User, {
    mfaRequired: meta(z.boolean(), { description: 'This account must use two-factor authentication (MFA_REQUIRED)' }),
    mfaEnrolmentDue: meta(z.boolean(), { description: 'Required and not enrolled after the grace period: enrolling is all this account may do' }),
    mfaGraceEndsAt: meta(z.nullable(Timestamp), {
      description: 'Until when the account may work without two-factor authentication; null when it need not or already does',
    }),
  }),
  { id: 'Me' },
);
export type Me = z.infer<typeof Me>;

export const UserCreate = meta(
  z.strictObject({ username: Username, password: Password, displayName: text(120), role: Role, email: z.optional(z.nullable(EmailAddress)) }),
  { id: 'UserCreate' },
);
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = meta(
  z.partial(z.strictObject({ password: Password, displayName: text(120), role: Role, disabled: z.boolean(), email: z.nullable(EmailAddress) })),
  { id: 'UserPatch' },
);
export type UserPatch = z.infer<typeof UserPatch>;

/** What a user sets of their own account; null clears. A briefing time needs an email address. */
export const MePatch = meta(z.partial(z.strictObject({ email: z.nullable(EmailAddress), timeZone: z.nullable(TimeZone), briefingAt: z.nullable(LocalTime) })), {
  id: 'MePatch',
});
export type MePatch = z.infer<typeof MePatch>;

export const UserList = meta(listOf(User), { id: 'UserList' });
export const UserListQuery = PageQuery;

export const SetupRequest = meta(z.strictObject({ username: Username, password: Password, displayName: text(120) }), { id: 'SetupRequest' });
export type SetupRequest = z.infer<typeof SetupRequest>;

export const LoginRequest = meta(
  z.strictObject({
    username: z.string().check(z.trim(), z.minLength(1), z.maxLength(64), z.toLowerCase()),
    password: z.string().check(z.minLength(1), z.maxLength(256)),
    code: meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))), {
      description: 'A current two-factor code from the authenticator app, or an unused recovery code',
    }),
  }),
  { id: 'LoginRequest' },
);
export type LoginRequest = z.infer<typeof LoginRequest>;

/** A user changing their own password proves they know the current one. */
export const PasswordChange = meta(z.strictObject({ currentPassword: z.string().check(z.minLength(1), z.maxLength(256)), newPassword: Password }), {
  id: 'PasswordChange',
});
export type PasswordChange = z.infer<typeof PasswordChange>;

export const SetupStatus = meta(z.object({ needsSetup: z.boolean() }), { id: 'SetupStatus' });

export const ApiToken = meta(z.object({ id: Id, name: z.string(), createdAt: Timestamp, lastUsedAt: z.nullable(Timestamp), expiresAt: Timestamp }), {
  id: 'ApiToken',
});
export type ApiToken = z.infer<typeof ApiToken>;

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 366;

/**
 * Creating a token needs a recent login: a session that proved its owner in
 * the last 10 minutes, or the password (or a two-factor code) sent along.
 */
export const ApiTokenCreate = meta(
  z.strictObject({
    name: text(100),
    expiresAt: meta(z.optional(Timestamp), {
      description: `When the token stops working: in the future, at most a year away (default: ${TOKEN_DEFAULT_DAYS} days)`,
    }),
    password: meta(z.optional(z.string().check(z.minLength(1), z.maxLength(256))), {
      description: 'Your password, when your last login was more than 10 minutes ago',
    }),
    code: meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))), { description: 'Or a two-factor code instead of the password' }),
  }),
  { id: 'ApiTokenCreate' },
);
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

/** The secret is shown in this answer only; the server keeps a hash. */
export const ApiTokenCreated = meta(z.object({ id: Id, name: z.string(), token: z.string(), createdAt: Timestamp, expiresAt: Timestamp }), {
  id: 'ApiTokenCreated',
});

export const ApiTokenList = meta(listOf(ApiToken), { id: 'ApiTokenList' });
