import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiFromPage, screenshot, seriousA11yViolations, PHONE } from './support/browser.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];

describe('settings: waiting-time colours and the theme', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const ministry = await apiFromPage<{ id: string }>(page, '/ministries', { method: 'POST', json: { name: 'Ministry of Foreign Affairs of Brazil', shortName: 'Itamaraty', country: 'BR' } });
    const official = (name: string, timeZone: string) => apiFromPage<{ id: string }>(page, '/officials', { method: 'POST', json: { name, title: 'Minister', ministryId: ministry.id, timeZone } });
    const [a, b] = [await official('Antonio Patriota', 'America/Sao_Paulo'), await official('Luiz Figueiredo', 'America/Sao_Paulo')];
    const placedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await apiFromPage(page, '/calls', { method: 'POST', json: { callerId: a.id, calleeId: b.id, placedAt, channel: 'video', topic: 'Two hours of silence' } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('turns a row amber at the threshold the analyst sets, kept across reloads', async () => {
    await page.goto('/settings');
    await page.getByLabel('Red after (hours)').fill('0.5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Must be more than the amber threshold.').waitFor();
    await page.getByLabel('Amber after (hours)').fill('1');
    await page.getByLabel('Red after (hours)').fill('100');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Rows now turn amber after 1 h or 9 working h, and red after 100 h or 27 working h.').waitFor();
    await screenshot(page, 'settings-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto('/');
    const row = page.getByRole('listitem').filter({ hasText: 'Two hours of silence' });
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('level-amber');
    expect(await row.textContent()).toContain('over 1 h');
  });

  it('switches to the dark theme and keeps it', async () => {
    await page.goto('/settings');
    await page.getByLabel('Dark').check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'settings-phone-dark');
    await page.getByLabel('As the system').check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
