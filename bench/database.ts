import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, type Dialect, openDatabase } from '#server/db/client.ts';
import { migrateToLatest } from '#server/db/migrate.ts';

/** The PostgreSQL server where a benchmark may create (and afterwards drop) a database of its own. */
export const BENCH_PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, migrated database that disappears afterwards: a temporary SQLite
 * file (in WAL mode with synchronous=FULL, as the app runs it), or a new
 * database on the PostgreSQL server of BENCH_PG_URL. `url` is its
 * DATABASE_URL, for a server started on it.
 */
export async function createBenchDatabase(dialect: Dialect): Promise<DatabaseHandle & { where: string; url: string }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'readout-bench-'));
    const path = join(dir, 'bench.db');
    const url = `sqlite:${path}`;
    const handle = openDatabase(url);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      where: path,
      url,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const name = `readout_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: BENCH_PG_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle.db);
  return {
    ...handle,
    where: `${url.host}/${name}`,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
