import { z } from 'zod';
import { Id, Timestamp, listOf } from './common.ts';

/** Minutes after proving who they are (password or code) during which a session may do sensitive things. */
export const RECENT_LOGIN_MINUTES = 10;

const code = z.string().trim().min(1, 'must not be empty').max(64);

/** Proving it is still you: the password, or a two-factor code (or recovery code). */
export const Reauthenticate = z
  .strictObject({ password: z.string().min(1).max(256).optional(), code: code.optional() })
  .refine((body) => body.password !== undefined || body.code !== undefined, { message: 'send your password or a two-factor code', path: ['password'] })
  .meta({ id: 'Reauthenticate' });
export type Reauthenticate = z.infer<typeof Reauthenticate>;

export const Session = z
  .object({
    id: Id,
    createdAt: Timestamp.meta({ description: 'When this login happened' }),
    lastSeenAt: Timestamp,
    expiresAt: Timestamp.meta({ description: 'The absolute end (SESSION_HOURS after login); it ends sooner after SESSION_IDLE_MINUTES unused' }),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean().meta({ description: 'The session this request was made with' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;
export const SessionList = listOf(Session).meta({ id: 'SessionList' });

export const MfaStatus = z
  .object({
    enabled: z.boolean(),
    enabledAt: Timestamp.nullable(),
    recoveryCodesLeft: z.number().int(),
    required: z.boolean().meta({ description: 'This account must use two-factor authentication' }),
    graceEndsAt: Timestamp.nullable(),
  })
  .meta({ id: 'MfaStatus' });
export type MfaStatus = z.infer<typeof MfaStatus>;

export const MfaSetup = z
  .object({
    secret: z.string().meta({ description: 'The TOTP secret (base32), for typing into an authenticator app' }),
    otpauthUrl: z.string().meta({ description: 'The same as an otpauth:// URL, which the dashboard shows as a QR code' }),
  })
  .meta({ id: 'MfaSetup' });
export type MfaSetup = z.infer<typeof MfaSetup>;

export const MfaEnable = z
  .strictObject({ code: z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits the app shows') })
  .meta({ id: 'MfaEnable' });

export const MfaDisable = z.strictObject({ password: z.string().min(1).max(256), code }).meta({ id: 'MfaDisable' });

export const RecoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()).meta({ description: '10 one-time codes, shown this once: each logs in once instead of a two-factor code' }) })
  .meta({ id: 'RecoveryCodes' });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;
