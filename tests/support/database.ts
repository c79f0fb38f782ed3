import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '#server/db/client.ts';
import { migrateToLatest } from '#server/db/migrate.ts';

/** `READOUT_TEST_DIALECT=postgres` runs the same suite on PostgreSQL. */
export const testDialect = process.env.READOUT_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

const PG_ADMIN_URL = process.env.READOUT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, migrated database of its own for each test app: a temporary SQLite
 * file, or a new PostgreSQL schema (so parallel workers never meet).
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url: string }> {
  if (testDialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'readout-test-'));
    const sqliteUrl = `sqlite:${join(dir, 'test.db')}`;
    const handle = openDatabase(sqliteUrl);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      url: sqliteUrl,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const handle = openDatabase(url.toString());
  await migrateToLatest(handle.db, { schema });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: PG_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
