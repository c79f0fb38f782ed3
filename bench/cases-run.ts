import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createApp } from '#server/app.ts';
import { bulkLoadSettings } from '#server/cli/bulk-insert.ts';
import { seedDemo } from '#server/cli/demo.ts';
import { progressReporter } from '#server/cli/progress.ts';
import { DEFAULT_SEED, seedSyntheticCalls } from '#server/cli/synthetic.ts';
import { defaultConfig } from '#server/config.ts';
import type { Dialect } from '#server/db/client.ts';
import { SESSION_COOKIE } from '#server/features/auth/middleware.ts';
import { systemClock } from '#server/lib/clock.ts';
import { hashSecret, newSecret } from '#server/lib/secrets.ts';
import { BENCH_CASES, type BenchContext } from './cases.ts';
import { createBenchDatabase } from './database.ts';
import { megabytes, ms, table, timeIt } from './measure.ts';

const HELP = `Usage: npm run bench -- [--calls N] [--samples N] [--pg] [--only TEXT]

Prints figures, not verdicts. For each database (SQLite; PostgreSQL too with
--pg or BENCH_PG=1, at BENCH_PG_URL): seeds a fresh temporary database with
the demo story and N synthetic calls, starts the app in process, signs in a
viewer, and times each case of bench/cases.ts.

  --calls N     Synthetic calls to seed (default 100000).
  --samples N   Timed requests per case after warm-up (default 50).
  --pg          Also run on PostgreSQL (as does BENCH_PG=1).
  --only TEXT   Only the cases whose name contains TEXT.
  --seed S      Seed of the synthetic data (default ${DEFAULT_SEED}).
`;

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '50' },
    pg: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const calls = Number(args.calls);
const samples = Number(args.samples);
if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(samples) || samples < 1) {
  process.stderr.write(`--calls and --samples take whole numbers above 0\n\n${HELP}`);
  process.exit(2);
}
const dialects: Dialect[] = args.pg || process.env.BENCH_PG === '1' ? ['sqlite', 'postgres'] : ['sqlite'];

async function benchmark(dialect: Dialect) {
  const database = await createBenchDatabase(dialect);
  try {
    console.log(`\n== ${dialect} (${database.where}) ==`);
    const now = systemClock.now();
    await seedDemo(database, { now });
    const restore = await bulkLoadSettings(database.db, database.dialect);
    const progress = progressReporter(`Seeding ${calls} calls`);
    let seed;
    try {
      seed = await seedSyntheticCalls(database, { count: calls, now, seed: args.seed ?? DEFAULT_SEED, onProgress: (d, t) => progress.update(d, t) });
    } finally {
      progress.stop();
      await restore();
    }
    const seconds = seed.elapsedMs / 1000;
    console.log(`Seed: ${seed.calls} calls (+ history rows) in ${seconds.toFixed(1)} s = ${Math.round(seed.calls / seconds)} calls/s; RSS ${megabytes(process.memoryUsage().rss)}`);

    // A viewer with a session, stored directly as the tests do (no login route, no password hashing).
    const userId = randomUUID();
    const sessionId = newSecret();
    await database.db
      .insertInto('users')
      .values({ id: userId, username: `bench-${userId.slice(0, 8)}`, display_name: 'Benchmark', role: 'viewer', password_hash: 'not-a-password', disabled: 0, created_at: now, updated_at: now })
      .execute();
    await database.db
      .insertInto('sessions')
      .values({ id_hash: hashSecret(sessionId), id: randomUUID(), user_id: userId, created_at: now, expires_at: now + 24 * 3600 * 1000, last_seen_at: now, verified_at: now })
      .execute();

    const app = createApp({ db: database.db, dialect: database.dialect, clock: systemClock, config: defaultConfig() });
    const ctx: BenchContext = {
      get: (path) => Promise.resolve(app.request(`http://localhost${path}`, { headers: { cookie: `${SESSION_COOKIE}=${sessionId}` } })),
      db: database.db,
      dialect: database.dialect,
      calls: seed.calls + 10,
    };

    const rows = [['case', 'cold ms', 'p50 ms', 'p95 ms', 'max ms', 'n']];
    for (const c of BENCH_CASES.filter((c) => !args.only || c.name.includes(args.only))) {
      let path: string;
      try {
        path = await c.path(ctx);
      } catch (error) {
        rows.push([c.name, `setup failed: ${(error as Error).message}`, '', '', '', '']);
        continue;
      }
      // The first request apart: caches and lazily built indexes are cold.
      const started = performance.now();
      const probe = await ctx.get(path);
      await probe.arrayBuffer();
      const coldMs = performance.now() - started;
      if (probe.status === 404) {
        rows.push([c.name, 'not available (404)', '', '', '', '']);
        continue;
      }
      if (!probe.ok) {
        rows.push([c.name, `error ${probe.status}`, '', '', '', '']);
        continue;
      }
      let sample = 0;
      const figures = await timeIt(
        async () => {
          if (c.write) await c.write(ctx, sample++);
          const res = await ctx.get(path);
          await res.arrayBuffer();
        },
        { samples, warmup: 3 },
      );
      rows.push([c.name, ms(coldMs), ms(figures.p50Ms), ms(figures.p95Ms), ms(figures.maxMs), String(figures.samples)]);
    }
    console.log(table(rows));
    console.log(`cold: the first request of the case; p50/p95/max: ${samples} sequential requests after 3 unrecorded ones.`);
    const usage = process.memoryUsage();
    console.log(`Process: RSS ${megabytes(usage.rss)} now, peak ${megabytes(process.resourceUsage().maxRSS * 1024)}; heap used ${megabytes(usage.heapUsed)}`);
  } finally {
    await database.close();
  }
}

console.log(`Readout benchmark: ${calls} calls, ${samples} samples per case; Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(2)}`);
for (const dialect of dialects) await benchmark(dialect);
