import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '#server/config.ts';
import { exportChunks } from '#server/features/transfer/export.ts';
import { ExportRows, TRANSFER_COLUMNS } from '#shared/schemas/transfer.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { HEADER, NOW, TRICKY_NOTES, bytesOf, seedStory } from './transfer-support.ts';

const BOM = [0xef, 0xbb, 0xbf];

describe('GET /api/export', async () => {
  const t = await createTestApp({ now: NOW });
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');
  await seedStory(t, analyst);

  it('answers CSV that begins with a UTF-8 byte-order mark, then the exact header, CRLF line ends and a dated attachment', async () => {
    const res = await viewer.request('/api/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="readout-calls-2013-02-18.csv"');
    const bytes = await bytesOf(res);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parse(text, { bom: true }) as string[][];
    expect(records).toHaveLength(5);
    expect(records.every((r) => r.length === TRANSFER_COLUMNS.length)).toBe(true);
  });

  it('keeps the byte-order mark when the export is empty, and writes it once however many pages', async () => {
    const empty = await bytesOf(await viewer.request('/api/export?format=csv&from=2020-01-01T00:00:00Z'));
    expect([...empty.subarray(0, 3)]).toEqual(BOM);
    const deps = { db: t.db, dialect: t.dialect, clock: t.clock, config: defaultConfig() };
    let text = '';
    for await (const chunk of exportChunks(deps, { format: 'csv' }, 1)) text += chunk;
    expect(text.split('\uFEFF')).toHaveLength(2);
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

  it('answers JSON: an array of rows with null for empty, no byte-order mark', async () => {
    const res = await viewer.request('/api/export?format=json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="readout-calls-2013-02-18.json"');
    expect((await bytesOf(res.clone()))[0]).toBe('['.charCodeAt(0));
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

  it('keeps the column order of SPEC.md', () => {
    expect(TRANSFER_COLUMNS).toEqual([
      'id', 'placedAt', 'channel', 'topic', 'notes', 'source', 'status', 'respondedAt', 'closedAt', 'responseMs',
      'callerName', 'callerTitle', 'callerTimeZone', 'callerMinistry', 'callerMinistryShortName', 'callerCountry',
      'calleeName', 'calleeTitle', 'calleeTimeZone', 'calleeMinistry', 'calleeMinistryShortName', 'calleeCountry',
      'round', 'attempts', 'lastAttemptAt',
      'promisedBy', 'acknowledgedAt',
    ]);
  });

  it('takes the filters of GET /api/calls', async () => {
    const rows = await bodyAs(await viewer.request('/api/export?format=json&status=awaiting,declined&from=2013-02-13T00:00:00Z'), ExportRows);
    expect(rows.map((r) => r.status)).toEqual(['declined', 'awaiting']);
    const text = await viewer.request('/api/export?format=csv&q=sanctions');
    expect((parse(await text.text(), { bom: true, columns: true }) as unknown[]).length).toBe(1);
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
      const whole = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await bytesOf(await viewer.request(`/api/export?format=${format}`)));
      if (format === 'json') expect(JSON.parse(text)).toEqual(JSON.parse(whole));
      else expect(text).toBe(whole);
    }
  });
});
