import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Dialect } from '#server/db/client.ts';
import { SESSION_COOKIE } from '#server/features/auth/middleware.ts';
import { BENCH_PG_URL, createBenchDatabase } from './database.ts';
import { boardTimings } from './harness/board.ts';
import { buildServer, servingNodeFlags } from '../scripts/build-server.ts';
import { type Child, ROOT, peakRssMb, rssMb, startChild } from './harness/child.ts';
import { buildClient, initialJsGzipKb } from './harness/client-size.ts';
import { type Load, load, medianMs, round } from './harness/load.ts';
import { rawInsertMs } from './harness/raw-inserts.ts';
import { RUNNING_MAX_AGE_MS } from '#server/lib/answer-cache.ts';
import { seed, setAwaitingCount, viewerSession } from './harness/setup.ts';

const HELP = `Usage: npm run bench -- [--calls N] [--pg] [--duration S] [--board N]

Seeds a temporary database with N calls, starts the real server on it as a
child process, measures every figure of issue 14 beside its reference in the
same run, and prints them as ONE JSON line on stdout (progress on stderr).
docs/performance.md says what each figure is.

  --calls N        Synthetic calls to seed (default 1000000).
  --pg             PostgreSQL instead of SQLite: a temporary database on
                   BENCH_PG_URL (default ${BENCH_PG_URL}).
  --duration S     Seconds of each autocannon run (default 10).
  --connections N  autocannon connections (default 32).
  --board N        Awaiting calls on the board measured in Chromium (default 10000).
  --no-browser     Skip the board in Chromium (its figures are null).
`;

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000000' },
    pg: { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    board: { type: 'string', default: '10000' },
    'no-browser': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const calls = Number(args.calls);
const durationS = Number(args.duration);
const connections = Number(args.connections);
const boardSize = Number(args.board);
if (![calls, durationS, connections, boardSize].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write(`--calls, --duration, --connections and --board take whole numbers above 0\n\n${HELP}`);
  process.exit(2);
}
const dialect: Dialect = args.pg ? 'postgres' : 'sqlite';
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** A load figure beside its reference: requests per second, p99, and the ratio of the two rates. */
function versus(app: Load, reference: Load, extra: Record<string, unknown> = {}) {
  return { rps: app.rps, p99Ms: app.p99Ms, failures: app.failures, ...extra, reference: { rps: reference.rps, p99Ms: reference.p99Ms, failures: reference.failures }, ratio: round(app.rps / reference.rps, 3) };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'readout-bench-run-'));
  // The server as production runs it (npm start): built, as plain JavaScript.
  // Inside the checkout, so that its packages resolve from node_modules.
  const serverDir = join(ROOT, 'dist', 'bench', basename(work));
  const children: Child[] = [];
  const database = await createBenchDatabase(dialect);
  try {
    log(`${dialect} at ${database.where}; building the client`);
    const clientDir = join(work, 'client');
    buildClient(clientDir);
    const js = initialJsGzipKb(clientDir);
    const serverFile = join(serverDir, 'index.js');
    await buildServer(serverFile);

    const now = Date.now();
    log(`seeding ${calls} calls`);
    const seeded = await seed(database, calls, now);
    log(`seeded in ${Math.round(seeded.ms)} ms; raw inserts of ${calls} rows`);
    const rawMs = await rawInsertMs(dialect, calls, database.url);
    const awaiting = await setAwaitingCount(database, boardSize, now);
    const sessionId = await viewerSession(database, now);

    log(`starting the server (node ${servingNodeFlags().join(' ')})`);
    const server = await startChild(serverFile, [], {
      nodeFlags: servingNodeFlags(),
      env: { DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', CLIENT_DIR: clientDir, NODE_ENV: 'production', READOUT_LOG: 'quiet' },
    });
    children.push(server);
    // Steady state is measured: the server builds its statistics index and calendars after it listens.
    log('waiting for the server to warm up');
    while (!/Warmed up in/.test(server.output())) {
      if (server.process.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Where the peak comes from: the server's resident set after each step, in the progress lines.
    const rss = (step: string) => log(`server after ${step}: VmRSS ${rssMb(server.process.pid)} MB, VmHWM ${peakRssMb(server.process.pid)} MB`);
    rss('warm-up');
    const headers = { cookie: `${SESSION_COOKIE}=${sessionId}` };
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return res;
    };
    // The first answers apart: they build what the server caches (calendars, the duration index).
    await get('/api/calls/awaiting?limit=50');
    await get('/api/stats/response-times?groupBy=ministry');
    rss('the first answers');

    const options = { connections, durationS, headers };
    const listFigure = async (path: string) => {
      const res = await get(path);
      const body = Buffer.from(await res.arrayBuffer());
      const file = join(work, `answer-${children.length}.json`);
      writeFileSync(file, JSON.stringify({ contentType: res.headers.get('content-type'), body: body.toString('base64') }));
      log(`load: ${path} (${body.byteLength} bytes)`);
      const app = await load(`${server.url}${path}`, options);
      const plain = await startChild('bench/harness/reference-server.ts', ['plain', file]);
      children.push(plain);
      const reference = await load(`${plain.url}${path}`, options);
      await plain.stop();
      return versus(app, reference, { bodyBytes: body.byteLength });
    };
    const awaitingFigure = await listFigure('/api/calls/awaiting?limit=50');
    rss('the awaiting load');
    const returnedFigure = await listFigure('/api/calls?status=returned&limit=50');
    rss('the returned load');

    log('load: /api/health');
    const health = await load(`${server.url}/api/health`, options);
    const hono = await startChild('bench/harness/reference-server.ts', ['hono']);
    children.push(hono);
    const bareHono = await load(`${hono.url}/api/health`, options);
    await hono.stop();
    rss('the health load');

    log('statistics and search');
    const statsMs = await medianMs(`${server.url}/api/stats/response-times?groupBy=ministry`, headers);
    const statsWorkingMs = await medianMs(`${server.url}/api/stats/response-times?groupBy=ministry&clock=working`, headers);
    // Each a second and a bit after the one before: past the answer cache's second for answers with running waits, so computed.
    const computedGapMs = RUNNING_MAX_AGE_MS + 100;
    const statsComputedMs = await medianMs(`${server.url}/api/stats/response-times?groupBy=ministry`, headers, 5, computedGapMs);
    const statsWorkingComputedMs = await medianMs(`${server.url}/api/stats/response-times?groupBy=ministry&clock=working`, headers, 5, computedGapMs);
    const searchMs = await medianMs(`${server.url}/api/calls?limit=50&q=ceasefire`, headers);
    const searchNoMatchMs = await medianMs(`${server.url}/api/calls?limit=50&q=${encodeURIComponent('nothing matches this')}`, headers);

    rss('statistics and search');
    let board: { firstRowsMs: number | null; allLoadedMs: number | null; rows: number | null } = { firstRowsMs: null, allLoadedMs: null, rows: null };
    if (!args['no-browser']) {
      log(`the board with ${awaiting} awaiting calls in Chromium`);
      board = await boardTimings(server.url, { name: SESSION_COOKIE, value: sessionId });
    }
    rss('the board');
    const peakMb = peakRssMb(server.process.pid);
    await server.stop();

    const figures = {
      bench: 'readout',
      dialect,
      calls: seeded.calls,
      node: process.version,
      cpus: cpus().length,
      loadAverage: round(loadavg()[0]!, 2),
      durationS,
      connections,
      awaiting: awaitingFigure,
      returned: returnedFigure,
      health: versus(health, bareHono),
      statsMinistryMs: statsMs,
      statsMinistryWorkingMs: statsWorkingMs,
      statsWorkingRatio: round(statsWorkingMs / statsMs, 2),
      statsMinistryComputedMs: statsComputedMs,
      statsMinistryWorkingComputedMs: statsWorkingComputedMs,
      statsWorkingComputedRatio: round(statsWorkingComputedMs / statsComputedMs, 2),
      searchMs,
      searchNoMatchMs,
      seed: { ms: Math.round(seeded.ms), rawInsertMs: Math.round(rawMs), ratio: round(seeded.ms / rawMs, 2) },
      serverPeakRssMb: peakMb,
      initialJsGzipKb: js.kb,
      board: { awaiting, ...board },
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    for (const child of children) await child.stop();
    await database.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(serverDir, { recursive: true, force: true });
  }
}

await main();
