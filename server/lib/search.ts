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

/**
 * Whether SQLite's trigram index (calls_search, migration 0081) finds every
 * call that containsText finds for `q`: three characters or more (a shorter
 * text has no trigram), all of them from Latin, Greek, Cyrillic and IPA
 * (below U+0530), where the index's Unicode case folding and JavaScript's
 * toLowerCase agree — save combining marks and the final sigma, which
 * toLowerCase may produce from one capital letter where folding does not.
 * Other queries read every call, as before.
 */
export function trigramIndexServes(q: string): boolean {
  const chars = [...q.toLowerCase()];
  return chars.length >= 3 && chars.every((ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x530 && !(code >= 0x300 && code <= 0x36f) && code !== 0x3c2;
  });
}

/**
 * The calls whose topic or notes the trigram index says hold `q`
 * (case-folded): a superset of containsText's answer, narrowed to it by
 * containsText itself, so the results are exactly the scan's.
 */
export function indexedCallText(q: string): RawBuilder<SqlBool> {
  const phrase = `"${q.replaceAll('"', '""')}"`;
  return sql<SqlBool>`"calls"."id" in (select call_id from calls_search_rows where search_rowid in (select rowid from calls_search where calls_search match ${phrase}))`;
}
