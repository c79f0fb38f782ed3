import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { PageQuery } from '#shared/schemas/common.ts';
import { type ApiTokenCreate, type ApiTokenCreated, type ApiTokenList, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from '#shared/schemas/users.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { hashSecret, newSecret } from '../../lib/secrets.ts';
import { fromIso, toIso } from '../../lib/time.ts';
import { appendAudit, byUser } from '../audit/service.ts';
import { requireRecentLogin } from '../auth/reauth.ts';
import { deleteTokenOf, insertToken, listTokensOf } from './repository.ts';

/** Marks a Readout token, so secret scanners and people can tell what leaked. */
export const TOKEN_PREFIX = 'rdt_';

const DAY_MS = 24 * 3600_000;

function expiryOf(input: ApiTokenCreate, now: number): number {
  if (input.expiresAt === undefined) return now + TOKEN_DEFAULT_DAYS * DAY_MS;
  const at = fromIso(input.expiresAt);
  if (at <= now) throw invalid([{ path: 'expiresAt', message: 'must lie in the future' }]);
  if (at > now + TOKEN_MAX_DAYS * DAY_MS) throw invalid([{ path: 'expiresAt', message: 'must be at most a year away' }]);
  return at;
}

/**
 * The secret is in this answer only; the database keeps its SHA-256. Needs
 * a recent login, so a session left open (or a stolen one) cannot mint a
 * credential that outlives it.
 */
export async function createToken(deps: Deps, owner: CurrentUser, input: ApiTokenCreate): Promise<z.infer<typeof ApiTokenCreated>> {
  const now = deps.clock.now();
  const expiresAt = expiryOf(input, now);
  await requireRecentLogin(deps, owner, { password: input.password, code: input.code });
  const token = newSecret(TOKEN_PREFIX);
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await insertToken(trx, { id, user_id: owner.id, name: input.name, token_hash: hashSecret(token), created_at: now, last_used_at: null, expires_at: expiresAt });
    await appendAudit(trx, deps, { type: 'token.created', ...byUser(owner), target: `token:${id}`, detail: { name: input.name, expiresAt: toIso(expiresAt) } });
  });
  return { id, name: input.name, token, createdAt: toIso(now), expiresAt: toIso(expiresAt) };
}

export function listTokens(deps: Deps, ownerId: string, query: z.infer<typeof PageQuery>): Promise<z.infer<typeof ApiTokenList>> {
  return listTokensOf(deps.db, ownerId, query);
}

/**
 * Revokes a token of `ownerId` (the caller's own, or, for an admin, anyone's).
 * A token of someone else answers 404, exactly like one that never existed.
 */
export async function deleteToken(deps: Deps, actor: CurrentUser, ownerId: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await deleteTokenOf(trx, ownerId, id);
    if (!deleted) throw notFound(`Token ${id}`);
    await appendAudit(trx, deps, { type: 'token.revoked', ...byUser(actor), target: `token:${id}`, detail: { name: deleted.name, owner: deleted.ownerUsername, ...(ownerId !== actor.id ? { byAdmin: true } : {}) } });
  });
}
