import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, apiFromPage, newContext, screenshot, seriousA11yViolations } from './support/browser.ts';
import { logIn } from './support/accounts.ts';
import { apiWithHeaders, ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];

/** Words that only this file's calls carry, so the Calls filter selects exactly them. */
const MARKER = 'Round-trip check';

interface StoredCall {
  id: string;
  topic: string;
  version: number;
}

let calls: StoredCall[] = [];

async function chooseFile(path: string) {
  await page.getByLabel('File', { exact: true }).setInputFiles(path);
}

describe('export a filtered view, import it twice: the second import adds nothing', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const korea = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs and Trade of the Republic of Korea', shortName: 'MOFAT Korea', country: 'KR' });
    const russia = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' });
    const yun = await ensureOfficial(page, { name: 'Yun Byung-se', title: 'Minister of Foreign Affairs', ministryId: korea.id, timeZone: 'Asia/Seoul' });
    const lavrov = await ensureOfficial(page, { name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', ministryId: russia.id, timeZone: 'Europe/Moscow' });
    const post = (placedAt: string, topic: string, extra: Record<string, unknown> = {}) =>
      apiFromPage<StoredCall>(page, '/calls', { method: 'POST', json: { callerId: yun.id, calleeId: lavrov.id, placedAt, channel: 'phone', topic, ...extra } });
    calls = [
      await post('2013-02-20T06:00:00Z', `${MARKER}: Japan–U.S. “alliance” talk`, { status: 'answered' }),
      await post('2013-02-20T07:00:00Z', `${MARKER}: =HYPERLINK("x") is text`, { notes: '-not a formula\nsecond line' }),
      await post('2013-02-20T08:00:00Z', `${MARKER}: follow-up`),
    ];
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('exports the calls the Calls page shows, as CSV with a byte-order mark', async () => {
    await page.goto(`/calls?q=${encodeURIComponent(MARKER)}`);
    const table = page.getByRole('table', { name: 'Calls matching the filters' });
    await table.getByRole('link', { name: `${MARKER}: follow-up` }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^readout-calls-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').filter((line) => line.includes(MARKER))).toHaveLength(3);
    expect(text).toContain('Japan–U.S.');
    expect(text).toContain(`"'-not a formula`);
    await screenshot(page, 'calls-export-desktop');
    (globalThis as { exportedFile?: string }).exportedFile = path;
  });

  it('checks the file, imports it, and imports it again with nothing added', async () => {
    const file = (globalThis as { exportedFile?: string }).exportedFile!;
    // The calls go, so the first import has something to bring back (with their ids).
    for (const call of calls) {
      const gone = await apiWithHeaders(page, `/calls/${call.id}`, { method: 'DELETE', headers: { 'If-Match': `"${call.version}"` } });
      expect(gone.status).toBe(204);
    }

    await page.goto('/data');
    await page.getByRole('heading', { name: 'Import', exact: true }).waitFor();
    await chooseFile(file);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('Checked: nothing is stored yet').waitFor();
    expect(await page.getByText(/^Importing this file would add 3 calls\.$/).count()).toBe(1);
    await screenshot(page, 'data-dry-run-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Nothing was stored by the check.
    expect((await apiFromPage<{ items: unknown[] }>(page, `/calls?q=${encodeURIComponent(MARKER)}`)).items).toHaveLength(0);

    await page.getByRole('button', { name: 'Import these calls' }).click();
    await page.getByText('Imported 3 calls.').waitFor();
    const back = await apiFromPage<{ items: StoredCall[] }>(page, `/calls?q=${encodeURIComponent(MARKER)}&order=asc`);
    expect(back.items.map((c) => c.id)).toEqual(calls.map((c) => c.id));
    expect(back.items.map((c) => c.topic)).toEqual(calls.map((c) => c.topic));

    await chooseFile(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Nothing new: all 3 rows of the file are already stored.').waitFor();
    await screenshot(page, 'data-reimport-desktop');
    expect((await apiFromPage<{ items: unknown[] }>(page, `/calls?q=${encodeURIComponent(MARKER)}`)).items).toHaveLength(3);
  });

  it('shows a refused file’s problems by spreadsheet line', async () => {
    const file = (globalThis as { exportedFile?: string }).exportedFile!;
    const broken = `${readFileSync(file, 'utf8').replace(',phone,', ',fax,')}`;
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const table = page.getByRole('table', { name: 'Problems found in the file' });
    await table.waitFor();
    expect(await table.getByRole('row').nth(1).textContent()).toBe('2channelmust be one of phone, video, message, in_person or other (not "fax")');
    await screenshot(page, 'data-errors-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('reads well on a phone, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await newContext(browser, baseUrl, PHONE, { colorScheme });
      const phone = await context.newPage();
      await logIn(phone, baseUrl);
      await phone.goto('/data');
      await phone.getByRole('heading', { name: 'Import', exact: true }).waitFor();
      await phone.getByLabel('File', { exact: true }).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('placedAt\r\nx\r\n') });
      await phone.getByRole('button', { name: 'Import', exact: true }).click();
      await phone.getByRole('table', { name: 'Problems found in the file' }).waitFor();
      await screenshot(phone, `data-phone-${colorScheme}`);
      expect(await seriousA11yViolations(phone)).toEqual([]);
      await phone.goto(`/calls?q=${encodeURIComponent(MARKER)}`);
      await phone.getByRole('link', { name: 'Export CSV' }).waitFor();
      await screenshot(phone, `calls-export-phone-${colorScheme}`);
      await context.close();
    }
  });

  it('logs no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
