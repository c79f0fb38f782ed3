import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { SessionList } from '#shared/schemas/auth.ts';
import type { PageQuery } from '#shared/schemas/common.ts';
import type { Database } from '../../db/schema.ts';
import type { RequestInfo } from '../../lib/client-address.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { hashSecret, newSecret } from '../../lib/secrets.ts';
import { appendAudit, byUser } from '../audit/service.ts';
import { deleteSessionsOfUser } from '../users/repository.ts';
import { idleMs, sessionLifetimeMs } from './policy.ts';
import { deleteSessionOf, insertSession, listSessionsOf } from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface StartedSession {
  /** The cookie's value; only its hash is stored. */
  secret: string;
  /** The public id the sessions list shows. */
  id: string;
}

export async function startSession(db: Db, deps: Deps, userId: string, request: RequestInfo): Promise<StartedSession> {
  const now = deps.clock.now();
  const secret = newSecret();
  const id = randomUUID();
  await insertSession(db, { idHash: hashSecret(secret), id, userId, createdAt: now, expiresAt: now + sessionLifetimeMs(deps.config), ip: request.ip, userAgent: request.userAgent });
  return { secret, id };
}

export async function listSessions(deps: Deps, user: CurrentUser, query: z.infer<typeof PageQuery>, ownerId = user.id): Promise<z.infer<typeof SessionList>> {
  const page = await listSessionsOf(deps.db, ownerId, deps.clock.now(), idleMs(deps.config), query);
  return { items: page.items.map((s) => ({ ...s, current: user.via === 'session' && s.id === user.credentialId })), nextCursor: page.nextCursor };
}

/** Ends one of the user's own sessions; another user's answers 404, exactly like one that never existed. */
export async function revokeSession(deps: Deps, user: CurrentUser, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deleteSessionOf(trx, user.id, id))) throw notFound(`Session ${id}`);
    await appendAudit(trx, deps, { type: 'session.revoked', ...byUser(user), target: `session:${id}`, detail: { current: user.via === 'session' && id === user.credentialId } });
  });
}

/** "Log out everywhere": every session of the user ends, this one too. */
export async function logoutEverywhere(deps: Deps, user: CurrentUser): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfUser(trx, user.id);
    await appendAudit(trx, deps, { type: 'auth.logout_all', ...byUser(user), target: `user:${user.id}`, detail: { sessionsEnded: ended } });
    return ended;
  });
}

/** An admin ends every session of another user (or their own). */
export async function endSessionsOf(deps: Deps, admin: CurrentUser, userId: string, username: string): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfUser(trx, userId);
    await appendAudit(trx, deps, { type: 'session.revoked', ...byUser(admin), target: `user:${userId}`, detail: { username, sessionsEnded: ended, byAdmin: true } });
    return ended;
  });
}
