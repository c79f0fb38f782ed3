import { describe, expect, it } from 'vitest';
import type { Absence } from '#shared/schemas/availability.ts';
import { absenceBodyFromForm } from './absences.tsx';

const stored: Absence = {
  id: 'a1',
  officialId: 'lavrov',
  from: '2013-02-14T06:00:00.000Z',
  to: '2013-02-18T18:00:00.000Z',
  reason: 'Travelling in Africa',
  source: 'https://example.org/readout',
  createdAt: '2013-02-13T00:00:00.000Z',
  updatedAt: '2013-02-13T00:00:00.000Z',
};
const local = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

describe('the absence form', () => {
  it('refuses an end before the start, naming it, and a missing reason', () => {
    const result = absenceBodyFromForm({ from: local(stored.from), to: local('2013-02-13T00:00:00Z'), reason: ' ', source: '' });
    expect(result).toEqual({ ok: false, errors: { reason: 'Must not be empty.', to: 'Must be after from.' } });
  });

  it('sends the whole absence when adding, only what changed when editing (an emptied source is cleared)', () => {
    const added = absenceBodyFromForm({ from: local(stored.from), to: local(stored.to), reason: 'Travelling in Africa', source: '' });
    expect(added.ok && Date.parse((added.body as { from: string }).from)).toBe(Date.parse(stored.from));
    expect(added.ok && (added.body as { source?: string }).source).toBeUndefined();
    expect(absenceBodyFromForm({ from: local(stored.from), to: local(stored.to), reason: 'Travelling in Africa', source: '' }, stored)).toEqual({ ok: true, body: { source: null } });
  });
});
