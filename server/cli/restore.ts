import { existsSync, statSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { restorePostgres } from '../db/backup-postgres.ts';
import { restoreSqlite } from '../db/backup-sqlite.ts';
import { sqlitePath } from '../db/client.ts';
import { backupKind, describeUrl, fileArguments, usageError } from './backup-cli.ts';
import { progressReporter } from './progress.ts';

const HELP = `Usage: npm run restore -- FILE [--force]

Replaces the database named by DATABASE_URL (default sqlite:./data/readout.db)
with FILE, a backup made by npm run backup, then migrates it to this version.
Stop the server first: the restore refuses while one has the database open.

  SQLite       FILE must be a SQLite backup; it is checked, copied beside the
               database and swapped in whole, so a failed restore changes nothing.
  PostgreSQL   FILE must be a pg_dump archive; pg_restore (on the PATH) loads it
               in one transaction.

  --force   Replace a database that holds calls or users (without it, only an
            empty or new database is restored into).
  --help    This text.
`;

const { file, force } = fileArguments(HELP, 'Name the backup file to restore.');
if (!existsSync(file) || !statSync(file).isFile()) usageError(HELP, `There is no file ${file}.`);

const { DATABASE_URL: url } = loadConfig();
const dialect = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
const kind = backupKind(file);
if (!kind) usageError(HELP, `${file} is neither a SQLite database nor a pg_dump archive.`);
if (kind !== dialect) {
  usageError(HELP, `${file} is a ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, but DATABASE_URL names a ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database. To move between the two, export and import the calls instead.`);
}

const started = performance.now();
const progress = progressReporter(dialect === 'sqlite' ? 'Restoring (pages)' : 'Restoring (archive entries)');
try {
  const options = { force };
  const onProgress = (done: number, total: number) => progress.update(done, total);
  const result = dialect === 'sqlite' ? await restoreSqlite(file, sqlitePath(url), options, onProgress) : await restorePostgres(file, url, options, onProgress);
  progress.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const replaced = result.replaced ? ` (replacing ${result.replaced.calls} calls, ${result.replaced.users} users)` : '';
  console.log(`Restored ${file} into ${describeUrl(url)}${replaced}: ${result.restored.calls} calls, ${result.restored.users} users in ${seconds} s.`);
  if (result.migrations.length) console.log(`Migrated it to this version: ${result.migrations.join(', ')}`);
} catch (error) {
  progress.stop();
  process.stderr.write(`Restore failed: ${(error as Error).message}\n`);
  process.exit(1);
}
