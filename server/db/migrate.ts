import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initial from './migrations/2026-11-28-0001-initial.ts';
import * as statsChanges from './migrations/2026-11-28-0002-stats-changes.ts';
import * as security from './migrations/2026-12-02-0010-security.ts';
import * as healthProbe from './migrations/2026-12-02-0020-health-probe.ts';
import * as availability from './migrations/2026-12-02-0040-availability.ts';
import * as alerts from './migrations/2026-12-02-0050-alerts.ts';
import * as webhooks from './migrations/2026-12-02-0055-webhooks.ts';
import * as rounds from './migrations/2026-12-02-0060-rounds.ts';
import * as mailBriefing from './migrations/2026-12-02-0070-mail-briefing.ts';
import * as listIndexes from './migrations/2026-12-02-0080-list-indexes.ts';
import * as callSearch from './migrations/2026-12-02-0081-call-search.ts';
import * as callSearchRowids from './migrations/2026-12-06-0082-call-search-rowids.ts';

// Listed here rather than read from the folder, so the same code runs under
// tsx, in a bundle and in tests. Names sort in the order they must run.
const migrations: Record<string, Migration> = {
  '2026-11-28-0001-initial': initial,
  '2026-11-28-0002-stats-changes': statsChanges,
  '2026-12-02-0010-security': security,
  '2026-12-02-0020-health-probe': healthProbe,
  '2026-12-02-0040-availability': availability,
  '2026-12-02-0050-alerts': alerts,
  '2026-12-02-0055-webhooks': webhooks,
  '2026-12-02-0060-rounds': rounds,
  '2026-12-02-0070-mail-briefing': mailBriefing,
  '2026-12-02-0080-list-indexes': listIndexes,
  '2026-12-02-0081-call-search': callSearch,
  '2026-12-06-0082-call-search-rowids': callSearchRowids,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date; safe to run from several instances at once
 * (Kysely takes a lock). `schema` names the PostgreSQL schema that holds
 * Kysely's own bookkeeping tables: without it Kysely looks for them in every
 * schema, so a database holding several schemas (as the tests' does) would
 * find another schema's tables and skip creating its own.
 */
export async function migrateToLatest(db: Kysely<any>, options: { schema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(options.schema ? { migrationTableSchema: options.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
