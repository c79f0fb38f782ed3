import { CompiledQuery, type Kysely, type Transaction, sql } from 'kysely';
import type { Dialect } from '../db/client.ts';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Bound parameters one statement may carry: SQLite's default
 * SQLITE_MAX_VARIABLE_NUMBER (32766 since 3.32) and PostgreSQL's protocol
 * limit (a 16-bit count, 65535).
 */
export const MAX_PARAMETERS: Record<Dialect, number> = { sqlite: 32766, postgres: 65535 };

/** A table to bulk-load: the columns bound per row, and those every row shares. */
export interface BulkTable {
  table: keyof Database & string;
  columns: readonly string[];
  /** Written into the statement as literals rather than bound once per row. */
  constants?: Readonly<Record<string, string | number | null>>;
  /** PostgreSQL types of the bound columns that are not text. */
  types?: Readonly<Record<string, 'bigint' | 'integer'>>;
}

function literal(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`only whole numbers can be literals, got ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

const statementCache = new Map<string, string>();

function cached(key: string, build: () => string): string {
  let text = statementCache.get(key);
  if (text === undefined) {
    text = build();
    if (statementCache.size > 64) statementCache.clear();
    statementCache.set(key, text);
  }
  return text;
}

/**
 * PostgreSQL: one array parameter per column, `unnest`ed into rows. The
 * statement stays a few lines long whatever the number of rows, so the server
 * parses and plans it in no time, where a VALUES list of 60,000 parameters
 * costs more to parse than to insert.
 */
function unnestSql(spec: BulkTable): string {
  const constants = Object.entries(spec.constants ?? {});
  return cached(JSON.stringify(['unnest', spec.table, spec.columns, constants, spec.types]), () => {
    const names = [...spec.columns, ...constants.map(([name]) => name)].map((c) => `"${c}"`).join(',');
    const arrays = spec.columns.map((c, i) => `$${i + 1}::${spec.types?.[c] ?? 'text'}[]`).join(',');
    const selected = [...spec.columns.map((_, i) => `t.c${i}`), ...constants.map(([, value]) => literal(value))].join(',');
    const aliases = spec.columns.map((_, i) => `c${i}`).join(',');
    return `insert into "${spec.table}" (${names}) select ${selected} from unnest(${arrays}) as t(${aliases})`;
  });
}

function insertSql(dialect: Dialect, spec: BulkTable, rows: number): string {
  const constants = Object.entries(spec.constants ?? {});
  return cached(JSON.stringify([dialect, spec.table, spec.columns, constants, rows]), () => {
    const names = [...spec.columns, ...constants.map(([name]) => name)].map((c) => `"${c}"`).join(',');
    const fixed = constants.map(([, value]) => `,${literal(value)}`).join('');
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const marks = spec.columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?'));
      tuples.push(`(${marks.join(',')}${fixed})`);
    }
    return `insert into "${spec.table}" (${names}) values ${tuples.join(',')}`;
  });
}

/**
 * Inserts rows given as one flat list of values (row after row, in `columns`
 * order) with multi-row INSERTs, as many rows per statement as the dialect's
 * parameter limit allows. Kysely's query builder would build a node per
 * value, which at a million rows costs more than the database does; the
 * statement text here is built once per size and run through Kysely's
 * connection, so it joins the caller's transaction.
 */
export async function insertMany(db: Db, dialect: Dialect, spec: BulkTable, values: readonly unknown[]): Promise<void> {
  const width = spec.columns.length;
  if (values.length % width !== 0) throw new Error(`${values.length} values do not make whole ${spec.table} rows of ${width}`);
  if (dialect === 'postgres') {
    const columns: unknown[][] = spec.columns.map(() => []);
    for (let i = 0; i < values.length; i++) columns[i % width]!.push(values[i]);
    await db.executeQuery(CompiledQuery.raw(unnestSql(spec), columns));
    return;
  }
  const perStatement = Math.floor(MAX_PARAMETERS[dialect] / width) * width;
  for (let start = 0; start < values.length; start += perStatement) {
    const chunk = values.slice(start, start + perStatement);
    await db.executeQuery(CompiledQuery.raw(insertSql(dialect, spec, chunk.length / width), chunk));
  }
}

/**
 * Settings for a bulk load, and the function that restores them. SQLite:
 *
 * - When the load has the database to itself (no other connection open),
 *   it runs with a rollback journal (journal_mode=DELETE) and
 *   synchronous=FULL. A page the load adds past the end of the file needs no
 *   journal entry, so each page is written once, into the database; in WAL
 *   mode it is written to the log and then copied into the database by the
 *   checkpoint, each with its frame checksum. A seed of 200,000 calls took
 *   10.3 s instead of 13.7 s and its checkpoint (docs/performance.md, item
 *   29), with the strongest durability setting. WAL is set again after.
 *   Meanwhile the load holds the database's write lock in rollback mode, so
 *   a server started on the same file before it ends cannot set WAL and
 *   stops with SQLite's "database is locked"; started after, it finds WAL.
 * - Otherwise (a server has the database open) it stays in WAL mode with
 *   synchronous=NORMAL, which can lose the last commits on power loss but
 *   never corrupts the file (a seed interrupted that way is run again), and
 *   the log is folded back into the database at the end.
 *
 * A larger page cache keeps the indexes being filled in memory either way.
 * PostgreSQL needs nothing here: each batch sets `synchronous_commit` locally.
 */
export async function bulkLoadSettings(db: Kysely<Database>, dialect: Dialect): Promise<() => Promise<void>> {
  if (dialect !== 'sqlite') return async () => {};
  const read = async (name: string) => {
    const result = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db);
    return Object.values(result.rows[0] ?? {})[0];
  };
  const synchronous = await read('synchronous');
  const cacheSize = await read('cache_size');
  const autoCheckpoint = await read('wal_autocheckpoint');
  const wal = (await read('journal_mode')) === 'wal';
  // Leaving WAL needs the only connection: with another open, SQLite keeps
  // WAL (or answers busy), and the load goes on in WAL mode.
  const alone = wal && (await read('journal_mode = DELETE').catch(() => 'wal')) === 'delete';
  await sql.raw(`pragma synchronous = ${alone ? 'FULL' : 'NORMAL'}`).execute(db);
  await sql`pragma cache_size = -262144`.execute(db);
  await sql`pragma wal_autocheckpoint = 16384`.execute(db);
  return async () => {
    await sql.raw(`pragma synchronous = ${Number(synchronous)}`).execute(db);
    await sql.raw(`pragma cache_size = ${Number(cacheSize)}`).execute(db);
    await sql.raw(`pragma wal_autocheckpoint = ${Number(autoCheckpoint)}`).execute(db);
    if (alone) {
      await sql`pragma journal_mode = WAL`.execute(db);
    } else {
      // Fold the write-ahead log back into the database file, so the app does
      // not start with a log of several hundred megabytes to read through.
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    }
  };
}

/** Inside a PostgreSQL transaction: commit without waiting for the WAL flush (seeding only). */
export async function relaxTransactionDurability(trx: Transaction<Database>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
}
