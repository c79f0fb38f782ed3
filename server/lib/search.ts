import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Case-insensitive "contains" over one or more text columns, the same on both
 * dialects (PostgreSQL's LIKE is case-sensitive, SQLite's is not). Both
 * sides are lowered in SQL; on SQLite, lower() is replaced by a Unicode-aware
 * one (server/db/client.ts), so "лавров" finds "Лавров" there too. The user's
 * text is matched literally: % and _ are escaped.
 */
export function containsText(columns: readonly string[], q: string): RawBuilder<SqlBool> {
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const tests = columns.map((column) => sql`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`);
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}
