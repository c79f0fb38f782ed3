import type { Role } from '#shared/schemas/users.ts';
import type { Config } from '../../config.ts';

const DAY_MS = 24 * 3600_000;

/** Whether an account of this role must use two-factor authentication (MFA_REQUIRED). */
export function mfaRequiredFor(role: Role, config: Config): boolean {
  return config.MFA_REQUIRED === 'everyone' || role === 'admin';
}

interface Account {
  role: Role;
  mfaEnabled: boolean;
  firstLoginAt: number | null;
}

/**
 * Until when an account that must use two-factor authentication may work
 * without it: MFA_GRACE_DAYS after its first login. Null when it need not,
 * already does, or has not logged in yet.
 */
export function mfaGraceEndsAt(account: Account, config: Config): number | null {
  if (!mfaRequiredFor(account.role, config) || account.mfaEnabled || account.firstLoginAt === null) return null;
  return account.firstLoginAt + config.MFA_GRACE_DAYS * DAY_MS;
}

export function mfaEnrolmentDue(account: Account, config: Config, now: number): boolean {
  const ends = mfaGraceEndsAt(account, config);
  return ends !== null && now >= ends;
}

export function idleMs(config: Config): number {
  return config.SESSION_IDLE_MINUTES * 60_000;
}

export function sessionLifetimeMs(config: Config): number {
  return config.SESSION_HOURS * 3600_000;
}
