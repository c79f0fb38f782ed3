import { createHash, randomBytes } from 'node:crypto';

/** A fresh unguessable secret (256 bits), URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Session ids and API tokens are stored only as their SHA-256: they are
 * random and long, so a fast hash suffices, and a leaked database does not
 * hand out live credentials.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
