import { type Algorithm, type Options, hash, parseOptions, verify } from '@node-rs/argon2';
import { type Config, PASSWORD_HASH_COST } from '../../config.ts';

// The package declares Algorithm as an ambient const enum, which
// verbatimModuleSyntax cannot read at run time; 2 is its Argon2id member.
const ARGON2ID = 2 satisfies Algorithm;

function optionsFor(config: Config): Options {
  const cost = config.passwordHashCost ?? PASSWORD_HASH_COST;
  return { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: cost.parallelism };
}

/** argon2id in PHC form (`$argon2id$v=19$m=…`): the salt and cost travel with the hash. */
export function hashPassword(config: Config, password: string): Promise<string> {
  return hash(password, optionsFor(config));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // Not a hash this library can read (e.g. an account created by hand): no match.
    return false;
  }
}

/** Whether a stored hash predates the current cost, so a successful login should rehash it. */
export function needsRehash(config: Config, stored: string): boolean {
  const wanted = optionsFor(config);
  try {
    const used = parseOptions(stored);
    return used.algorithm !== ARGON2ID || used.memoryCost !== wanted.memoryCost || used.timeCost !== wanted.timeCost || used.parallelism !== wanted.parallelism;
  } catch {
    return false;
  }
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * Spends the same argon2 time as a real check when the username is unknown,
 * so the answer's timing does not tell which usernames exist.
 */
export async function verifyAgainstNobody(config: Config, password: string): Promise<false> {
  const key = JSON.stringify(optionsFor(config));
  let dummy = dummyHashes.get(key);
  if (!dummy) {
    dummy = hash('no-such-user-password', optionsFor(config));
    dummyHashes.set(key, dummy);
  }
  await verifyPassword(await dummy, password);
  return false;
}
