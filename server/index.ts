import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { warmStatsIndex } from './features/stats/index-sync.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock } from './lib/clock.ts';
import { exitOnSqliteAddonMismatch } from './lib/native-check.ts';

const config = loadConfig();
const database = exitOnSqliteAddonMismatch(() => openDatabase(config.DATABASE_URL));
const applied = await migrateToLatest(database.db);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);

const clientDir = config.CLIENT_DIR ?? fileURLToPath(new URL('../dist/client', import.meta.url));
const deps = { db: database.db, dialect: database.dialect, clock: systemClock, config };
const app = createApp(deps, { clientDir });

const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`Readout listening on http://${config.HOST}:${info.port} (${database.dialect})`);
  // Read every call's duration now rather than on the first statistics request.
  warmStatsIndex(deps);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing open requests, then closing the database`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  // closeAllConnections ends idle keep-alive and event streams so close() can finish.
  server.close(async () => {
    await database.close();
    process.exit(0);
  });
  (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), 2_000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
