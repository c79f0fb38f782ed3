import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/**
 * The reference for seeding: `n` rows shaped like calls (the same eleven
 * bound columns and four constant ones, text ids of 36 characters) inserted
 * into a table without indexes or triggers, in ONE transaction, with one
 * prepared statement (SQLite) or 10,000-row unnest batches (PostgreSQL): the
 * fastest a plain client writes that many rows. No history rows, no indexes:
 * what the seed does beyond this is what the ratio measures.
 */
const COLUMNS = 'id text primary key, caller_id text, callee_id text, placed_at bigint, channel text, topic text, notes text, source text, status text, responded_at bigint, closed_at bigint, version integer, created_at bigint, updated_at bigint, created_by text';
const TOPICS = ['Ceasefire talks and the humanitarian corridor', 'Sanctions coordination ahead of the council vote', 'Consular case of a detained national', 'Preparations for the ministerial meeting'];

function row(i: number, now: number): unknown[] {
  const id = `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
  const placed = now - (i % 63_072_000) * 1000;
  return [id, 'caller-official-id-000000000000000000', 'callee-official-id-000000000000000000', placed, 'phone', TOPICS[i % 4], i % 2 ? 'Asked to call back after the meeting' : null, null, 'returned', placed + 3_600_000, null, 1, now, now, 'seed'];
}

export async function rawInsertMs(dialect: 'sqlite' | 'postgres', n: number, pgUrl?: string): Promise<number> {
  const now = Date.now();
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'readout-raw-'));
    const db = new SQLite(join(dir, 'raw.db'));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(`create table calls (${COLUMNS})`);
      const insert = db.prepare('insert into calls values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
      const started = performance.now();
      db.transaction(() => {
        for (let i = 0; i < n; i++) insert.run(row(i, now));
      })();
      return performance.now() - started;
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`create table bench_raw_calls (${COLUMNS})`);
    const types = ['text', 'text', 'text', 'bigint', 'text', 'text', 'text', 'text', 'text', 'bigint', 'bigint', 'integer', 'bigint', 'bigint', 'text'];
    const statement = `insert into bench_raw_calls select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(',')})`;
    const started = performance.now();
    await client.query('begin');
    for (let start = 0; start < n; start += 10_000) {
      const columns: unknown[][] = types.map(() => []);
      for (let i = start; i < Math.min(n, start + 10_000); i++) row(i, now).forEach((v, c) => columns[c]!.push(v));
      await client.query(statement, columns);
    }
    await client.query('commit');
    const elapsed = performance.now() - started;
    await client.query('drop table bench_raw_calls');
    return elapsed;
  } finally {
    await client.end();
  }
}
