import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testDialect } from '../../support/database.ts';

const PG_ADMIN_URL = process.env.READOUT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * An empty database for a server process of its own, on the dialect under
 * test: a SQLite file in a temporary folder, or a new PostgreSQL database on
 * the shared cluster (a database rather than a schema: the server migrates
 * without naming a schema). `drop` removes it.
 */
export async function scratchDatabase(label: string): Promise<{ url: string; dialect: 'sqlite' | 'postgres'; file?: string; drop(): Promise<void> }> {
  if (testDialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `readout-${label}-`));
    const file = join(dir, `${label}.db`);
    return { url: `sqlite:${file}`, dialect: 'sqlite', file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `readout_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect: 'postgres',
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: PG_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
