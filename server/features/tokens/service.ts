import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '#shared/schemas/users.ts';
import type { PageQuery } from '#shared/schemas/common.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { hashSecret, newSecret } from '../../lib/secrets.ts';
import { toIso } from '../../lib/time.ts';
import { deleteTokenOf, insertToken, listTokensOf } from './repository.ts';

/** Marks a Readout token, so secret scanners and people can tell what leaked. */
export const TOKEN_PREFIX = 'rdt_';

/** The secret is in this answer only; the database keeps its SHA-256. */
export async function createToken(deps: Deps, owner: CurrentUser, input: z.infer<typeof ApiTokenCreate>): Promise<z.infer<typeof ApiTokenCreated>> {
  const now = deps.clock.now();
  const token = newSecret(TOKEN_PREFIX);
  const id = randomUUID();
  await insertToken(deps.db, { id, user_id: owner.id, name: input.name, token_hash: hashSecret(token), created_at: now, last_used_at: null });
  return { id, name: input.name, token, createdAt: toIso(now) };
}

export function listTokens(deps: Deps, owner: CurrentUser, query: z.infer<typeof PageQuery>): Promise<z.infer<typeof ApiTokenList>> {
  return listTokensOf(deps.db, owner.id, query);
}

/** Someone else's token answers 404, exactly like one that never existed. */
export async function deleteToken(deps: Deps, owner: CurrentUser, id: string): Promise<void> {
  if (!(await deleteTokenOf(deps.db, owner.id, id))) throw notFound(`Token ${id}`);
}
