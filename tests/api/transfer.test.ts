import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '#server/config.ts';
import { exportChunks } from '#server/features/transfer/export.ts';
import { CallRecord } from '#shared/schemas/calls.ts';
import { ExportRows, ImportProblem, ImportResult, TRANSFER_COLUMNS, type TransferRow } from '#shared/schemas/transfer.ts';
import { bodyAs, createTestApp, expectProblem, type TestApp, type TestUser } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

const NOW = '2013-02-18T12:00:00Z';
const HEADER = TRANSFER_COLUMNS.join(',');
const TRICKY_NOTES = 'He said "not now", then, after a pause,\r\nhung up.\nSecond line';

/** The story's four calls, each through POST /api/calls so they are stored exactly as the API stores them. */
async function seedStory(t: TestApp, analyst: TestUser) {
  const p = await seedParties(t);
  const { kerry, lavrov, kishida, yang, yun } = p.officials;
  const calls = [
    { callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-12T14:00:00Z', channel: 'phone', topic: 'North Korea nuclear test', status: 'answered' },
    { callerId: kerry.id, calleeId: yun.id, placedAt: '2013-02-12T15:00:00+01:00', channel: 'phone', topic: 'North Korea nuclear test', status: 'returned', respondedAt: '2013-02-12T20:30:00Z', source: 'https://www.state.gov/readout' },
    { callerId: kerry.id, calleeId: yang.id, placedAt: '2013-02-13T09:00:00Z', channel: 'video', topic: 'Sanctions, "next steps"', notes: TRICKY_NOTES, status: 'declined', respondedAt: '2013-02-14T09:00:00Z' },
    { callerId: kerry.id, calleeId: lavrov.id, placedAt: '2013-02-13T10:00:00Z', channel: 'phone', topic: 'North Korea nuclear test' },
  ];
  for (const json of calls) {
    const res = await analyst.request('/api/calls', { method: 'POST', json });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  return p;
}

function postCsv(user: TestUser, csv: string) {
  return user.request('/api/import', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
}

function postJson(user: TestUser, json: unknown) {
  return user.request('/api/import', { method: 'POST', json });
}

async function counts(t: TestApp) {
  const count = async (table: 'calls' | 'ministries' | 'officials' | 'history') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { calls: await count('calls'), ministries: await count('ministries'), officials: await count('officials'), history: await count('history') };
}

/** A valid CSV row of the import format, with any cells replaced. */
function csvRow(cells: Partial<Record<(typeof TRANSFER_COLUMNS)[number], string>> = {}): Record<string, string> {
  return {
    id: '',
    placedAt: '2013-02-15T08:00:00Z',
    channel: 'phone',
    topic: 'Follow-up',
    notes: '',
    source: '',
    status: 'awaiting',
    respondedAt: '',
    closedAt: '',
    responseMs: '',
    callerName: 'John Kerry',
    callerTitle: 'Secretary of State',
    callerTimeZone: 'America/New_York',
    callerMinistry: 'U.S. Department of State',
    callerMinistryShortName: 'State Dept',
    callerCountry: 'US',
    calleeName: 'Sergei Lavrov',
    calleeTitle: 'Minister of Foreign Affairs',
    calleeTimeZone: 'Europe/Moscow',
    calleeMinistry: 'Ministry of Foreign Affairs of the Russian Federation',
    calleeMinistryShortName: 'MFA Russia',
    calleeCountry: 'RU',
    ...cells,
  };
}

/** A CSV file of these rows, quoting every cell (as a careful hand would). */
function csvOf(rows: Record<string, string>[], columns: readonly string[] = TRANSFER_COLUMNS): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  return [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}

describe('GET /api/export', async () => {
  const t = await createTestApp({ now: NOW });
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');
  await seedStory(t, analyst);

  it('answers CSV with the exact header, CRLF line ends and a dated attachment', async () => {
    const res = await viewer.request('/api/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="readout-calls-2013-02-18.csv"');
    const text = await res.text();
    expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parse(text) as string[][];
    expect(records).toHaveLength(5);
    expect(records.every((r) => r.length === TRANSFER_COLUMNS.length)).toBe(true);
  });

  it('quotes cells with quotes, commas and line breaks (RFC 4180) and leaves null cells empty', async () => {
    const text = await (await viewer.request('/api/export?format=csv')).text();
    expect(text).toContain('"He said ""not now"", then, after a pause,\r\nhung up.\nSecond line"');
    expect(text).toContain(',"Sanctions, ""next steps""",');
    const records = parse(text, { columns: true }) as Record<string, string>[];
    const declined = records.find((r) => r.status === 'declined')!;
    expect(declined.notes).toBe(TRICKY_NOTES);
    expect(declined.topic).toBe('Sanctions, "next steps"');
    expect(declined.responseMs).toBe(String(24 * 3600_000));
    const awaiting = records.find((r) => r.status === 'awaiting')!;
    expect([awaiting.respondedAt, awaiting.closedAt, awaiting.responseMs, awaiting.notes, awaiting.source]).toEqual(['', '', '', '', '']);
    // Oldest first; offsets normalised to UTC.
    expect(records.map((r) => r.placedAt)).toEqual(['2013-02-12T14:00:00.000Z', '2013-02-12T14:00:00.000Z', '2013-02-13T09:00:00.000Z', '2013-02-13T10:00:00.000Z']);
  });

  it('answers JSON: an array of rows with null for empty', async () => {
    const res = await viewer.request('/api/export?format=json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="readout-calls-2013-02-18.json"');
    const rows = await bodyAs(res, ExportRows);
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0]!)).toEqual([...TRANSFER_COLUMNS]);
    const returned = rows.find((r) => r.status === 'returned')!;
    expect(returned).toMatchObject({
      placedAt: '2013-02-12T14:00:00.000Z',
      respondedAt: '2013-02-12T20:30:00.000Z',
      closedAt: null,
      notes: null,
      responseMs: 6.5 * 3600_000,
      source: 'https://www.state.gov/readout',
      callerName: 'John Kerry',
      callerTimeZone: 'America/New_York',
      callerMinistryShortName: 'State Dept',
      calleeName: 'Yun Byung-se',
      calleeCountry: 'KR',
    });
  });

  it('takes the filters of GET /api/calls', async () => {
    const rows = await bodyAs(await viewer.request('/api/export?format=json&status=awaiting,declined&from=2013-02-13T00:00:00Z'), ExportRows);
    expect(rows.map((r) => r.status)).toEqual(['declined', 'awaiting']);
  });

  it('defaults to CSV and refuses an unknown format or filter', async () => {
    expect((await viewer.request('/api/export')).headers.get('content-type')).toBe('text/csv; charset=utf-8');
    await expectProblem(await viewer.request('/api/export?format=xlsx'), 400, ['format']);
    await expectProblem(await viewer.request('/api/export?limit=5'), 400, ['limit']);
  });

  it('needs a user', async () => {
    await expectProblem(await t.request('/api/export'), 401);
  });

  it('reads page by page in (placedAt, id) order, neither skipping nor repeating', async () => {
    const deps = { db: t.db, dialect: t.dialect, clock: t.clock, config: defaultConfig() };
    for (const format of ['json', 'csv'] as const) {
      let text = '';
      let chunks = 0;
      for await (const chunk of exportChunks(deps, { format }, 1)) {
        text += chunk;
        chunks += 1;
      }
      expect(chunks).toBeGreaterThanOrEqual(4);
      const whole = await (await viewer.request(`/api/export?format=${format}`)).text();
      if (format === 'json') expect(JSON.parse(text)).toEqual(JSON.parse(whole));
      else expect(text).toBe(whole);
    }
  });
});

describe('export, then import into a fresh database', async () => {
  const source = await createTestApp({ now: NOW });
  const analyst = await source.createUser('analyst');
  await seedStory(source, analyst);

  // Calls placed at the same instant are ordered by id, which the target database picks anew.
  const withoutIds = (rows: TransferRow[]) => rows.map(({ id: _id, ...rest }) => JSON.stringify(rest)).sort();

  for (const format of ['csv', 'json'] as const) {
    it(`reproduces the same calls (${format})`, async () => {
      const file = await (await analyst.request(`/api/export?format=${format}`)).text();
      const target = await createTestApp({ now: NOW });
      const importer = await target.createUser('analyst');
      const res = await importer.request('/api/import', { method: 'POST', body: file, headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/json' } });
      expect(res.status, await res.clone().text()).toBe(201);
      expect(await bodyAs(res, ImportResult)).toEqual({ created: { calls: 4, ministries: 5, officials: 5 } });

      const before = await bodyAs(await analyst.request('/api/export?format=json'), ExportRows);
      const after = await bodyAs(await importer.request('/api/export?format=json'), ExportRows);
      expect(withoutIds(after)).toEqual(withoutIds(before));
      // A second round gives the very same file, ids aside.
      const again = await (await importer.request(`/api/export?format=${format}`)).text();
      if (format === 'csv') {
        const strip = (text: string) => (parse(text) as string[][]).map((r) => JSON.stringify(r.slice(1))).sort();
        expect(strip(again)).toEqual(strip(file));
      }

      // Each created object has its history entry, by the importer.
      const history = await target.db.selectFrom('history').select(['entity_type', 'actor', 'action']).execute();
      expect(history.filter((h) => h.entity_type === 'call')).toHaveLength(4);
      expect(history.filter((h) => h.entity_type === 'ministry')).toHaveLength(5);
      expect(history.filter((h) => h.entity_type === 'official')).toHaveLength(5);
      expect(new Set(history.map((h) => `${h.actor} ${h.action}`))).toEqual(new Set([`${importer.username} create`]));
      const created = await target.db.selectFrom('calls').select(['created_by', 'version']).execute();
      expect(created.every((c) => c.created_by === importer.username && c.version === 1)).toBe(true);
    });
  }
});

describe('POST /api/import', async () => {
  const t = await createTestApp({ now: NOW });
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');
  const p = await seedParties(t);
  await insertCalls(t, [{ callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id, placedAt: '2013-02-13T10:00:00Z' }]);

  it('matches stored parties, adds missing ones, and keeps a stored official’s title and time zone', async () => {
    const before = await counts(t);
    const file = csvOf([
      // Kerry with another title and zone: the stored ones stay.
      csvRow({ callerTitle: 'Someone else', callerTimeZone: 'Europe/Paris', calleeName: 'Wang Yi', calleeTitle: 'Minister of Foreign Affairs', calleeTimeZone: 'Asia/Shanghai', calleeMinistry: "Ministry of Foreign Affairs of the People's Republic of China", calleeMinistryShortName: 'MFA China', calleeCountry: 'CN' }),
      // A new ministry and official, named twice: added once. The second mention need not repeat the details.
      csvRow({ calleeName: 'Laurent Fabius', calleeTitle: 'Minister of Foreign Affairs', calleeTimeZone: 'Europe/Paris', calleeMinistry: 'Ministère des Affaires étrangères', calleeMinistryShortName: 'MAE France', calleeCountry: 'FR', status: 'returned', respondedAt: '2013-02-15T10:00:00+01:00' }),
      csvRow({ calleeName: 'Laurent Fabius', calleeTitle: '', calleeTimeZone: '', calleeMinistry: 'Ministère des Affaires étrangères', calleeMinistryShortName: '', calleeCountry: 'FR', status: 'withdrawn', closedAt: '2013-02-16T00:00:00Z' }),
    ]);
    const res = await postCsv(analyst, file);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await bodyAs(res, ImportResult)).toEqual({ created: { calls: 3, ministries: 1, officials: 2 } });
    const after = await counts(t);
    expect(after).toEqual({ calls: before.calls + 3, ministries: before.ministries + 1, officials: before.officials + 2, history: before.history + 6 });

    const kerry = await t.db.selectFrom('officials').selectAll().where('id', '=', p.officials.kerry.id).executeTakeFirstOrThrow();
    expect([kerry.title, kerry.time_zone]).toEqual(['Secretary of State', 'America/New_York']);
    const wang = await t.db.selectFrom('officials').selectAll().where('name', '=', 'Wang Yi').executeTakeFirstOrThrow();
    expect(wang.ministry_id).toBe(p.ministries.cn.id);
    const fabius = await t.db
      .selectFrom('officials')
      .innerJoin('ministries', 'ministries.id', 'officials.ministry_id')
      .select(['officials.title', 'officials.time_zone', 'ministries.short_name', 'ministries.country'])
      .where('officials.name', '=', 'Laurent Fabius')
      .execute();
    expect(fabius).toEqual([{ title: 'Minister of Foreign Affairs', time_zone: 'Europe/Paris', short_name: 'MAE France', country: 'FR' }]);

    // The calls read back through the API with their outcomes settled as POST /calls would.
    const rows = await bodyAs(await viewer.request('/api/export?format=json&from=2013-02-15T00:00:00Z&to=2013-02-16T00:00:00Z'), ExportRows);
    expect(rows.map((r) => [r.calleeName, r.status, r.respondedAt, r.closedAt, r.responseMs])).toEqual(
      expect.arrayContaining([
        ['Laurent Fabius', 'returned', '2013-02-15T09:00:00.000Z', null, 3600_000],
        ['Laurent Fabius', 'withdrawn', null, '2013-02-16T00:00:00.000Z', null],
      ]),
    );
    const history = await t.db.selectFrom('history').selectAll().where('entity_type', '=', 'call').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(CallRecord.parse(JSON.parse(history.after!)).createdBy).toBe(analyst.username);
  });

  it('stores all or nothing: one bad row among good ones is a 422 naming its row and column', async () => {
    const before = await counts(t);
    const file = csvOf([csvRow(), csvRow({ placedAt: '2013-02-30T08:00:00Z', calleeName: 'Nobody New', calleeMinistry: 'New Ministry', calleeCountry: 'DE' }), csvRow()]);
    const res = await postCsv(analyst, file);
    const problem = await bodyAs(res, ImportProblem);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.errors).toContainEqual({ row: 2, column: 'placedAt', path: 'rows.2.placedAt', message: expect.stringContaining('ISO 8601') });
    expect(problem.errors!.every((e) => e.row === 2)).toBe(true);
    expect(await counts(t)).toEqual(before);
  });

  it('lists every problem, not just the first, each with the rule of POST /calls', async () => {
    const before = await counts(t);
    const file = csvOf([
      csvRow({ channel: 'telegram' }),
      csvRow({ calleeName: 'John Kerry', calleeMinistry: 'U.S. Department of State', calleeCountry: 'US' }),
      csvRow({ status: 'returned', respondedAt: '2013-02-15T07:00:00Z' }),
      csvRow({ placedAt: '2013-02-18T12:06:00Z' }),
      csvRow({ status: 'awaiting', closedAt: '2013-02-16T00:00:00Z' }),
      csvRow({ calleeName: 'New Person', calleeTimeZone: 'Mars/Olympus', calleeTitle: '' }),
      csvRow({ calleeCountry: 'XX', topic: '   ' }),
      csvRow({ calleeName: 'Someone', calleeMinistry: 'Unknown Ministry', calleeMinistryShortName: '', calleeCountry: 'DE' }),
    ]);
    const res = await postCsv(analyst, file);
    expect(res.status).toBe(422);
    const problem = await bodyAs(res, ImportProblem);
    const places = problem.errors!.map((e) => `${e.row}:${e.column}`);
    expect(places).toEqual(
      expect.arrayContaining([
        '1:channel',
        '2:calleeName',
        '3:respondedAt',
        '4:placedAt',
        '5:closedAt',
        '6:calleeTitle',
        '6:calleeTimeZone',
        '7:topic',
        '7:calleeCountry',
        '8:calleeMinistryShortName',
      ]),
    );
    // In file order.
    expect(problem.errors!.map((e) => e.row)).toEqual([...problem.errors!.map((e) => e.row!)].sort((a, b) => a - b));
    expect(problem.errors!.find((e) => e.row === 4)!.message).toMatch(/future/);
    expect(await counts(t)).toEqual(before);
  });

  it('lists at most 200 problems, and says how many there were', async () => {
    const problem = await bodyAs(await postCsv(analyst, csvOf(Array.from({ length: 250 }, () => csvRow({ channel: 'fax' })))), ImportProblem);
    expect(problem.status).toBe(422);
    expect(problem.errors).toHaveLength(200);
    expect(problem.detail).toContain('250 problems in all');
  });

  it('refuses unknown, repeated and missing columns, naming them', async () => {
    const row = csvRow();
    const unknown = await bodyAs(await postCsv(analyst, csvOf([{ ...row, remarks: 'x' }], [...TRANSFER_COLUMNS, 'remarks'])), ImportProblem);
    expect(unknown.status).toBe(422);
    expect(unknown.errors).toEqual([{ row: null, column: 'remarks', path: 'columns.remarks', message: 'is not a column of the import format' }]);

    const columns = TRANSFER_COLUMNS.filter((c) => c !== 'placedAt' && c !== 'calleeCountry');
    const missing = await bodyAs(await postCsv(analyst, csvOf([row], columns)), ImportProblem);
    expect(missing.status).toBe(422);
    expect(missing.errors!.map((e) => e.path)).toEqual(['columns.placedAt', 'columns.calleeCountry']);

    const twice = await bodyAs(await postCsv(analyst, csvOf([row], [...TRANSFER_COLUMNS, 'topic'])), ImportProblem);
    expect(twice.errors!.map((e) => e.path)).toEqual(['columns.topic']);

    const unnamed = await bodyAs(await postCsv(analyst, csvOf([row], [...TRANSFER_COLUMNS, ''])), ImportProblem);
    expect(unnamed.errors).toEqual([{ row: null, column: null, path: '', message: `column ${TRANSFER_COLUMNS.length + 1} of the header has no name` }]);

    const json = await bodyAs(await postJson(analyst, [{ ...row, remarks: 'x' }]), ImportProblem);
    expect(json.errors).toEqual([{ row: 1, column: 'remarks', path: 'rows.1.remarks', message: 'is not a column of the import format' }]);
  });

  it('takes only the required columns, and ignores id and responseMs', async () => {
    const before = await counts(t);
    const minimal = ['placedAt', 'channel', 'topic', 'callerName', 'callerMinistry', 'callerCountry', 'calleeName', 'calleeMinistry', 'calleeCountry'];
    const res = await postCsv(analyst, csvOf([csvRow()], minimal));
    expect(res.status, await res.clone().text()).toBe(201);
    const json = await postJson(analyst, [{ ...csvRow(), id: 'not-an-id', responseMs: 'nonsense', notes: null, status: null }]);
    expect(json.status, await json.clone().text()).toBe(201);
    expect((await counts(t)).calls).toBe(before.calls + 2);
  });

  it('tolerates a byte-order mark and a blank last line', async () => {
    const res = await postCsv(analyst, `\uFEFF${csvOf([csvRow()])}\r\n`);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await bodyAs(res, ImportResult)).toEqual({ created: { calls: 1, ministries: 0, officials: 0 } });
  });

  it('refuses an empty file, a header without rows, ragged rows and broken CSV', async () => {
    const before = await counts(t);
    await expectProblem(await postCsv(analyst, ''), 422);
    await expectProblem(await postCsv(analyst, `${HEADER}\r\n`), 422);
    await expectProblem(await postJson(analyst, []), 422);
    await expectProblem(await postJson(analyst, { rows: [] }), 422);
    const ragged = await bodyAs(await postCsv(analyst, `${csvOf([csvRow(), csvRow()])}"a","b"\r\n`), ImportProblem);
    expect(ragged.errors).toEqual([{ row: 3, column: null, path: 'rows.3', message: `has 2 cells; the header has ${TRANSFER_COLUMNS.length}` }]);
    const broken = await postCsv(analyst, `${csvOf([csvRow()])}"unclosed,quote\r\n`);
    expect((await expectProblem(broken, 422)).errors).toHaveLength(1);
    await expectProblem(await analyst.request('/api/import', { method: 'POST', body: '[{', headers: { 'content-type': 'application/json' } }), 400);
    expect(await counts(t)).toEqual(before);
  });

  it('is for analysts: a viewer gets 403 and nothing is stored', async () => {
    const before = await counts(t);
    await expectProblem(await postCsv(viewer, csvOf([csvRow()])), 403);
    await expectProblem(await t.request('/api/import', { method: 'POST', body: csvOf([csvRow()]), headers: { 'content-type': 'text/csv' } }), 401);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const big = csvOf(Array.from({ length: 1 }, () => csvRow({ notes: 'x'.repeat(1024 * 1024) })));
    await expectProblem(await postCsv(analyst, big), 413);
  });
});
