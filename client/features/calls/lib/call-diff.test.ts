import { describe, expect, it } from 'vitest';
import { makeCall } from '#client/test/fixtures.ts';
import type { Call } from '#shared/schemas/calls.ts';
import { changedFields, compareConflict, diffSnapshots, rebasePatch } from './call-diff.ts';

const party = (id: string) => ({ id, name: id, title: 'Minister', timeZone: 'UTC', ministry: { id: 'm', name: 'M', shortName: 'M', country: 'US' } });

const base: Call = makeCall({
  caller: party('kerry'),
  callee: party('lavrov'),
  placedAt: '2013-02-12T14:30:00Z',
  topic: 'North Korea',
  createdAt: '2013-02-12T15:00:00Z',
  updatedAt: '2013-02-12T15:00:00Z',
  createdBy: 'ana',
});

describe('diffSnapshots', () => {
  it('lists only the fields that changed, in form order, ignoring bookkeeping', () => {
    const after = { ...base, topic: 'DPRK test', notes: 'Via embassy', version: 2, updatedAt: '2013-02-13T00:00:00Z' };
    expect(diffSnapshots(base, after)).toEqual([
      { field: 'topic', before: 'North Korea', after: 'DPRK test' },
      { field: 'notes', before: null, after: 'Via embassy' },
    ]);
  });

  it('treats the same instant written differently as no change', () => {
    expect(diffSnapshots({ placedAt: '2013-02-12T14:30:00Z' }, { placedAt: '2013-02-12T17:30:00.000+03:00' })).toEqual([]);
  });

  it('shows every recorded field of a creation and of a deletion', () => {
    expect(diffSnapshots(null, { topic: 'x', status: 'awaiting' })).toEqual([
      { field: 'topic', before: null, after: 'x' },
      { field: 'status', before: null, after: 'awaiting' },
    ]);
    expect(diffSnapshots({ topic: 'x' }, null)).toEqual([{ field: 'topic', before: 'x', after: null }]);
  });

  it('keeps fields it does not know, after the known ones', () => {
    expect(diffSnapshots({ name: 'A', topic: 'a' }, { name: 'B', topic: 'b' }).map((c) => c.field)).toEqual(['topic', 'name']);
  });
});

describe('changedFields', () => {
  it('keeps only edited values and turns empty text into null', () => {
    expect(changedFields({ ...base, notes: 'old' }, { topic: 'North Korea', notes: '', channel: 'video', placedAt: '2013-02-12T14:30:00.000Z' })).toEqual({
      notes: null,
      channel: 'video',
    });
  });
});

describe('compareConflict and rebasePatch', () => {
  const theirs: Call = { ...base, version: 2, topic: 'DPRK nuclear test', notes: 'Lavrov travelling in Africa' };

  it('sorts each field into mine, theirs, both and same', () => {
    const mine = { topic: 'North Korean test', channel: 'video' as const, notes: 'Lavrov travelling in Africa' };
    const rows = compareConflict(base, mine, theirs);
    expect(rows.map((r) => [r.field, r.kind])).toEqual([
      ['channel', 'mine'],
      ['topic', 'both'],
      ['notes', 'same'],
    ]);
    const topic = rows.find((r) => r.field === 'topic');
    expect(topic).toMatchObject({ base: 'North Korea', mine: 'North Korean test', theirs: 'DPRK nuclear test' });
  });

  it('reports a field only the other writer changed', () => {
    const rows = compareConflict(base, { channel: 'video' }, theirs);
    expect(rows.filter((r) => r.kind === 'theirs').map((r) => r.field)).toEqual(['topic', 'notes']);
  });

  it('re-applies the analyst’s changes, letting them keep the other value where both changed', () => {
    const rows = compareConflict(base, { topic: 'North Korean test', channel: 'video' }, theirs);
    expect(rebasePatch(rows, new Set())).toEqual({ topic: 'North Korean test', channel: 'video' });
    expect(rebasePatch(rows, new Set(['topic']))).toEqual({ channel: 'video' });
  });

  it('re-applies a cleared field as null', () => {
    const rows = compareConflict({ ...base, source: 'https://example.org' }, { source: null }, { ...theirs, source: 'https://example.org' });
    expect(rebasePatch(rows, new Set())).toEqual({ source: null });
  });
});
