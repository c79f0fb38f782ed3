import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Case-insensitive "contains" over one or more text columns, the same on both
 * dialects (PostgreSQL's LIKE is case-sensitive, SQLite's is not). Lowering
 * both sides in SQL keeps the two sides consistent even where a database's
 * lower() only knows ASCII. The user's text is matched literally: % and _
 * are escaped.
 */
export function containsText(columns: readonly string[], q: string): RawBuilder<SqlBool> {
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const tests = columns.map((column) => sql`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`);
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}
