import { describe, expect, it } from 'vitest';
import { Call } from '#shared/schemas/calls.ts';
import { ExportRows, ImportProblem, ImportResult, TRANSFER_COLUMNS } from '#shared/schemas/transfer.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';
import { HEADER, NOW, counts, csvOf, csvRow, postCsv, postJson, seedStory } from './transfer-support.ts';

describe('export, then import into a fresh database', async () => {
  const source = await createTestApp({ now: NOW });
  const analyst = await source.createUser('analyst');
  await seedStory(source, analyst);

  for (const format of ['csv', 'json'] as const) {
    it(`reproduces the same calls, ids included (${format})`, async () => {
      const file = await (await analyst.request(`/api/export?format=${format}`)).arrayBuffer();
      const target = await createTestApp({ now: NOW });
      const importer = await target.createUser('analyst');
      const res = await importer.request('/api/import', { method: 'POST', body: file, headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/json' } });
      expect(res.status, await res.clone().text()).toBe(201);
      expect(await bodyAs(res, ImportResult)).toEqual({ dryRun: false, rows: 4, created: { calls: 4, ministries: 5, officials: 5 }, skipped: { calls: 0 } });

      const before = await bodyAs(await analyst.request('/api/export?format=json'), ExportRows);
      const after = await bodyAs(await importer.request('/api/export?format=json'), ExportRows);
      expect(after).toEqual(before);
      // A second round gives the very same file, byte for byte.
      const again = await (await importer.request(`/api/export?format=${format}`)).arrayBuffer();
      expect(Buffer.from(again).equals(Buffer.from(file))).toBe(true);

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
      // A new ministry and official, named twice: added once. The first mention need not give the details a later one gives.
      csvRow({ calleeName: 'Laurent Fabius', calleeTitle: '', calleeTimeZone: '', calleeMinistry: 'Ministère des Affaires étrangères', calleeMinistryShortName: '', calleeCountry: 'FR', topic: 'Mali', status: 'withdrawn', closedAt: '2013-02-16T00:00:00Z' }),
      csvRow({ calleeName: 'Laurent Fabius', calleeTitle: 'Minister of Foreign Affairs', calleeTimeZone: 'Europe/Paris', calleeMinistry: 'Ministère des Affaires étrangères', calleeMinistryShortName: 'MAE France', calleeCountry: 'FR', status: 'returned', respondedAt: '2013-02-15T10:00:00+01:00' }),
    ]);
    const res = await postCsv(analyst, file);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await bodyAs(res, ImportResult)).toEqual({ dryRun: false, rows: 3, created: { calls: 3, ministries: 1, officials: 2 }, skipped: { calls: 0 } });
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
    expect(Call.parse(JSON.parse(history.after!)).createdBy).toBe(analyst.username);
  });

  it('stores all or nothing: one bad row among good ones is a 422 naming its line (header = line 1) and column', async () => {
    const before = await counts(t);
    const file = csvOf([csvRow({ topic: 'a' }), csvRow({ placedAt: '2013-02-30T08:00:00Z', calleeName: 'Nobody New', calleeMinistry: 'New Ministry', calleeCountry: 'DE' }), csvRow({ topic: 'b' })]);
    const res = await postCsv(analyst, file);
    const problem = await bodyAs(res, ImportProblem);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.errors).toContainEqual({ row: 2, line: 3, column: 'placedAt', path: 'rows.2.placedAt', message: expect.stringContaining('ISO 8601') });
    expect(problem.errors!.every((e) => e.line === 3)).toBe(true);
    expect(problem.detail).toMatch(/^Nothing was imported: line 3: placedAt must be/);
    expect(await counts(t)).toEqual(before);
  });

  it('counts lines as a spreadsheet shows them: a cell with line breaks is one line, a blank line is one', async () => {
    const rows = csvOf([csvRow({ notes: 'one\r\ntwo\r\nthree', topic: 'c' }), csvRow({ channel: 'fax' })]).split('\r\n');
    // header, the row with line breaks, then a blank line, then the bad row
    const file = [rows[0], rows[1], rows[2], rows[3], '', rows[4], ''].join('\r\n');
    const problem = await bodyAs(await postCsv(analyst, file), ImportProblem);
    expect(problem.errors).toEqual([{ row: 2, line: 4, column: 'channel', path: 'rows.2.channel', message: 'must be one of phone, video, message, in_person or other (not "fax")' }]);
  });

  it('lists every problem, not just the first, in plain words with the rule of POST /calls', async () => {
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
      csvRow({ status: 'pending' }),
    ]);
    const res = await postCsv(analyst, file);
    expect(res.status).toBe(422);
    const problem = await bodyAs(res, ImportProblem);
    const places = problem.errors!.map((e) => `${e.line}:${e.column}`);
    expect(places).toEqual(
      expect.arrayContaining(['2:channel', '3:calleeName', '4:respondedAt', '5:placedAt', '6:closedAt', '7:calleeTitle', '7:calleeTimeZone', '8:topic', '8:calleeCountry', '9:calleeMinistryShortName', '10:status']),
    );
    // In file order.
    expect(problem.errors!.map((e) => e.line)).toEqual([...problem.errors!.map((e) => e.line!)].sort((a, b) => a - b));
    expect(problem.errors!.find((e) => e.line === 5)!.message).toMatch(/future/);
    const status = problem.errors!.find((e) => e.line === 10)!;
    expect(status.message).toBe('must be one of awaiting, answered, returned, declined or withdrawn (not "pending")');
    expect(problem.errors!.find((e) => e.line === 8 && e.column === 'topic')!.message).toBe('must not be empty');
    // No validation library's own wording reaches the person.
    for (const e of problem.errors!) expect(e.message, `${e.line} ${e.column}`).not.toMatch(/Invalid|expected|received|\|/);
    expect(await counts(t)).toEqual(before);
  });

  it('says what a new party needs only once the whole file is read, at the first row that names it', async () => {
    const file = csvOf([
      csvRow({ calleeName: 'New Person', calleeTitle: '', calleeTimeZone: '', calleeMinistry: 'Brand New Ministry', calleeMinistryShortName: '', calleeCountry: 'DE' }),
      csvRow({ calleeName: 'New Person', calleeTitle: 'Minister', calleeTimeZone: '', calleeMinistry: 'Brand New Ministry', calleeMinistryShortName: '', calleeCountry: 'DE' }),
    ]);
    const problem = await bodyAs(await postCsv(analyst, file), ImportProblem);
    expect(problem.errors!.map((e) => `${e.line}:${e.column}`)).toEqual(['2:calleeTimeZone', '2:calleeMinistryShortName']);
  });

  it('stops at 200 problems, and says it stopped', async () => {
    const problem = await bodyAs(await postCsv(analyst, csvOf(Array.from({ length: 250 }, () => csvRow({ channel: 'fax' })))), ImportProblem);
    expect(problem.status).toBe(422);
    expect(problem.errors).toHaveLength(200);
    expect(problem.detail).toContain('checking stopped after the first 200 problems');
  });

  it('refuses unknown, repeated and missing columns, naming them on line 1', async () => {
    const row = csvRow();
    const unknown = await bodyAs(await postCsv(analyst, csvOf([{ ...row, remarks: 'x' }], [...TRANSFER_COLUMNS, 'remarks'])), ImportProblem);
    expect(unknown.status).toBe(422);
    expect(unknown.errors).toEqual([{ row: null, line: 1, column: 'remarks', path: 'columns.remarks', message: 'is not a column of the import format' }]);

    const columns = TRANSFER_COLUMNS.filter((c) => c !== 'placedAt' && c !== 'calleeCountry');
    const missing = await bodyAs(await postCsv(analyst, csvOf([row], columns)), ImportProblem);
    expect(missing.status).toBe(422);
    expect(missing.errors!.map((e) => e.path)).toEqual(['columns.placedAt', 'columns.calleeCountry']);

    const twice = await bodyAs(await postCsv(analyst, csvOf([row], [...TRANSFER_COLUMNS, 'topic'])), ImportProblem);
    expect(twice.errors!.map((e) => e.path)).toEqual(['columns.topic']);

    const unnamed = await bodyAs(await postCsv(analyst, csvOf([row], [...TRANSFER_COLUMNS, ''])), ImportProblem);
    expect(unnamed.errors).toEqual([{ row: null, line: 1, column: null, path: '', message: `column ${TRANSFER_COLUMNS.length + 1} of the header has no name` }]);

    const json = await bodyAs(await postJson(analyst, [{ ...row, remarks: 'x' }]), ImportProblem);
    expect(json.errors).toEqual([{ row: 1, line: 1, column: 'remarks', path: 'rows.1.remarks', message: 'is not a column of the import format' }]);
  });

  it('gives JSON problems the text line where the item begins', async () => {
    const body = `[\n  ${JSON.stringify(csvRow({ topic: 'x1' }))},\n  {\n    "placedAt": "2013-02-15T08:00:00Z",\n    "channel": 42\n  }\n]`;
    const problem = await bodyAs(await analyst.request('/api/import', { method: 'POST', body, headers: { 'content-type': 'application/json' } }), ImportProblem);
    const channel = problem.errors!.find((e) => e.column === 'channel')!;
    expect(channel).toMatchObject({ row: 2, line: 3, message: 'must be one of phone, video, message, in_person or other (not "42")' });
    expect(problem.errors!.find((e) => e.column === 'topic')).toMatchObject({ line: 3, message: 'is required' });
  });

  it('takes only the required columns, and ignores responseMs', async () => {
    const before = await counts(t);
    const minimal = ['placedAt', 'channel', 'topic', 'callerName', 'callerMinistry', 'callerCountry', 'calleeName', 'calleeMinistry', 'calleeCountry'];
    const res = await postCsv(analyst, csvOf([csvRow({ topic: 'minimal' })], minimal));
    expect(res.status, await res.clone().text()).toBe(201);
    const json = await postJson(analyst, [{ ...csvRow({ topic: 'json' }), id: null, responseMs: 'nonsense', notes: null, status: null }]);
    expect(json.status, await json.clone().text()).toBe(201);
    expect((await counts(t)).calls).toBe(before.calls + 2);
  });

  it('takes a file with or without a byte-order mark, and a blank last line', async () => {
    for (const [bom, topic] of [['\uFEFF', 'with a mark'], ['', 'without a mark']] as const) {
      const res = await postCsv(analyst, `${bom}${csvOf([csvRow({ topic })])}\r\n`);
      expect(res.status, await res.clone().text()).toBe(201);
      expect(await bodyAs(res, ImportResult)).toMatchObject({ created: { calls: 1, ministries: 0, officials: 0 } });
    }
    const json = await analyst.request('/api/import', { method: 'POST', body: `\uFEFF${JSON.stringify([csvRow({ topic: 'json with a mark' })])}`, headers: { 'content-type': 'application/json' } });
    expect(json.status, await json.clone().text()).toBe(201);
  });

  it('refuses an empty file, a header without rows, ragged rows, broken CSV and broken JSON, naming the line', async () => {
    const before = await counts(t);
    await expectProblem(await postCsv(analyst, ''), 422);
    await expectProblem(await postCsv(analyst, `${HEADER}\r\n`), 422);
    await expectProblem(await postJson(analyst, []), 422);
    await expectProblem(await postJson(analyst, { rows: [] }), 422);
    const ragged = await bodyAs(await postCsv(analyst, `${csvOf([csvRow(), csvRow()])}"a","b"\r\n`), ImportProblem);
    expect(ragged.errors).toEqual([{ row: 3, line: 4, column: null, path: 'rows.3', message: `has 2 cells; the header has ${TRANSFER_COLUMNS.length}` }]);
    const broken = await bodyAs(await postCsv(analyst, `${csvOf([csvRow()])}"unclosed,quote\r\n`), ImportProblem);
    expect(broken.errors).toEqual([{ row: null, line: 3, column: null, path: '', message: 'has a quoted cell that is never closed: a " is missing' }]);
    const latin1 = await bodyAs(await postCsv(analyst, new Uint8Array([...Buffer.from(`${HEADER}\r\n`), 0xe9, 0x0d, 0x0a])), ImportProblem);
    expect(latin1.errors![0]!.message).toMatch(/not UTF-8/);
    const json = await expectProblem(await analyst.request('/api/import', { method: 'POST', body: '[{"a":\n1}\n x', headers: { 'content-type': 'application/json' } }), 400);
    expect(json.errors).toEqual([expect.objectContaining({ line: 3, message: 'is not valid JSON here' })]);
    await expectProblem(await analyst.request('/api/import', { method: 'POST', body: '[{', headers: { 'content-type': 'application/json' } }), 400);
    expect(await counts(t)).toEqual(before);
  });

  it('is for analysts: a viewer gets 403 and nothing is stored', async () => {
    const before = await counts(t);
    await expectProblem(await postCsv(viewer, csvOf([csvRow()])), 403);
    await expectProblem(await t.request('/api/import', { method: 'POST', body: csvOf([csvRow()]), headers: { 'content-type': 'text/csv' } }), 401);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a row longer than any call needs, without reading it whole', async () => {
    const long = await bodyAs(await postCsv(analyst, csvOf([csvRow({ notes: 'x'.repeat(600 * 1024) })])), ImportProblem);
    expect(long.status).toBe(422);
    expect(long.errors![0]).toMatchObject({ line: 2, message: expect.stringMatching(/longer than/) });
    const json = await bodyAs(await postJson(analyst, [{ ...csvRow(), notes: 'x'.repeat(600 * 1024) }]), ImportProblem);
    expect(json.errors![0]).toMatchObject({ line: 1, message: expect.stringMatching(/longer than/) });
  });
});

