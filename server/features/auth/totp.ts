import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';

/** RFC 6238 as every authenticator app reads it: 30-second steps, 6 digits, HMAC-SHA-1. */
export const TOTP_PERIOD_S = 30;
export const ISSUER = 'Readout';
export const RECOVERY_CODE_COUNT = 10;

/** A fresh 160-bit TOTP secret (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUrl(username: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: username, secret });
}

/**
 * The time step a code belongs to, when it is right for this secret now and
 * newer than `afterStep` (the last one accepted), else null. One step either
 * side is accepted for clock drift and typing time (RFC 6238 §5.2); a code
 * whose step was already used is refused, so no code works twice.
 */
export function matchTotp(secret: string, code: string, nowMs: number, afterStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    period: TOTP_PERIOD_S,
    epochTolerance: TOTP_PERIOD_S,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

// Crockford-style base32 without look-alikes (no i, l, o, u).
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Ten one-time recovery codes of 16 characters from a 32-letter alphabet:
 * 80 random bits each, shown as four groups of four. Below 112 bits a plain
 * hash is not enough (ASVS 6.5.2), so each is stored like a password
 * (argon2id, salted); checking one costs at most ten verifications, and only
 * after the right password.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b & 31]!).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What a person typed, in the stored form: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

export function looksLikeRecoveryCode(input: string): boolean {
  return /^[0-9a-z]{16}$/.test(normaliseRecoveryCode(input));
}
