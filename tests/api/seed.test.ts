import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReplied } from '#shared/domain/call-status.ts';
import { CallRecord, type CallStatus } from '#shared/schemas/calls.ts';
import { Ministry } from '#shared/schemas/ministries.ts';
import { Official } from '#shared/schemas/officials.ts';
import { RoundRecord } from '#shared/schemas/rounds.ts';
import { countryName, isTimeZone } from '#shared/schemas/common.ts';
import type { DatabaseHandle } from '#server/db/client.ts';
import { insertMany } from '#server/cli/bulk-insert.ts';
import { trigramQuery } from '#server/lib/search.ts';
import { DEMO_CALL_COUNT, DEMO_EPISODES, seedDemo } from '#server/cli/demo.ts';
import { NORTH_KOREA_TEST_AT } from '#server/cli/demo-data.ts';
import { ensurePool, seedSyntheticCalls } from '#server/cli/synthetic.ts';
import { CALL_WIDTH, CallGenerator } from '#server/cli/synthetic-calls.ts';
import { createTestDatabase, testDialect } from '../support/database.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

async function count(database: DatabaseHandle, table: 'calls' | 'history' | 'ministries' | 'officials' | 'rounds' | 'attempts') {
  const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function historyAfter(database: DatabaseHandle, entityType: string) {
  const rows = await database.db.selectFrom('history').selectAll().where('entity_type', '=', entityType).execute();
  return rows.map((r) => {
    expect(r).toMatchObject({ actor: 'seed', action: 'create', before: null, at: NOW });
    return JSON.parse(r.after!) as Record<string, unknown>;
  });
}

describe('npm run seed -- --demo', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('tells the February 2013 story: Kerry calls four ministers after the test, three reply, Lavrov does not', async () => {
    const report = await seedDemo(database, { now: NOW });
    expect(report.ministries.created).toHaveLength(5);
    expect(report.calls.existing).toBe(0);

    const rows = await database.db
      .selectFrom('calls as c')
      .innerJoin('officials as caller', 'caller.id', 'c.caller_id')
      .innerJoin('officials as callee', 'callee.id', 'c.callee_id')
      .innerJoin('ministries as m', 'm.id', 'callee.ministry_id')
      .select(['c.status', 'c.placed_at', 'c.responded_at', 'c.closed_at', 'callee.name as callee', 'm.short_name as ministry'])
      .where('caller.name', '=', 'John Kerry')
      .where('c.placed_at', '>=', Date.parse(NORTH_KOREA_TEST_AT))
      .where('c.placed_at', '<', Date.parse(NORTH_KOREA_TEST_AT) + 24 * 3_600_000)
      .orderBy('c.placed_at')
      .execute();
    expect(rows.map((r) => r.callee).sort()).toEqual(['Fumio Kishida', 'Kim Sung-hwan', 'Sergei Lavrov', 'Yang Jiechi']);
    const replied = rows.filter((r) => isReplied(r.status as CallStatus));
    expect(replied.map((r) => r.ministry).sort()).toEqual(['China MFA', 'Japan MOFA', 'ROK MOFA']);
    for (const r of replied) expect(r.responded_at).toBeGreaterThanOrEqual(r.placed_at);
    expect(rows.find((r) => r.callee === 'Sergei Lavrov')).toMatchObject({ status: 'awaiting', ministry: 'MFA Russia', responded_at: null, closed_at: null });

    const officials = await database.db.selectFrom('officials').select(['name', 'time_zone']).execute();
    const zone = Object.fromEntries(officials.map((o) => [o.name, o.time_zone]));
    expect(zone).toMatchObject({ 'John Kerry': 'America/New_York', 'Sergei Lavrov': 'Europe/Moscow', 'Fumio Kishida': 'Asia/Tokyo', 'Yang Jiechi': 'Asia/Shanghai', 'Kim Sung-hwan': 'Asia/Seoul', 'Victoria Nuland': 'America/New_York' });
    for (const o of officials) expect(isTimeZone(o.time_zone)).toBe(true);
  });

  it('tells it as a round: "DPRK nuclear test", the four calls after the test, Lavrov still awaiting after 2 attempts', async () => {
    const round = await database.db.selectFrom('rounds').selectAll().where('title', '=', 'DPRK nuclear test').executeTakeFirstOrThrow();
    expect(round).toMatchObject({ trigger: "North Korea's third nuclear test", trigger_at: Date.parse(NORTH_KOREA_TEST_AT), created_by: 'seed' });
    expect(new Date(round.trigger_at!).toISOString().slice(0, 10)).toBe('2013-02-12');
    const calls = await database.db
      .selectFrom('calls as c')
      .innerJoin('officials as callee', 'callee.id', 'c.callee_id')
      .select(['callee.name as callee', 'c.status', 'c.attempts', 'c.last_attempt_at', 'c.id'])
      .where('c.round_id', '=', round.id)
      .execute();
    expect(calls.map((c) => c.callee).sort()).toEqual(['Fumio Kishida', 'Kim Sung-hwan', 'Sergei Lavrov', 'Yang Jiechi']);
    const lavrov = calls.find((c) => c.callee === 'Sergei Lavrov')!;
    expect(lavrov).toMatchObject({ status: 'awaiting', attempts: 2 });
    const attempts = await database.db.selectFrom('attempts').selectAll().where('call_id', '=', lavrov.id).execute();
    expect(attempts).toHaveLength(1);
    expect(Number(lavrov.last_attempt_at)).toBe(Number(attempts[0]!.at));
    // Every episode of the month is a round of its own, audited in the API's shape.
    expect(await count(database, 'rounds')).toBe(DEMO_EPISODES.length);
    const rounds = await historyAfter(database, 'round');
    expect(rounds).toHaveLength(DEMO_EPISODES.length);
    for (const after of rounds) RoundRecord.parse(after);
    const unrounded = await database.db.selectFrom('calls').select('id').where('round_id', 'is', null).execute();
    expect(unrounded).toEqual([]);
  });

  it('audits every object it created, in the API shape', async () => {
    const ministries = await historyAfter(database, 'ministry');
    expect(ministries).toHaveLength(await count(database, 'ministries'));
    for (const after of ministries) Ministry.parse(after);
    const officials = await historyAfter(database, 'official');
    expect(officials).toHaveLength(await count(database, 'officials'));
    for (const after of officials) Official.parse(after);
    const calls = await historyAfter(database, 'call');
    expect(calls).toHaveLength(await count(database, 'calls'));
    for (const after of calls) CallRecord.parse(after);
    const lavrov = calls.map((c) => CallRecord.parse(c)).find((c) => c.callee.name === 'Sergei Lavrov' && c.status === 'awaiting');
    expect(lavrov).toMatchObject({ createdBy: 'seed', version: 1, responseMs: null, callee: { timeZone: 'Europe/Moscow', ministry: { shortName: 'MFA Russia', country: 'RU' } } });
  });

  it('creates nothing when run again', async () => {
    const before = await Promise.all((['calls', 'history', 'ministries', 'officials', 'rounds', 'attempts'] as const).map((t) => count(database, t)));
    const report = await seedDemo(database, { now: NOW + 60_000 });
    expect(report).toMatchObject({ ministries: { created: [] }, officials: { created: [] }, calls: { created: [], existing: DEMO_CALL_COUNT } });
    expect(report.episodes.map((e) => e.callIds.length)).toEqual(DEMO_EPISODES.map((e) => e.calls.length));
    const after = await Promise.all((['calls', 'history', 'ministries', 'officials', 'rounds', 'attempts'] as const).map((t) => count(database, t)));
    expect(after).toEqual(before);
  });
});

describe('the demo month around the story', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database, { now: NOW });
  });
  afterAll(() => database.close());

  const callsByMinistry = () =>
    database.db
      .selectFrom('calls as c')
      .innerJoin('officials as callee', 'callee.id', 'c.callee_id')
      .innerJoin('ministries as m', 'm.id', 'callee.ministry_id')
      .select(['m.short_name as ministry', 'c.status', 'c.placed_at', 'c.responded_at', 'c.closed_at'])
      .execute();

  it('gives every ministry enough calls for its curves (5 or more: not a small sample)', async () => {
    const rows = await callsByMinistry();
    const per = new Map<string, number>();
    for (const r of rows) per.set(r.ministry, (per.get(r.ministry) ?? 0) + 1);
    expect([...per.keys()].sort()).toEqual(['China MFA', 'Japan MOFA', 'MFA Russia', 'ROK MOFA', 'State Dept']);
    for (const [ministry, n] of per) expect(n, ministry).toBeGreaterThanOrEqual(ministry === 'State Dept' ? 5 : 8);
  });

  it('has replies after hours and after days, a declined call, a withdrawn one, and only Lavrov’s still awaiting', async () => {
    const rows = await callsByMinistry();
    const delaysH = rows.filter((r) => r.status === 'returned').map((r) => (r.responded_at! - r.placed_at) / 3_600_000);
    expect(delaysH.length).toBeGreaterThanOrEqual(20);
    expect(delaysH.filter((h) => h > 0 && h < 12).length).toBeGreaterThanOrEqual(5);
    expect(delaysH.filter((h) => h >= 24).length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...delaysH)).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === 'declined').map((r) => r.ministry)).toEqual(['MFA Russia']);
    expect(rows.filter((r) => r.status === 'declined')[0]!.responded_at).toBeGreaterThan(rows.filter((r) => r.status === 'declined')[0]!.placed_at);
    const withdrawn = rows.filter((r) => r.status === 'withdrawn');
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]!.closed_at).toBeGreaterThan(withdrawn[0]!.placed_at);
    expect(rows.filter((r) => r.status === 'awaiting').map((r) => r.ministry)).toEqual(['MFA Russia']);
    // Russia replies slowest: its median returned delay is days, Seoul's hours.
    const median = (ministry: string) => {
      const d = rows.filter((r) => r.ministry === ministry && r.status === 'returned').map((r) => r.responded_at! - r.placed_at).sort((a, b) => a - b);
      return d[Math.ceil(d.length / 2) - 1]! / 3_600_000;
    };
    expect(median('MFA Russia')).toBeGreaterThanOrEqual(24);
    expect(median('ROK MOFA')).toBeLessThan(12);
  });

  it('is a month of episodes, each a round by one initiator after its trigger, the same on every run', () => {
    expect(DEMO_EPISODES.length).toBeGreaterThanOrEqual(8);
    const titles = DEMO_EPISODES.map((e) => e.title);
    expect(new Set(titles).size).toBe(titles.length);
    const test = DEMO_EPISODES.find((e) => e.triggerAt === NORTH_KOREA_TEST_AT && e.initiator === 'John Kerry')!;
    expect(test.calls.map((c) => [c.callee, c.status])).toEqual([
      ['Kim Sung-hwan', 'answered'], ['Fumio Kishida', 'answered'], ['Yang Jiechi', 'answered'], ['Sergei Lavrov', 'awaiting'],
    ]);
    for (const e of DEMO_EPISODES) {
      for (const c of e.calls) {
        expect(Date.parse(c.placedAt), `${e.title}: ${c.callee}`).toBeGreaterThanOrEqual(Date.parse(e.triggerAt));
        expect(c.placedAt < '2013-03-01', `${e.title}: ${c.callee}`).toBe(true);
      }
    }
    expect(DEMO_EPISODES[0]!.triggerAt >= '2013-02-01').toBe(true);
  });
});

describe('npm run seed -- --calls N', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database, { now: NOW });
  });
  afterAll(() => database.close());

  it('adds N calls whose statuses and timestamps obey the rules, each with its history entry', async () => {
    const callsBefore = await count(database, 'calls');
    const report = await seedSyntheticCalls(database, { count: 2000, now: NOW, seed: 42, batchSize: 700 });
    expect(report.calls).toBe(2000);
    expect(Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBe(2000);

    const rows = await database.db.selectFrom('calls').selectAll().where('created_by', '=', 'seed').where('created_at', '=', NOW).execute();
    const synthetic = rows.filter((r) => r.placed_at > Date.parse('2020-01-01'));
    expect(synthetic).toHaveLength(2000);
    expect(await count(database, 'calls')).toBe(callsBefore + 2000);
    const earliest = NOW - 731 * 24 * 3600 * 1000;
    for (const r of synthetic) {
      const where = `call ${r.id} (${r.status})`;
      expect(r.placed_at, where).toBeLessThan(NOW);
      expect(r.placed_at, where).toBeGreaterThan(earliest);
      expect(r.caller_id, where).not.toBe(r.callee_id);
      expect(r.version, where).toBe(1);
      if (r.status === 'awaiting') {
        expect([r.responded_at, r.closed_at], where).toEqual([null, null]);
      } else if (r.status === 'withdrawn') {
        expect(r.responded_at, where).toBeNull();
        expect(r.closed_at, where).toBeGreaterThanOrEqual(r.placed_at);
        expect(r.closed_at, where).toBeLessThanOrEqual(NOW);
      } else {
        expect(['answered', 'returned', 'declined'], where).toContain(r.status);
        expect(r.closed_at, where).toBeNull();
        expect(r.responded_at, where).toBeGreaterThanOrEqual(r.placed_at);
        expect(r.responded_at, where).toBeLessThanOrEqual(NOW);
        if (r.status === 'answered') expect(r.responded_at, where).toBe(r.placed_at);
        else expect(r.responded_at!, where).toBeGreaterThan(r.placed_at);
      }
    }

    // A realistic mix, not a uniform one.
    const share = (s: CallStatus) => synthetic.filter((r) => r.status === s).length / synthetic.length;
    expect(share('answered') + share('returned')).toBeGreaterThan(0.6);
    expect(share('declined')).toBeGreaterThan(0.04);
    expect(share('withdrawn')).toBeGreaterThan(0.03);
    expect(share('awaiting')).toBeLessThan(0.05);
    const channels = new Set(synthetic.map((r) => r.channel));
    expect(channels.size).toBe(5);
    expect(synthetic.filter((r) => r.channel === 'phone').length).toBeGreaterThan(synthetic.length / 2);

    // One create entry per call, whose `after` is the call as the API shows it.
    const entries = await database.db.selectFrom('history').selectAll().where('entity_type', '=', 'call').execute();
    const byId = new Map(entries.map((e) => [e.entity_id, e]));
    expect(entries).toHaveLength(callsBefore + 2000);
    for (const r of synthetic) {
      const entry = byId.get(r.id)!;
      expect(entry).toMatchObject({ actor: 'seed', action: 'create', before: null, at: NOW });
      const after = CallRecord.parse(JSON.parse(entry.after!));
      expect(after).toMatchObject({
        id: r.id,
        callerId: r.caller_id,
        calleeId: r.callee_id,
        caller: { id: r.caller_id },
        callee: { id: r.callee_id },
        placedAt: new Date(r.placed_at).toISOString(),
        status: r.status,
        topic: r.topic,
        notes: r.notes,
        source: r.source,
        respondedAt: r.responded_at === null ? null : new Date(r.responded_at).toISOString(),
        closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString(),
        responseMs: isReplied(r.status as CallStatus) ? r.responded_at! - r.placed_at : null,
        roundId: r.round_id,
        attempts: r.attempts,
        lastAttemptAt: new Date(r.last_attempt_at ?? r.placed_at).toISOString(),
        version: 1,
        createdBy: 'seed',
      });
    }

    // About 30% of the calls in rounds of 2 to 6, each round one caller's calls on one topic.
    const inRounds = synthetic.filter((r) => r.round_id !== null);
    expect(inRounds.length / synthetic.length).toBeGreaterThan(0.2);
    expect(inRounds.length / synthetic.length).toBeLessThan(0.4);
    const byRound = groupBy(inRounds, (r) => r.round_id!);
    const roundRows = await database.db.selectFrom('rounds').selectAll().where('created_by', '=', 'seed').where('trigger_at', '>', Date.parse('2020-01-01')).execute();
    expect(roundRows.length).toBe(byRound.size);
    for (const round of roundRows) {
      const members = byRound.get(round.id)!;
      expect(members.length, round.title).toBeLessThanOrEqual(6);
      expect(new Set(members.map((m) => m.caller_id)), round.title).toEqual(new Set([round.initiator_id]));
      expect(new Set(members.map((m) => m.topic)).size, round.title).toBe(1);
      for (const m of members) expect(m.placed_at).toBeGreaterThanOrEqual(round.trigger_at!);
    }
    const roundEntries = await historyAfter(database, 'round');
    for (const after of roundEntries) RoundRecord.parse(after);
    expect(roundEntries.length).toBe(roundRows.length + DEMO_EPISODES.length);

    // Some awaiting calls were tried again, 2 to 4 tries in all; the others have one.
    const retried = synthetic.filter((r) => (r.attempts ?? 1) > 1);
    expect(retried.length).toBeGreaterThan(0);
    const attempts = await database.db.selectFrom('attempts').selectAll().where('created_by', '=', 'seed').execute();
    const ofCall = groupBy(attempts, (a) => a.call_id);
    for (const r of synthetic) {
      if (r.attempts === 1) {
        expect(r.last_attempt_at).toBeNull();
        continue;
      }
      expect(r.status).toBe('awaiting');
      expect(r.attempts).toBeLessThanOrEqual(4);
      const tries = ofCall.get(r.id)!;
      expect(tries.length + 1).toBe(r.attempts);
      expect(Number(r.last_attempt_at)).toBe(Math.max(...tries.map((a) => Number(a.at))));
      for (const a of tries) expect(Number(a.at)).toBeGreaterThanOrEqual(r.placed_at);
    }
  });

  it('keeps a realistic pool and never adds to it twice', async () => {
    const ministries = await database.db.selectFrom('ministries').selectAll().execute();
    const officials = await database.db.selectFrom('officials').selectAll().execute();
    expect(ministries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ministries.map((m) => m.country)).size).toBeGreaterThanOrEqual(30);
    expect(officials.length).toBeGreaterThanOrEqual(150);
    for (const m of ministries) expect(countryName(m.country), m.name).toBeDefined();
    for (const o of officials) expect(isTimeZone(o.time_zone), o.name).toBe(true);
    // The demo's ministries are the pool's: matched by name and country, not duplicated.
    expect(ministries.filter((m) => m.short_name === 'MFA Russia')).toHaveLength(1);

    const again = await ensurePool(database, NOW);
    expect([again.ministriesCreated, again.officialsCreated]).toEqual([0, 0]);
    expect(await count(database, 'ministries')).toBe(ministries.length);
  });

  it('gives the same calls for the same seed', async () => {
    const { pool, officials } = await ensurePool(database, NOW);
    // Ids (the call's and its round's) are unique every time.
    const strip = (values: unknown[]) => values.filter((_, i) => i % CALL_WIDTH !== 0 && i % CALL_WIDTH !== 11);
    const run = () => new CallGenerator(officials, pool.profiles, { count: 300, seed: 'same', now: NOW, actor: 'seed' }).nextBatch(300);
    expect(strip(run().calls)).toEqual(strip(run().calls));
  });

  it('inserts more rows at once than one statement has parameters for', async () => {
    const values: unknown[] = [];
    for (let i = 0; i < 5000; i++) values.push(NOW, 'seed', 'create', 'call', `bulk-${i}`, null, null);
    // 35,000 values: more than SQLite binds in one statement (PostgreSQL binds one array per column).
    const spec = { table: 'history', columns: ['at', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after'], types: { at: 'bigint' } } as const;
    await insertMany(database.db, database.dialect, spec, values);
    const row = await database.db.selectFrom('history').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', 'like', 'bulk-%').executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(5000);
  });
});

describe.runIf(testDialect === 'sqlite')('a large seed on SQLite (indexes and insert triggers deferred to the end)', () => {
  const databases: DatabaseHandle[] = [];
  afterAll(async () => {
    for (const d of databases) await d.close();
  });
  async function seeded(deferIndexes: boolean) {
    const database = await createTestDatabase();
    databases.push(database);
    await seedDemo(database, { now: NOW });
    await seedSyntheticCalls(database, { count: 3000, now: NOW, seed: 7, batchSize: 1000, deferIndexes });
    return database;
  }
  const rows = async (database: DatabaseHandle, query: string) => (await sql.raw<Record<string, unknown>>(query).execute(database.db)).rows;
  /** What the triggers and indexes left, in terms that do not depend on the random ids. */
  async function traces(database: DatabaseHandle) {
    return {
      schema: await rows(database, `select type, name, tbl_name, sql from sqlite_master where sql is not null order by type, name`),
      statsLog: await rows(database, `select o.name, s.sign, s.placed_at, s.status, s.responded_at, s.closed_at from stats_changes s join officials o on o.id = s.callee_id order by s.seq`),
      searchRows: await rows(database, `select count(*) as n, count(distinct call_id) as calls from calls_search_rows`),
      search: Object.fromEntries(
        await Promise.all(
          ['cea', 'sanction', 'nuclear test', 'duty officer', 'zzzz'].map(async (text): Promise<[string, Record<string, unknown>[]]> => [
            text,
            await rows(database, `select c.placed_at, c.topic from calls_search s join calls_search_rows r on r.search_rowid = s.rowid join calls c on c.id = r.call_id where calls_search match '${trigramQuery(text).replaceAll("'", "''")}' order by c.placed_at, c.topic`),
          ]),
        ),
      ),
      integrity: await rows(database, 'pragma integrity_check'),
    };
  }

  it('leaves the very rows, search index, statistics log and schema that row-by-row inserts leave', async () => {
    const [rowByRow, deferred] = [await seeded(false), await seeded(true)];
    const [expected, actual] = [await traces(rowByRow), await traces(deferred)];
    expect(actual.statsLog).toHaveLength(3000 + DEMO_CALL_COUNT);
    expect(actual.searchRows).toEqual([{ n: 3000 + DEMO_CALL_COUNT, calls: 3000 + DEMO_CALL_COUNT }]);
    expect(Object.values(actual.search).some((found) => found.length > 10)).toBe(true);
    expect(actual.integrity).toEqual([{ integrity_check: 'ok' }]);
    expect(actual).toEqual(expected);
    // What the search finds is what a scan finds, in topics and in notes.
    for (const text of ['sanction', 'duty officer']) {
      const scanned = await rows(deferred, `select placed_at, topic from calls where lower(topic) like '%${text}%' or lower(notes) like '%${text}%' order by placed_at, topic`);
      expect(scanned.length, text).toBeGreaterThan(10);
      expect(actual.search[text], text).toEqual(scanned);
    }
  });

  it('loads row by row when an insert trigger it cannot replay is there (and that trigger sees every row)', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await sql`create table seen_calls (id text)`.execute(database.db);
    await sql`create trigger seen_calls_insert after insert on calls begin insert into seen_calls values (new.id); end`.execute(database.db);
    await seedSyntheticCalls(database, { count: 500, now: NOW, seed: 7, deferIndexes: true });
    expect(await rows(database, 'select count(*) as n from seen_calls')).toEqual([{ n: 500 }]);
    expect(await rows(database, 'select count(*) as n from stats_changes')).toEqual([{ n: 500 }]);
  });
});
