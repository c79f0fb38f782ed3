import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemClock } from '../lib/clock.ts';
import { exitOnSqliteAddonMismatch } from '../lib/native-check.ts';
import { bulkLoadSettings } from './bulk-insert.ts';
import { seedDemo } from './demo.ts';
import { progressReporter } from './progress.ts';
import { DEFAULT_SEED, seedSyntheticCalls } from './synthetic.ts';

const HELP = `Usage: npm run seed -- [--demo] [--calls N] [--seed S] [--batch N]

Loads data into the database named by DATABASE_URL (default sqlite:./data/readout.db),
migrating it first. Never creates user accounts: the first admin comes from setup.

  --demo        The February 2013 story: Kerry calls four foreign ministers after
                North Korea's nuclear test; three answer, Lavrov's call is still
                awaiting; around it a month of outreach (about 40 calls in a dozen
                episodes, replies after hours or days, one declined, one
                withdrawn). Safe to run again: nothing is created twice.
  --calls N     Adds N synthetic, realistic calls placed over the last two years
                (and a pool of ~40 ministries and ~150 officials if missing).
  --seed S      Seed of the synthetic data (default ${DEFAULT_SEED}); the same seed
                gives the same calls.
  --batch N     Calls per transaction (default 5000). On SQLite a load of at
                least 10,000 calls that at least doubles the calls is one
                transaction, its indexes built once at the end.
  --help        This text.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      calls: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const calls = args.calls === undefined ? undefined : Number(args.calls);
if (calls !== undefined && !(Number.isInteger(calls) && calls >= 0)) fail(`--calls takes a whole number, got "${args.calls}"`);
const batchSize = args.batch === undefined ? undefined : Number(args.batch);
if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) fail(`--batch takes a whole number above 0, got "${args.batch}"`);
if (!args.demo && calls === undefined) fail('Say what to load: --demo, --calls N, or both.');

const config = loadConfig();
const database = exitOnSqliteAddonMismatch(() => openDatabase(config.DATABASE_URL));
try {
  await migrateToLatest(database.db);
  const now = systemClock.now();

  if (args.demo) {
    const report = await seedDemo(database, { now });
    const list = (items: string[]) => items.map((i) => `\n    ${i}`).join('');
    console.log(`Demo (February 2013):`);
    console.log(`  ministries: ${report.ministries.created.length} created, ${report.ministries.existing} already there${list(report.ministries.created)}`);
    console.log(`  officials:  ${report.officials.created.length} created, ${report.officials.existing} already there${list(report.officials.created)}`);
    console.log(`  calls:      ${report.calls.created.length} created, ${report.calls.existing} already there${list(report.calls.created)}`);
    console.log(`  episodes:   ${report.episodes.length}${list(report.episodes.map((e) => `${e.title} (${e.callIds.length} call${e.callIds.length === 1 ? '' : 's'})`))}`);
  }

  if (calls !== undefined) {
    const restore = await bulkLoadSettings(database.db, database.dialect);
    const progress = progressReporter('Seeding calls');
    try {
      const report = await seedSyntheticCalls(database, {
        count: calls,
        now,
        seed: args.seed ?? DEFAULT_SEED,
        batchSize,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.stop();
      const seconds = report.elapsedMs / 1000;
      const shares = Object.entries(report.statuses)
        .map(([status, n]) => `${status} ${report.calls ? ((100 * n) / report.calls).toFixed(1) : '0'}%`)
        .join(', ');
      console.log(`Synthetic calls: ${report.calls} added in ${seconds.toFixed(1)} s (${Math.round(report.calls / Math.max(seconds, 0.001))} calls/s, with their history rows)`);
      console.log(`  pool: ${report.ministriesCreated} ministries and ${report.officialsCreated} officials created`);
      console.log(`  statuses: ${shares}`);
      console.log(`  in rounds: ${report.calls ? ((100 * report.inRounds) / report.calls).toFixed(1) : '0'}% of the calls`);
    } finally {
      progress.stop();
      await restore();
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
