import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { bulkLoadSettings } from './bulk-insert.ts';

// What a bulk load runs with on SQLite, and that every setting comes back.
describe('bulkLoadSettings (SQLite)', () => {
  let dir: string;
  let database: DatabaseHandle;
  const pragma = async (name: string) => Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {})[0];
  const settings = async () => ({ journal: await pragma('journal_mode'), synchronous: await pragma('synchronous'), cache: await pragma('cache_size') });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'readout-bulk-'));
    database = openDatabase(`sqlite:${join(dir, 'bulk.db')}`, { connectTimeoutMs: 1000, statementTimeoutMs: 0, lockTimeoutMs: 200 });
    await sql`create table t (x text)`.execute(database.db);
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads with a rollback journal and synchronous=FULL when it has the database to itself, then goes back to WAL', async () => {
    const before = await settings();
    expect(before).toEqual({ journal: 'wal', synchronous: 2, cache: -4000 });
    const restore = await bulkLoadSettings(database.db, 'sqlite');
    expect(await settings()).toEqual({ journal: 'delete', synchronous: 2, cache: -262144 });
    await sql`insert into t values ('loaded')`.execute(database.db);
    await restore();
    expect(await settings()).toEqual(before);
    // The load is in the file itself, and a second connection reads it in WAL mode.
    const other = new SQLite(join(dir, 'bulk.db'), { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(other.prepare('select x from t').pluck().all()).toEqual(['loaded']);
    } finally {
      other.close();
    }
  });

  it('stays in WAL mode with synchronous=NORMAL while another connection has the database open, and folds the log back', async () => {
    const other = new SQLite(join(dir, 'bulk.db'));
    try {
      other.prepare('select count(*) from t').get();
      const before = await settings();
      const restore = await bulkLoadSettings(database.db, 'sqlite');
      expect(await settings()).toEqual({ journal: 'wal', synchronous: 1, cache: -262144 });
      await sql`insert into t values ('loaded')`.execute(database.db);
      expect(other.prepare('select x from t').pluck().all()).toEqual(['loaded']);
      await restore();
      expect(await settings()).toEqual(before);
      expect(other.pragma('wal_checkpoint', { simple: false })).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    } finally {
      other.close();
    }
  });
});
