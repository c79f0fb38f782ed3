import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ExportRows, ImportResult, TRANSFER_COLUMNS } from '#shared/schemas/transfer.ts';
import { RoundDetail, RoundList } from '#shared/schemas/rounds.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { NOW, csvOf, csvRow, postCsv } from './transfer-support.ts';
import { seedParties } from '../support/fixtures.ts';

describe('rounds in export and import', async () => {
  const source = await createTestApp({ now: NOW });
  const analyst = await source.createUser('analyst');
  const p = await seedParties(source);
  const { kerry, lavrov, kishida, yang } = p.officials;
  const round = await bodyAs(
    await analyst.request('/api/rounds', {
      method: 'POST',
      json: { title: 'DPRK nuclear test', trigger: "North Korea's third nuclear test", triggerAt: '2013-02-12T02:57:51Z', initiatorId: kerry.id, calls: [{ calleeId: kishida.id, placedAt: '2013-02-12T14:00:00Z' }, { calleeId: lavrov.id, placedAt: '2013-02-12T15:00:00Z' }] },
    }),
    RoundDetail,
  );
  const lavrovCall = round.calls.find((c) => c.calleeId === lavrov.id)!;
  await analyst.request(`/api/calls/${lavrovCall.id}/attempts`, { method: 'POST', json: { at: '2013-02-14T09:00:00Z', channel: 'phone' } });
  await analyst.request('/api/calls', { method: 'POST', json: { callerId: kerry.id, calleeId: yang.id, placedAt: '2013-02-13T09:00:00Z', channel: 'video', topic: 'Outside any round' } });

  it('exports round, attempts and lastAttemptAt right after calleeCountry', async () => {
    const at = TRANSFER_COLUMNS.indexOf('calleeCountry');
    expect(TRANSFER_COLUMNS.slice(at, at + 6)).toEqual(['calleeCountry', 'round', 'attempts', 'lastAttemptAt', 'promisedBy', 'acknowledgedAt']);
    const rows = await bodyAs(await analyst.request('/api/export?format=json'), ExportRows);
    expect(rows.map((r) => [r.calleeName, r.round, r.attempts, r.lastAttemptAt])).toEqual([
      ['Fumio Kishida', 'DPRK nuclear test', 1, '2013-02-12T14:00:00.000Z'],
      ['Sergei Lavrov', 'DPRK nuclear test', 2, '2013-02-14T09:00:00.000Z'],
      ['Yang Jiechi', null, 1, '2013-02-13T09:00:00.000Z'],
    ]);
    const csv = parse(await (await analyst.request('/api/export?format=csv')).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.round, r.attempts])).toEqual([['DPRK nuclear test', '1'], ['DPRK nuclear test', '2'], ['', '1']]);
    // The export of one round.
    expect((await bodyAs(await analyst.request(`/api/export?format=json&roundId=${round.id}`), ExportRows)).length).toBe(2);
  });

  for (const format of ['csv', 'json'] as const) {
    it(`recreates the rounds in an empty instance, ignoring the attempt columns (${format})`, async () => {
      const file = await (await analyst.request(`/api/export?format=${format}`)).arrayBuffer();
      const target = await createTestApp({ now: NOW });
      const importer = await target.createUser('analyst');
      const res = await importer.request('/api/import', { method: 'POST', body: file, headers: { 'content-type': format === 'csv' ? 'text/csv' : 'application/json' } });
      expect(res.status, await res.clone().text()).toBe(201);
      expect((await bodyAs(res, ImportResult)).created.calls).toBe(3);
      const rounds = await bodyAs(await importer.request('/api/rounds'), RoundList);
      expect(rounds.items.map((r) => [r.title, r.trigger, r.summary.calls, r.summary.awaiting])).toEqual([['DPRK nuclear test', 'DPRK nuclear test', 2, 2]]);
      const rows = await bodyAs(await importer.request('/api/export?format=json'), ExportRows);
      expect(rows.map((r) => [r.id, r.round, r.attempts])).toEqual([
        [round.calls.find((c) => c.calleeId === kishida.id)!.id, 'DPRK nuclear test', 1],
        [lavrovCall.id, 'DPRK nuclear test', 1],
        [expect.any(String), null, 1],
      ]);
      const history = await target.db.selectFrom('history').select(['entity_type', 'actor']).where('entity_type', '=', 'round').execute();
      expect(history).toEqual([{ entity_type: 'round', actor: importer.username }]);
    });
  }

  it('puts a row in the stored round of its title, creates a missing one, and stores nothing on a dry run', async () => {
    const t = await createTestApp({ now: NOW });
    const importer = await t.createUser('analyst');
    await seedParties(t);
    const existing = await bodyAs(await importer.request('/api/rounds', { method: 'POST', json: { title: 'Known round', trigger: 'Something' } }), RoundDetail);
    const file = csvOf([csvRow({ topic: 'a', round: 'Known round' }), csvRow({ topic: 'b', round: 'New round' }), csvRow({ topic: 'c', round: 'New round' }), csvRow({ topic: 'd' })]);
    const dry = await bodyAs(await postCsv(importer, file, '?dryRun=true'), ImportResult);
    expect(dry.created.calls).toBe(4);
    expect((await bodyAs(await importer.request('/api/rounds'), RoundList)).items).toHaveLength(1);
    expect((await postCsv(importer, file)).status).toBe(201);
    const rounds = await bodyAs(await importer.request('/api/rounds'), RoundList);
    expect(rounds.items.map((r) => [r.title, r.summary.calls]).sort()).toEqual([['Known round', 1], ['New round', 2]]);
    expect(rounds.items.find((r) => r.title === 'Known round')!.id).toBe(existing.id);
    await expectProblem(await postCsv(importer, csvOf([csvRow({ topic: 'e', round: 'x'.repeat(201) })])), 422, ['rows.1.round']);
  });
});
