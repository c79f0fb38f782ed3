import type { Kysely } from 'kysely';

// Frozen: a migration that has run anywhere is never edited; add a new file.
//
// The call lists sort by (placed_at, id) within a filter. The first indexes
// ended at placed_at, so SQLite sorted every page's ties in a temporary
// B-tree ("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY", EXPLAIN QUERY PLAN)
// after reading every row of the status; with id in the index the page is
// read in order and the read stops at the limit (docs/performance.md).

const REPLACED = [
  { name: 'calls_status_idx', lead: 'status' },
  { name: 'calls_callee_idx', lead: 'callee_id' },
  { name: 'calls_caller_idx', lead: 'caller_id' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, lead } of REPLACED) {
    await db.schema.createIndex(`${name.replace(/_idx$/, '')}_order_idx`).on('calls').columns([lead, 'placed_at', 'id']).execute();
    await db.schema.dropIndex(name).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name, lead } of REPLACED) {
    await db.schema.createIndex(name).on('calls').columns([lead, 'placed_at']).execute();
    await db.schema.dropIndex(`${name.replace(/_idx$/, '')}_order_idx`).execute();
  }
}
