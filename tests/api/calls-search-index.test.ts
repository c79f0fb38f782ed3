import { describe, expect, it } from 'vitest';
import { CallList } from '#shared/schemas/calls.ts';
import { containsText, trigramIndexServes, trigramQuery } from '#server/lib/search.ts';
import { bodyAs, createTestApp } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

// q= goes through an index (SQLite FTS5 trigram, PostgreSQL pg_trgm): its
// answers must be exactly those of the scan it replaced, which is
// lower(topic or notes) contains lower(q), run here without the index as the oracle.
describe('calls: text search through the index', async () => {
  const t = await createTestApp({ now: '2013-03-01T00:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov } = p.officials;
  const viewer = await t.createUser('viewer');
  const analyst = await t.createUser('analyst');
  const texts: [string, string | null][] = [
    ['Ceasefire negotiations in Gaza', 'Asked to call back after the CEASEFIRE vote'],
    ['Встреча в Москве', 'Лавров перезвонит'],
    ['ΟΔΟΣ and the Greek ministry', null],
    ['Straße und Übergang', 'Café crème, naïve'],
    ['50% of the talk was Syria', 'snake_case and "quoted" words'],
    ['İstanbul talks', 'Kelvin sign: \u212A and Ångström'],
    ['Short', 'ab'],
    ['日本との電話会談', '北朝鮮の核実験'],
    // Holds every trigram of "bcabc" (bca, cab, abc) but not the text: the index finds it, the LIKE drops it.
    ['Memo abcab', null],
  ];
  const ids = await insertCalls(
    t,
    texts.map(([topic, notes], i) => ({ callerId: kerry.id, calleeId: lavrov.id, placedAt: `2013-02-${String(10 + i).padStart(2, '0')}T12:00:00Z`, topic, notes })),
  );
  // The scan as it was: containsText over every call, no index.
  const oracle = async (q: string) =>
    (await t.db.selectFrom('calls').select('id').where(containsText(['calls.topic', 'calls.notes'], q)).orderBy('placed_at', 'desc').execute()).map((r) => r.id);
  const search = async (q: string) => (await bodyAs(await viewer.request(`/api/calls?limit=500&q=${encodeURIComponent(q)}`), CallList)).items.map((c) => c.id);

  const queries = ['ceasefire', 'CEASE', 'fire vote', 'москв', 'ЛАВРОВ', 'οδος', 'ΟΔΟΣ', 'straße', 'ÜBER', 'café', 'naïve', '50%', '0% o', 'snake_', '"quoted"', 'istanbul', 'i̇stanbul', 'kelvin', 'ångström', 'ab', 'sh', 'syr', 'nothing here', '電話会', '核実験', 'の', 'bcabc', 'abcab'];

  it('finds exactly what reading every call finds', async () => {
    for (const q of queries) expect(await search(q), q).toEqual(await oracle(q));
  });

  it('uses the index for three or more Latin, Greek or Cyrillic characters only', () => {
    expect(trigramIndexServes('ceasefire')).toBe(true);
    expect(trigramIndexServes('москв')).toBe(true);
    expect(trigramIndexServes('ab')).toBe(false);
    expect(trigramIndexServes('電話会')).toBe(false);
    expect(trigramIndexServes('i̇st')).toBe(false);
  });

  it('asks the index for every distinct trigram of the text, quoted', () => {
    expect(trigramQuery('abcab')).toBe('"abc" AND "bca" AND "cab"');
    expect(trigramQuery('fire cea')).toBe('"fir" AND "ire" AND "re " AND "e c" AND " ce" AND "cea"');
    expect(trigramQuery('a"b"c')).toBe('"a""b" AND """b""" AND "b""c"');
    expect(trigramQuery('лавр')).toBe('"лав" AND "авр"');
  });

  it('follows a changed topic and a deleted call', async () => {
    const res = await analyst.request(`/api/calls/${ids[0]}`, { method: 'PATCH', headers: { 'If-Match': '"1"' }, json: { topic: 'Truce talks', notes: null } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await search('ceasefire')).toEqual([]);
    expect(await search('truce')).toEqual([ids[0]]);
    const gone = await analyst.request(`/api/calls/${ids[0]}`, { method: 'DELETE', headers: { 'If-Match': '"2"' } });
    expect(gone.status).toBe(204);
    expect(await search('truce')).toEqual([]);
  });
});
