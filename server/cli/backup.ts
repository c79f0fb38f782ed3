import { existsSync, statSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { backupPostgres } from '../db/backup-postgres.ts';
import { backupSqlite } from '../db/backup-sqlite.ts';
import { sqlitePath } from '../db/client.ts';
import { describeUrl, fileArguments, megabytes, usageError } from './backup-cli.ts';
import { progressReporter } from './progress.ts';

const HELP = `Usage: npm run backup -- FILE [--force]

Copies the database named by DATABASE_URL (default sqlite:./data/readout.db)
into FILE, consistently, while the server goes on serving and writing.

  SQLite       FILE is one SQLite database file, checked after copying.
  PostgreSQL   FILE is a pg_dump archive (custom format); needs pg_dump, of the
               server's major version or newer, on the PATH.

Restore it with: npm run restore -- FILE

  --force   Overwrite FILE if it exists.
  --help    This text.
`;

const { file, force } = fileArguments(HELP, 'Name the file to write the backup to.');
if (existsSync(file) && !force) usageError(HELP, `${file} exists: choose another name, or pass --force to overwrite it.`);

const { DATABASE_URL: url } = loadConfig();
const started = performance.now();
const progress = progressReporter(url.startsWith('sqlite:') ? 'Backing up (pages)' : 'Backing up (tables)');
try {
  const counts = url.startsWith('sqlite:')
    ? await backupSqlite(sqlitePath(url), file, (done, total) => progress.update(done, total))
    : await backupPostgres(url, file, (done, total) => progress.update(done, total));
  progress.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Backed up ${describeUrl(url)} to ${file}: ${counts.calls} calls, ${counts.users} users, ${megabytes(statSync(file).size)} in ${seconds} s.`);
} catch (error) {
  progress.stop();
  process.stderr.write(`Backup failed: ${(error as Error).message}\n`);
  process.exit(1);
}
