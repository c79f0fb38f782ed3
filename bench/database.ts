import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, type Dialect, openDatabase } from '#server/db/client.ts';
import { migrateToLatest } from '#server/db/migrate.ts';

/** Where a PostgreSQL benchmark may create (and afterwards drop) a schema of its own. */
export const BENCH_PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, migrated database that disappears afterwards: a temporary SQLite
 * file (in WAL mode with synchronous=FULL, as the app runs it), or a new
 * schema in the PostgreSQL database at BENCH_PG_URL.
 */
export async function createBenchDatabase(dialect: Dialect): Promise<DatabaseHandle & { where: string }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'readout-bench-'));
    const path = join(dir, 'bench.db');
    const handle = openDatabase(`sqlite:${path}`);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      where: path,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const schema = `bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(BENCH_PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle.db, { schema });
  return {
    ...handle,
    where: `${url.host}${url.pathname} schema ${schema}`,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: BENCH_PG_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
