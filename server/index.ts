import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { type DatabaseLimits, openDatabase } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { notifyAdminsOfDisabledWebhook } from './features/alerts/admin-notices.ts';
import { startAlertScheduler } from './features/alerts/scheduler.ts';
import { startBriefingScheduler } from './features/briefing/scheduler.ts';
import { MailWorker } from './features/mail/worker.ts';
import { warmCalendars } from './features/availability/warm.ts';
import { withHealthFastPath } from './features/health/fast-path.ts';
import { warmStatsIndex } from './features/stats/index-sync.ts';
import { WebhookWorker } from './features/webhooks/worker.ts';
import { systemClock } from './lib/clock.ts';
import { Drain } from './lib/drain.ts';
import { exitOnSqliteAddonMismatch } from './lib/native-check.ts';
import { watchEventLoop } from './lib/stall-monitor.ts';

const config = loadConfig();
const limits: DatabaseLimits = {
  connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  lockTimeoutMs: config.DB_LOCK_TIMEOUT_MS,
};

// Migrations run on a connection of their own without the statement limit:
// a migration over a big table may rightly take longer than any request.
const migrating = exitOnSqliteAddonMismatch(() => openDatabase(config.DATABASE_URL, { ...limits, statementTimeoutMs: 0 }));
try {
  const applied = await migrateToLatest(migrating.db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
} finally {
  await migrating.close();
}

const database = openDatabase(config.DATABASE_URL, limits);
// The client's build is dist/client: beside the built server (dist/server/index.js), or under the checkout when run from source.
const clientDir = config.CLIENT_DIR ?? fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/client' : '../client', import.meta.url));
const deps = { db: database.db, dialect: database.dialect, clock: systemClock, config };
const drain = new Drain();
const app = createApp(deps, { clientDir, drain });

const appListener = getRequestListener(app.fetch, { hostname: config.HOST });
const server = createServer(withHealthFastPath(app.fetch, deps, drain, (req, res) => void appListener(req, res)));
server.listen(config.PORT, config.HOST, () => {
  const info = server.address() as AddressInfo;
  console.log(`Readout listening on http://${config.HOST}:${info.port} (${database.dialect})`);
  // Read every call's duration now rather than on the first statistics request,
  // and build the working calendars rather than in the first awaiting page.
  const warming = performance.now();
  const calendars = warmCalendars(deps).catch((error: unknown) => console.error('Building the working calendars failed:', error));
  void Promise.all([warmStatsIndex(deps), calendars]).then(() => console.log(`Warmed up in ${Math.round(performance.now() - warming)} ms (statistics index, working calendars)`));
});

// Alert rules are evaluated at every change of a call, and by this timer for waits that cross a line with no change.
const alertScheduler = startAlertScheduler(deps);
// Sends the stored webhook deliveries (one worker per instance; they share the work through the database).
const webhooks = new WebhookWorker(deps, { onDisabled: notifyAdminsOfDisabledWebhook });
webhooks.start();
// Sends the stored emails (alerts, briefings) when SMTP_URL is set; like the webhooks, one per instance sharing the work.
const mail = new MailWorker(deps);
mail.start();
// Stores each subscriber's daily briefing email when their local time comes (once per user and local date, across instances).
const briefings = mail.enabled ? startBriefingScheduler(deps) : undefined;


// Every response admitted before shutdown began, until its last byte is sent (or its client leaves).
const open = new Map<ServerResponse, string>();
let drained: (() => void) | undefined;
server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (drain.draining) return;
  open.set(res, `${req.method} ${(req.url ?? '').split('?')[0]}`);
  res.on('close', () => {
    open.delete(res);
    if (open.size === 0) drained?.();
  });
});

/** A request should never hold the loop (and so every other request) longer than this. */
const STALL_WARNING_MS = 100;
watchEventLoop(STALL_WARNING_MS, () => [...open.values()]);

/**
 * SIGTERM/SIGINT: refuse new requests (503, still listening, so a load
 * balancer sees the instance go), let open requests and downloads finish for
 * up to DRAIN_TIMEOUT_MS, end event streams with a "reconnect", then close
 * the database. A second signal cuts the wait short.
 */
let forced: (() => void) | undefined;
async function shutdown(signal: string) {
  if (drain.draining) {
    console.log(`${signal} again: cutting ${open.size} open response(s) now`);
    forced?.();
    return;
  }
  drain.begin();
  // No new firings while draining; a run under way finishes before the database closes.
  const alertsStopped = alertScheduler.stop();
  const briefingsStopped = briefings?.stop();
  const started = performance.now();
  console.log(`${signal}: refusing new requests, waiting up to ${config.DRAIN_TIMEOUT_MS} ms for ${open.size} open response(s)`);
  let timer: NodeJS.Timeout | undefined;
  const finished = await new Promise<boolean>((resolve) => {
    drained = () => resolve(true);
    forced = () => resolve(false);
    timer = setTimeout(() => resolve(false), config.DRAIN_TIMEOUT_MS);
    if (open.size === 0) resolve(true);
  });
  clearTimeout(timer);
  if (finished) console.log(`Drained in ${Math.round(performance.now() - started)} ms`);
  else console.log(`Drain cut short: ${open.size} response(s) left unfinished`);
  server.close();
  server.closeAllConnections();
  await alertsStopped;
  await briefingsStopped;
  await webhooks.stop();
  await mail.stop();
  await database.close();
  process.exit(finished ? 0 : 1);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
