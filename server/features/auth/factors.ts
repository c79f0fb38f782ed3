import { randomUUID } from 'node:crypto';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../lib/context.ts';
import type { UserRow } from '../users/repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { looksLikeRecoveryCode, matchTotp, normaliseRecoveryCode } from './totp.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A second factor that checked out, not yet used up. */
export type FactorMatch = { kind: 'totp'; step: number } | { kind: 'recovery_code'; codeId: string };

/**
 * Checks a two-factor code against an account with two-factor on: a TOTP
 * code newer than the last one accepted, or one of its unused recovery
 * codes. Runs outside any transaction (argon2 takes time); `consumeFactor`
 * then uses it up inside one.
 */
export async function matchFactor(deps: Deps, user: Pick<UserRow, 'id' | 'mfa_secret' | 'mfa_last_step'>, code: string): Promise<FactorMatch | null> {
  if (user.mfa_secret === null) return null;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchTotp(user.mfa_secret, trimmed, deps.clock.now(), user.mfa_last_step === null ? null : Number(user.mfa_last_step));
    return step === null ? null : { kind: 'totp', step };
  }
  if (!looksLikeRecoveryCode(trimmed)) return null;
  const normalised = normaliseRecoveryCode(trimmed);
  const unused = await deps.db.selectFrom('mfa_recovery_codes').select(['id', 'code_hash']).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
  for (const row of unused) if (await verifyPassword(row.code_hash, normalised)) return { kind: 'recovery_code', codeId: row.id };
  return null;
}

/**
 * Uses the factor up: the TOTP step becomes the last accepted (only if no
 * later one was meanwhile), the recovery code is marked used (only if it
 * was not). False when a parallel request got there first: a replay.
 */
export async function consumeFactor(trx: Db, userId: string, match: FactorMatch, now: number): Promise<boolean> {
  if (match.kind === 'totp') {
    const result = await trx
      .updateTable('users')
      .set({ mfa_last_step: match.step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', match.step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  const result = await trx.updateTable('mfa_recovery_codes').set({ used_at: now }).where('id', '=', match.codeId).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Hashes fresh recovery codes like passwords (before any transaction: argon2 takes time). */
export function hashRecoveryCodes(deps: Deps, codes: string[]): Promise<string[]> {
  return Promise.all(codes.map((code) => hashPassword(deps.config, normaliseRecoveryCode(code))));
}

/** Replaces a user's recovery codes with these hashes. */
export async function storeRecoveryCodes(trx: Db, userId: string, hashes: string[], now: number): Promise<void> {
  await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await trx.insertInto('mfa_recovery_codes').values(hashes.map((code_hash) => ({ id: randomUUID(), user_id: userId, code_hash, created_at: now, used_at: null }))).execute();
}

export async function deleteRecoveryCodes(trx: Db, userId: string): Promise<void> {
  await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
