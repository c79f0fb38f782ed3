import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';

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
  return sql<SqlBool>`"calls"."id" in (select call_id from calls_search_rows where search_rowid in (select rowid from calls_search where calls_search match ${trigramQuery(q)}))`;
}

/**
 * The index's query for `q`: every distinct trigram of the text, all
 * required. The index keeps no positions (migration 0082), so it answers
 * the rows holding each trigram anywhere in topic or notes: a superset of
 * those holding the text, which containsText narrows.
 */
export function trigramQuery(q: string): string {
  const chars = [...q];
  const trigrams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
  return [...trigrams].map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}

/** Above this many candidates, reading the calls newest first finds a page sooner than fetching every candidate. */
const FEW_CANDIDATES = 5000;

/**
 * Whether the trigram index should drive a search for `q`: when it serves
 * the text (trigramIndexServes) and the text is rare. A common text (a
 * topic word in every tenth call) fills a page within the first calls read
 * in order, where the index would hand over tens of thousands to sort.
 */
export async function useTrigramIndex(db: Kysely<any>, q: string): Promise<boolean> {
  if (!trigramIndexServes(q)) return false;
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select rowid from calls_search where calls_search match ${trigramQuery(q)} limit ${FEW_CANDIDATES + 1})`.execute(db);
  return Number(rows[0]?.n ?? 0) <= FEW_CANDIDATES;
}
