import { loadConfig } from '../config.ts';
import { openDatabase } from './client.ts';
import { migrateToLatest } from './migrate.ts';
import { exitOnSqliteAddonMismatch } from '../lib/native-check.ts';

const config = loadConfig();
const database = exitOnSqliteAddonMismatch(() => openDatabase(config.DATABASE_URL));
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
}
