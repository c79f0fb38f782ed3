import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RequestInfo } from '../../lib/client-address.ts';
import type { Deps } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { byRequest, recordAudit } from '../audit/service.ts';
import { blockSubject, clearAttempts, countAttempt, isKnownAddress, pruneAttempts, uncountAttempt } from './login-records.ts';

type Db = Kysely<Database> | Transaction<Database>;

const MINUTE = 60_000;
export const LOGIN_WINDOW_MS = 15 * MINUTE;

/**
 * Failed logins are limited three ways (docs/security.md, "Throttling"):
 * - per account *and* address: strictly, 5 failures in 15 minutes, then 15 minutes' wait;
 * - per address, whatever the accounts: 20 failures in 15 minutes, then 15 minutes' wait
 *   (password spraying: many usernames from one place);
 * - per account, whatever the addresses: from its 10th failure in 15 minutes, each
 *   further attempt from an address it has not logged in from lately waits longer
 *   (1 s, 2 s, 4 s … up to 15 minutes). Its owner's usual addresses are exempt, so
 *   an attacker cannot lock the owner out, only slow themselves down.
 */
export const PAIR_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const ACCOUNT_LIMIT = 10;
export const BLOCK_MS = 15 * MINUTE;
/** How long an address an account logged in from counts as its owner's. */
export const KNOWN_ADDRESS_DAYS = 30;

function tooMany(retryAfterMs: number, what: string): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;
  return new AppError(429, 'Too many requests', `Too many failed logins ${what}. Try again in ${wait}.`, undefined, { 'Retry-After': String(seconds) });
}

function accountDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - ACCOUNT_LIMIT), BLOCK_MS);
}

export interface Attempt {
  /** The password (or code) was wrong: count it, block where a limit is reached. */
  failed(): Promise<void>;
  /** It was right: the account-and-address slate is wiped, the other counts take this attempt back. */
  succeeded(db: Db): Promise<void>;
  /** It ended before any secret was judged (a second factor is still to come). */
  undecided(): Promise<void>;
}

/**
 * Counts a login attempt on every subject before anything is checked, and
 * refuses it (429, with Retry-After) where a limit is already reached.
 */
export async function admitAttempt(deps: Deps, username: string, request: RequestInfo): Promise<Attempt> {
  const { db } = deps;
  const now = deps.clock.now();
  const pair = `pair:${username}|${request.ip ?? '-'}`;
  const address = request.ip === null ? null : `ip:${request.ip}`;
  const account = `user:${username}`;

  const pairCount = await countAttempt(db, pair, now, LOGIN_WINDOW_MS);
  const addressCount = address === null ? null : await countAttempt(db, address, now, LOGIN_WINDOW_MS);
  const accountCount = await countAttempt(db, account, now, LOGIN_WINDOW_MS);
  const all = [pair, ...(address ? [address] : []), account];

  if (pairCount.blockedUntil > now || pairCount.failures > PAIR_LIMIT) {
    throw tooMany(Math.max(pairCount.blockedUntil, pairCount.windowStartedAt + LOGIN_WINDOW_MS) - now, 'for this username from this address');
  }
  if (addressCount && (addressCount.blockedUntil > now || addressCount.failures > ADDRESS_LIMIT)) {
    throw tooMany(Math.max(addressCount.blockedUntil, addressCount.windowStartedAt + LOGIN_WINDOW_MS) - now, 'from this address');
  }
  const known = request.ip !== null && (await isKnownAddress(db, username, request.ip, now - KNOWN_ADDRESS_DAYS * 24 * 3600_000));
  if (!known && accountCount.failures > ACCOUNT_LIMIT && accountCount.blockedUntil > now) {
    throw tooMany(accountCount.blockedUntil - now, 'for this username');
  }

  const lockout = (scope: string, until: number) =>
    recordAudit(deps, { type: 'auth.lockout', ...byRequest(request, username), target: `user:${username}`, detail: { scope, until: new Date(until).toISOString() } });

  return {
    failed: async () => {
      if (pairCount.failures === PAIR_LIMIT) {
        await blockSubject(db, pair, now + BLOCK_MS);
        await lockout('username and address', now + BLOCK_MS);
      }
      if (address && addressCount && addressCount.failures === ADDRESS_LIMIT) {
        await blockSubject(db, address, now + BLOCK_MS);
        await lockout('address', now + BLOCK_MS);
      }
      if (accountCount.failures >= ACCOUNT_LIMIT) {
        await blockSubject(db, account, now + accountDelayMs(accountCount.failures));
        if (accountCount.failures === ACCOUNT_LIMIT) await lockout('username, from addresses it has not logged in from', now + accountDelayMs(accountCount.failures));
      }
      await pruneAttempts(db, now, LOGIN_WINDOW_MS);
    },
    succeeded: async (trx) => {
      await clearAttempts(trx, pair);
      if (address) await uncountAttempt(trx, address);
      await uncountAttempt(trx, account);
    },
    undecided: async () => {
      for (const subject of all) await uncountAttempt(db, subject);
    },
  };
}
