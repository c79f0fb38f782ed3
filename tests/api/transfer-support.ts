import { expect } from 'vitest';
import { TRANSFER_COLUMNS, type TransferColumn } from '#shared/schemas/transfer.ts';
import type { TestApp, TestUser } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';

export const NOW = '2013-02-18T12:00:00Z';
export const HEADER = TRANSFER_COLUMNS.join(',');
export const TRICKY_NOTES = 'He said "not now", then, after a pause,\r\nhung up.\nSecond line';

/** The story's four calls, each through POST /api/calls so they are stored exactly as the API stores them. */
export async function seedStory(t: TestApp, analyst: TestUser) {
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

export function postCsv(user: TestUser, csv: string | Uint8Array<ArrayBuffer>, query = '') {
  return user.request(`/api/import${query}`, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
}

export function postJson(user: TestUser, json: unknown, query = '') {
  return user.request(`/api/import${query}`, { method: 'POST', json });
}

export async function counts(t: TestApp) {
  const count = async (table: 'calls' | 'ministries' | 'officials' | 'history') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { calls: await count('calls'), ministries: await count('ministries'), officials: await count('officials'), history: await count('history') };
}

/** A valid CSV row of the import format, with any cells replaced. */
export function csvRow(cells: Partial<Record<TransferColumn, string>> = {}): Record<string, string> {
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
export function csvOf(rows: Record<string, string>[], columns: readonly string[] = TRANSFER_COLUMNS): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  return [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** The bytes of an answer, so a byte-order mark is seen (Response.text() drops it). */
export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}
