/**
 * The statistics' own figures on an existing database (npm run bench times
 * requests on a fresh one; this looks inside): the first request, which
 * builds the in-memory duration index; warm requests; a request right after
 * a write (the trigger log is replayed); and, with --naive, the approach the
 * index replaced (GROUP BY duration in SQL, then summarizeCounts per group).
 *
 *   DATABASE_URL=sqlite:/tmp/bench-1m.db node --import tsx bench/stats-index.ts [--naive]
 *
 * It changes one awaiting call and changes it back. Wall and CPU times both
 * print, because a busy machine inflates the first and not the second.
 */
import { sql } from 'kysely';
import { defaultConfig } from '#server/config.ts';
import { openDatabase } from '#server/db/client.ts';
import { awaitingContext, responseTimes, responseTrend } from '#server/features/stats/service.ts';
import { fixedClock, systemClock } from '#server/lib/clock.ts';
import type { DurationCount } from '../tests/reference/stats/kaplan-meier.ts';
import { summarizeCounts } from '../tests/reference/stats/summary.ts';

const handle = openDatabase(process.env.DATABASE_URL ?? 'sqlite:/tmp/bench-1m.db');
const deps = { db: handle.db, dialect: handle.dialect, clock: systemClock, config: defaultConfig() };

async function time(label: string, run: () => Promise<unknown>, runs = 5) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    await run();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  console.log(`${label.padEnd(44)} wall min ${wall[0]!.toFixed(1).padStart(7)}  median ${wall[mid]!.toFixed(1).padStart(7)}  | cpu median ${cpu[mid]!.toFixed(1).padStart(7)} ms`);
}

const { n } = await handle.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
console.log(`${handle.dialect}: ${Number(n)} calls`);
await time('first request (builds the index)', () => responseTimes(deps, { groupBy: 'ministry' }), 1);
await time('ministry, all time', () => responseTimes(deps, { groupBy: 'ministry' }), 11);
await time('official, all time', () => responseTimes(deps, { groupBy: 'official' }));
await time('country, all time', () => responseTimes(deps, { groupBy: 'country' }));
const from = new Date(Date.now() - 90 * 86_400_000).toISOString();
await time('ministry, last 90 days', () => responseTimes(deps, { groupBy: 'ministry', from }));
await time('trend weekly, ministry', () => responseTrend(deps, { groupBy: 'ministry', interval: 'week' }));
await time('trend monthly, official', () => responseTrend(deps, { groupBy: 'official', interval: 'month' }));
await time('awaiting-context (500)', () => awaitingContext(deps, { limit: 500 }));
const answer = await responseTimes(deps, { groupBy: 'ministry' });
console.log(`answer: ${answer.groups.length} groups, at most ${Math.max(...answer.groups.map((g) => g.survival.length))} curve points, ${JSON.stringify(answer).length} bytes of JSON`);

const open = await handle.db.selectFrom('calls').select('id').where('status', '=', 'awaiting').limit(1).executeTakeFirst();
if (open) {
  await time('a write, then ministry (log replayed)', async () => {
    await handle.db.updateTable('calls').set({ status: 'returned', responded_at: Date.now() }).where('id', '=', open.id).execute();
    await responseTimes(deps, { groupBy: 'ministry' });
    await handle.db.updateTable('calls').set({ status: 'awaiting', responded_at: null }).where('id', '=', open.id).execute();
  });
}

if (process.argv.includes('--naive')) {
  // The same figures the old way, at one fixed "now" for both, compared field by field.
  const now = Date.now();
  const clamp = handle.dialect === 'sqlite' ? sql`max(0, coalesce(c.responded_at, c.closed_at, ${now}) - c.placed_at)` : sql`greatest(0, coalesce(c.responded_at, c.closed_at, ${now}) - c.placed_at)`;
  const naive = new Map<string, ReturnType<typeof summarizeCounts>>();
  await time('naive: SQL GROUP BY + summarizeCounts', async () => {
    const rows = await sql<{ g: string; d: number; e: number; c: number; a: number; w: number }>`
      select o.ministry_id as g, ${clamp} as d,
        sum(case when c.status in ('answered', 'returned', 'declined') then 1 else 0 end) as e,
        sum(case when c.status in ('answered', 'returned', 'declined') then 0 else 1 end) as c,
        sum(case when c.status = 'awaiting' then 1 else 0 end) as a,
        sum(case when c.status = 'withdrawn' then 1 else 0 end) as w
      from calls c join officials o on o.id = c.callee_id group by 1, 2`.execute(handle.db);
    const groups = new Map<string, { awaiting: number; withdrawn: number; rows: DurationCount[] }>();
    for (const r of rows.rows) {
      const g = groups.get(r.g) ?? { awaiting: 0, withdrawn: 0, rows: [] };
      g.awaiting += Number(r.a);
      g.withdrawn += Number(r.w);
      g.rows.push({ durationMs: Number(r.d), events: Number(r.e), censored: Number(r.c) });
      groups.set(r.g, g);
    }
    for (const [key, g] of groups) naive.set(key, summarizeCounts(g));
  }, 1);
  const indexed = await responseTimes({ ...deps, clock: fixedClock(now) }, { groupBy: 'ministry' });
  let differences = 0;
  for (const group of indexed.groups) {
    const { survival, survivalThinned: _thinned, observedUntilMs: _until, key: _key, label: _label, ...figures } = group;
    const { survival: fullCurve, ...expected } = naive.get(group.key)!;
    if (JSON.stringify(figures) !== JSON.stringify(expected)) {
      differences++;
      console.log(`differs: ${group.label}`, figures, expected);
    }
    // Every point of the thinned curve lies on the full one.
    const full = new Map(fullCurve.map((p) => [p.tMs, p.stillAwaiting]));
    if (survival.some((p) => p.tMs > 0 && full.get(p.tMs) !== p.stillAwaiting)) {
      differences++;
      console.log(`curve point off the full curve: ${group.label}`);
    }
  }
  console.log(`index vs naive: ${indexed.groups.length} ministries compared, ${differences} differences`);
}
await handle.close();
