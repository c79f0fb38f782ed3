import { spawn } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import pg from 'pg';
import type { OnProgress } from './backup-sqlite.ts';
import { openDatabase } from './client.ts';
import { migrateToLatest } from './migrate.ts';
import { APPLICATION_NAME } from './postgres-pool.ts';

/**
 * The connection URL for pg_dump/pg_restore without its password, which goes
 * in the environment instead: a command line is visible to every user (ps).
 */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: `--dbname=${parsed.toString()}`, env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/**
 * Runs one of PostgreSQL's client tools, counting the lines of its --verbose
 * output that `step` recognises as progress; its other output is kept for the
 * error message should it fail.
 */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv, step: RegExp, total: number, onProgress: OnProgress): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let done = 0;
    let log = '';
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (step.test(line)) onProgress(Math.min(++done, total), total);
        else log += `${line}\n`;
      }
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${tool} was not found: install PostgreSQL's client tools (Debian: postgresql-client)`) : error),
    );
    child.once('close', (code) => {
      if (code === 0) {
        if (done < total) onProgress(total, total);
        resolve();
      } else reject(new Error(`${tool} failed (exit ${code}):\n${(log + pending).trim()}`));
    });
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function countRows(client: pg.Client): Promise<{ calls: number; users: number } | null> {
  const { rows } = await client.query<{ calls: string | null; users: string | null }>(
    "select to_regclass('calls')::text as calls, to_regclass('users')::text as users",
  );
  if (!rows[0]?.calls) return null;
  const count = async (table: string) => Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
  return { calls: await count('calls'), users: rows[0].users ? await count('users') : 0 };
}

/**
 * pg_dump's custom format, while the server goes on writing: the dump reads
 * a snapshot exported by a transaction of ours, so the counts reported are
 * those of the dump itself. Written beside the target and renamed into place
 * when complete. Progress counts the tables dumped.
 */
export async function backupPostgres(url: string, target: string, onProgress: OnProgress): Promise<{ calls: number; users: number }> {
  return withClient(url, async (client) => {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const counts = await countRows(client);
    if (!counts) throw new Error('DATABASE_URL holds no Readout tables: nothing to back up');
    const { rows } = await client.query<{ n: string }>(
      "select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'",
    );
    const partial = `${target}.partial-${process.pid}`;
    try {
      const { dbname, env } = toolConnection(url);
      await runTool('pg_dump', ['--format=custom', '--verbose', `--snapshot=${snapshot}`, `--file=${partial}`, dbname], env, /dumping contents of table/, Number(rows[0]!.n), onProgress);
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    } finally {
      await client.query('commit');
    }
    return counts;
  });
}

/**
 * pg_restore into DATABASE_URL in one transaction (all or nothing), dropping
 * the objects the dump holds first. Refuses while a Readout server is
 * connected, and to overwrite data without `force`; then migrates to this
 * version. Progress counts the entries of the dump's table of contents.
 */
export async function restorePostgres(
  backup: string,
  url: string,
  options: { force: boolean },
  onProgress: OnProgress,
): Promise<{ replaced: { calls: number; users: number } | null; restored: { calls: number; users: number }; migrations: string[] }> {
  const entries = await new Promise<number>((resolve, reject) => {
    const child = spawn('pg_restore', ['--list', backup], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error("pg_restore was not found: install PostgreSQL's client tools (Debian: postgresql-client)") : error),
    );
    child.once('close', (code) =>
      code === 0 ? resolve(out.split('\n').filter((l) => l && !l.startsWith(';')).length) : reject(new Error(`${backup} is not a pg_dump archive: ${err.trim()}`)),
    );
  });
  const replaced = await withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from pg_stat_activity where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()',
      [APPLICATION_NAME],
    );
    const servers = Number(rows[0]!.n);
    if (servers > 0) throw new Error(`The database is in use: ${servers} connection(s) from a Readout server. Stop every server, then restore`);
    return countRows(client);
  });
  if (replaced && !options.force && replaced.calls + replaced.users > 0) {
    throw new Error(`DATABASE_URL holds ${replaced.calls} calls and ${replaced.users} users; restoring replaces them all. Run again with --force to do so`);
  }
  // With --clean, each entry is first dropped (if it exists), then created or loaded.
  const { dbname, env } = toolConnection(url);
  await runTool(
    'pg_restore',
    ['--verbose', '--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', dbname, backup],
    env,
    /^pg_restore: (dropping|creating|processing|executing)/,
    entries * 2,
    onProgress,
  );
  const database = openDatabase(url);
  try {
    const migrations = await migrateToLatest(database.db);
    const restored = await withClient(url, countRows);
    return { replaced, restored: restored ?? { calls: 0, users: 0 }, migrations };
  } finally {
    await database.close();
  }
}
