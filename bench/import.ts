import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createApp } from '#server/app.ts';
import { bulkLoadSettings } from '#server/cli/bulk-insert.ts';
import { DEFAULT_SEED, seedSyntheticCalls } from '#server/cli/synthetic.ts';
import { defaultConfig } from '#server/config.ts';
import type { Dialect } from '#server/db/client.ts';
import { SESSION_COOKIE } from '#server/features/auth/middleware.ts';
import { exportChunks } from '#server/features/transfer/export.ts';
import { systemClock } from '#server/lib/clock.ts';
import { hashSecret, newSecret } from '#server/lib/secrets.ts';
import type { ExportFormat } from '#shared/schemas/transfer.ts';
import { createBenchDatabase } from './database.ts';
import { megabytes, ms, table } from './measure.ts';

const HELP = `Usage: npm run bench:import -- [--calls N] [--format csv|json] [--pg]

Prints figures, not verdicts. Seeds N synthetic calls into a fresh database,
exports them to a temporary file, then imports that file into another fresh
database twice (the second time nothing is new) and once more as a dry run,
through the app in process, while a health check goes out every 50 ms.
For each import: time, rows/s, the longest event-loop stall (wall clock and
CPU between two turns of the loop), the slowest health check, and the peak
RSS over the import.

  --calls N     Synthetic calls (default 100000; SPEC.md's figure is 1000000).
  --format F    csv (default) or json.
  --pg          PostgreSQL (at BENCH_PG_URL) instead of SQLite.
`;

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '100000' },
    format: { type: 'string', default: 'csv' },
    pg: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const calls = Number(args.calls);
const format = args.format as ExportFormat;
if (!Number.isInteger(calls) || calls < 1 || (format !== 'csv' && format !== 'json')) {
  process.stderr.write(HELP);
  process.exit(2);
}
const dialect: Dialect = args.pg ? 'postgres' : 'sqlite';

async function signedIn(database: Awaited<ReturnType<typeof createBenchDatabase>>) {
  const now = systemClock.now();
  const userId = randomUUID();
  const sessionId = newSecret();
  await database.db
    .insertInto('users')
    .values({ id: userId, username: `bench-${userId.slice(0, 8)}`, display_name: 'Benchmark', role: 'analyst', password_hash: 'not-a-password', disabled: 0, created_at: now, updated_at: now })
    .execute();
  await database.db
    .insertInto('sessions')
    .values({ id_hash: hashSecret(sessionId), id: randomUUID(), user_id: userId, created_at: now, expires_at: now + 24 * 3600 * 1000, last_seen_at: now, verified_at: now })
    .execute();
  return { cookie: `${SESSION_COOKIE}=${sessionId}`, origin: 'http://localhost' };
}

/** Watches the loop, memory and the health check while `work` runs. */
async function watched<T>(app: ReturnType<typeof createApp>, work: () => Promise<T>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let cpuMax = 0;
  let last = process.cpuUsage();
  const cpuTimer = setInterval(() => {
    const spent = process.cpuUsage(last);
    cpuMax = Math.max(cpuMax, (spent.user + spent.system) / 1000);
    last = process.cpuUsage();
  }, 1);
  let rssPeak = process.memoryUsage().rss;
  const memoryTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  let healthMax = 0;
  let stop = false;
  const health = (async () => {
    while (!stop) {
      const started = performance.now();
      await (await app.request('http://localhost/api/health')).arrayBuffer();
      healthMax = Math.max(healthMax, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  delay.enable();
  const started = performance.now();
  try {
    const result = await work();
    return { result, elapsedMs: performance.now() - started, stallMs: delay.max / 1e6, stallCpuMs: cpuMax, healthMaxMs: healthMax, rssPeak };
  } finally {
    delay.disable();
    clearInterval(cpuTimer);
    clearInterval(memoryTimer);
    stop = true;
    await health;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'readout-bench-import-'));
const file = join(dir, `export.${format}`);
console.log(`Readout import benchmark: ${calls} calls as ${format} on ${dialect}; Node ${process.version}, ${cpus().length} CPU(s), load average ${loadavg()[0]!.toFixed(2)}`);
const source = await createBenchDatabase(dialect);
const target = await createBenchDatabase(dialect);
try {
  const restore = await bulkLoadSettings(source.db, source.dialect);
  const seeded = await seedSyntheticCalls(source, { count: calls, now: systemClock.now(), seed: DEFAULT_SEED });
  await restore();
  console.log(`Seeded ${seeded.calls} calls in ${(seeded.elapsedMs / 1000).toFixed(1)} s`);

  const deps = { db: source.db, dialect: source.dialect, clock: systemClock, config: defaultConfig() };
  const exportStarted = performance.now();
  const out = createWriteStream(file);
  for await (const chunk of exportChunks(deps, { format })) if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  out.end();
  await finished(out);
  const bytes = statSync(file).size;
  console.log(`Exported ${megabytes(bytes)} in ${((performance.now() - exportStarted) / 1000).toFixed(1)} s`);

  const app = createApp({ db: target.db, dialect: target.dialect, clock: systemClock, config: defaultConfig() });
  const headers = { ...(await signedIn(target)), 'content-type': format === 'csv' ? 'text/csv' : 'application/json', 'content-length': String(bytes) };
  const post = (query: string) => async () => {
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    const res = await app.request(`http://localhost/api/import${query}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
    return { status: res.status, body: (await res.text()).slice(0, 300) };
  };

  const rows = [['import', 'status', 'seconds', 'rows/s', 'stall ms', 'stall CPU ms', 'slowest health ms', 'peak RSS']];
  for (const [name, query] of [['first', ''], ['again (nothing new)', ''], ['dry run', '?dryRun=true']] as const) {
    const m = await watched(app, post(query));
    rows.push([name, String(m.result.status), (m.elapsedMs / 1000).toFixed(1), String(Math.round(calls / (m.elapsedMs / 1000))), ms(m.stallMs), ms(m.stallCpuMs), ms(m.healthMaxMs), megabytes(m.rssPeak)]);
    console.log(`${name}: ${m.result.body}`);
  }
  console.log(table(rows));
  console.log(`File: ${megabytes(bytes)}. Stall: the longest time the event loop did not turn (wall clock; CPU: what this process spent in it).`);
} finally {
  await source.close();
  await target.close();
  rmSync(dir, { recursive: true, force: true });
}
