import { meta, z } from './zod.ts';
import { Id, Timestamp, listOf } from './common.ts';

/** Minutes after proving who they are (password or code) during which a session may do sensitive things. */
export const RECENT_LOGIN_MINUTES = 10;

const code = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(64));

/** Proving it is still you: the password, or a two-factor code (or recovery code). */
export const Reauthenticate = meta(
  z
    .strictObject({ password: z.optional(z.string().check(z.minLength(1), z.maxLength(256))), code: z.optional(code) })
    .check(
      z.refine((body) => body.password !== undefined || body.code !== undefined, { message: 'send your password or a two-factor code', path: ['password'] }),
    ),
  { id: 'Reauthenticate' },
);
export type Reauthenticate = z.infer<typeof Reauthenticate>;

export const Session = meta(
  z.object({
    id: Id,
    createdAt: meta(Timestamp, { description: 'When this login happened' }),
    lastSeenAt: Timestamp,
    expiresAt: meta(Timestamp, { description: 'The absolute end (SESSION_HOURS after login); it ends sooner after SESSION_IDLE_MINUTES unused' }),
    ip: z.nullable(z.string()),
    userAgent: z.nullable(z.string()),
    current: meta(z.boolean(), { description: 'The session this request was made with' }),
  }),
  { id: 'Session' },
);
export type Session = z.infer<typeof Session>;
export const SessionList = meta(listOf(Session), { id: 'SessionList' });

export const MfaStatus = meta(
  z.object({
    enabled: z.boolean(),
    enabledAt: z.nullable(Timestamp),
    recoveryCodesLeft: z.number().check(z.int()),
    required: meta(z.boolean(), { description: 'This account must use two-factor authentication' }),
    graceEndsAt: z.nullable(Timestamp),
  }),
  { id: 'MfaStatus' },
);
export type MfaStatus = z.infer<typeof MfaStatus>;

export const MfaSetup = meta(
  z.object({
    secret: meta(z.string(), { description: 'The TOTP secret (base32), for typing into an authenticator app' }),
    otpauthUrl: meta(z.string(), { description: 'The same as an otpauth:// URL, which the dashboard shows as a QR code' }),
  }),
  { id: 'MfaSetup' },
);
export type MfaSetup = z.infer<typeof MfaSetup>;

export const MfaEnable = meta(z.strictObject({ code: z.string().check(z.trim(), z.regex(/^\d{6}$/, 'must be the 6 digits the app shows')) }), {
  id: 'MfaEnable',
});

export const MfaDisable = meta(z.strictObject({ password: z.string().check(z.minLength(1), z.maxLength(256)), code }), { id: 'MfaDisable' });

export const RecoveryCodes = meta(
  z.object({ recoveryCodes: meta(z.array(z.string()), { description: '10 one-time codes, shown this once: each logs in once instead of a two-factor code' }) }),
  { id: 'RecoveryCodes' },
);
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;
