import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiFromPage, screenshot, seriousA11yViolations, DESKTOP, PHONE } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];

describe('officials and ministries', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const state = await ensureMinistry(page, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
    await ensureOfficial(page, { name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a ministry, naming the country of its code', async () => {
    await page.goto('/ministries');
    await page.getByRole('heading', { name: 'Ministries', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New ministry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ministry' });
    await dialog.getByRole('button', { name: 'Add ministry' }).click();
    // The shared schema's messages, beside their fields.
    expect(await dialog.locator('.field-error').allTextContents()).toEqual(['Must not be empty.', 'Must not be empty.', expect.stringMatching(/ISO 3166-1 alpha-2/)]);
    await dialog.getByLabel('Name', { exact: true }).fill('Ministry of Foreign Affairs of the Republic of Korea');
    await dialog.getByLabel('Short name').fill('ROK MOFA');
    await dialog.getByLabel('Country code').fill('kr');
    await dialog.getByText('South Korea').waitFor();
    await screenshot(page, 'ministry-form-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add ministry' }).click();
    await page.getByRole('heading', { name: 'ROK MOFA', level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'Details' }).textContent()).toContain('South Korea (KR)');
  });

  it('adds an official to it with a time zone chosen by typing a city', async () => {
    await page.getByRole('button', { name: 'Add an official to this ministry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New official' });
    await dialog.getByRole('button', { name: 'Add official' }).click();
    await dialog.getByText('Must not be empty.').first().waitFor();
    // The ministry's country has one zone: it is suggested, so no error for it.
    expect(await dialog.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Asia/Seoul');
    await dialog.getByLabel('Name').fill('Kim Sung-hwan');
    await dialog.getByLabel('Title').fill('Minister of Foreign Affairs and Trade');
    expect(await dialog.getByLabel('Ministry').inputValue()).not.toBe('');
    const zone = dialog.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('seoul');
    await page.getByRole('option', { name: /Asia\/Seoul/ }).click();
    expect(await zone.inputValue()).toBe('Asia/Seoul');
    await dialog.getByRole('button', { name: 'Add official' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const officials = page.getByRole('region', { name: 'Officials' });
    const row = officials.getByRole('row').filter({ hasText: 'Kim Sung-hwan' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\d\d:\d\d in Seoul, (night|morning|afternoon|evening)/);
  });

  it('shows an official’s contact history and their calls', async () => {
    const kerry = (await apiFromPage<{ items: { id: string; name: string }[] }>(page, '/officials?q=John%20Kerry')).items[0]!;
    const kim = (await apiFromPage<{ items: { id: string }[] }>(page, '/officials?q=Kim%20Sung-hwan')).items[0]!;
    const log = (placedAt: string, extra: Record<string, unknown>) =>
      apiFromPage(page, '/calls', { method: 'POST', json: { callerId: kerry.id, calleeId: kim.id, placedAt, channel: 'phone', topic: 'Coordinating after the test', ...extra } });
    await log('2013-02-12T12:00:00Z', { status: 'answered' });
    await log('2013-02-15T12:00:00Z', {});

    await page.goto(`/officials/${kim.id}`);
    await page.getByRole('heading', { name: 'Kim Sung-hwan', level: 1 }).waitFor();
    const contacts = page.getByRole('table', { name: /Contact history/ });
    const kerryRow = contacts.getByRole('row').filter({ hasText: 'John Kerry' });
    await kerryRow.waitFor();
    const cells = await kerryRow.getByRole('cell').allTextContents();
    expect(cells.slice(1, 5)).toEqual(['2 (0 placed, 2 received)', '1', '1 open', expect.stringContaining('12 Feb 2013')]);
    await page.getByRole('table', { name: /Recent calls/ }).getByRole('link', { name: 'Coordinating after the test' }).first().waitFor();
    expect(await page.getByRole('region', { name: 'Details' }).textContent()).toMatch(/in Seoul/);
    await screenshot(page, 'official-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The ministry's page lists the open call to it.
    await page.getByRole('link', { name: 'Ministry of Foreign Affairs of the Republic of Korea' }).click();
    const open = page.getByRole('region', { name: 'Open calls to ROK MOFA' });
    await open.getByRole('link', { name: 'Coordinating after the test' }).waitFor();
    expect(await open.getByRole('timer').textContent()).toMatch(/^\d+d \d\dh \d\dm \d\ds$/);
    await screenshot(page, 'ministry-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('searches the lists, and looks right at both widths', async () => {
    await page.goto('/officials');
    await page.getByRole('searchbox', { name: 'Search name or title' }).fill('kerry');
    await page.waitForURL(/q=kerry/);
    await page.getByRole('link', { name: 'John Kerry' }).waitFor();
    await page.getByRole('link', { name: 'Kim Sung-hwan' }).waitFor({ state: 'detached' });
    await page.getByRole('searchbox', { name: 'Search name or title' }).fill('');
    await page.getByRole('link', { name: 'Kim Sung-hwan' }).waitFor();
    await screenshot(page, 'officials-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto('/ministries');
    await page.getByRole('link', { name: 'ROK MOFA' }).waitFor();
    await screenshot(page, 'ministries-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.setViewportSize(PHONE);
    await screenshot(page, 'ministries-phone');
    await page.getByRole('link', { name: 'ROK MOFA' }).click();
    await page.getByRole('heading', { name: 'ROK MOFA', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Open calls to ROK MOFA' }).getByRole('link').first().waitFor();
    await screenshot(page, 'ministry-phone');
    await page.goto('/officials');
    await page.getByRole('link', { name: 'Kim Sung-hwan' }).waitFor();
    await screenshot(page, 'officials-phone');
    await page.getByRole('link', { name: 'Kim Sung-hwan' }).click();
    await page.getByRole('table', { name: /Contact history/ }).getByRole('row').nth(1).waitFor();
    await screenshot(page, 'official-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    expect(problems).toEqual([]);
  });
});
