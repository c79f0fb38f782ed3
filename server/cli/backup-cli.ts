/** What `npm run backup` and `npm run restore` share: their arguments, and how they name files and databases. */
import { closeSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Prints the message and the usage to stderr and exits 2 (a usage error). */
export function usageError(help: string, message: string): never {
  process.stderr.write(`${message}\n\n${help}`);
  process.exit(2);
}

/**
 * The arguments of `backup` and `restore`: one FILE and `--force`; `--help`
 * prints the usage and exits, anything else is a usage error.
 */
export function fileArguments(help: string, missing: string): { file: string; force: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    usageError(help, (error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(help);
    process.exit(0);
  }
  if (parsed.positionals.length !== 1) usageError(help, missing);
  return { file: parsed.positionals[0]!, force: parsed.values.force };
}

/** What a backup file holds, from its first bytes: a SQLite database, a pg_dump archive, or neither. */
export function backupKind(file: string): 'sqlite' | 'postgres' | undefined {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  return undefined;
}

/** DATABASE_URL fit to print: no password. */
export function describeUrl(url: string): string {
  if (!/^postgres(ql)?:/.test(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
