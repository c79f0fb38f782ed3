import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, apiFromPage, screenshot, seriousA11yViolations } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
/** Where the printed briefing is kept to be looked at (SHOTS_DIR; by default the e2e screenshots folder). */
const SHOTS = process.env.BRIEFING_SHOTS_DIR;
let browser: Browser;
let page: Page;
let problems: string[];

describe('the briefing page', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const state = await ensureMinistry(page, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
    const ru = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' });
    const kerry = await ensureOfficial(page, { name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' });
    const lavrov = await ensureOfficial(page, { name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', ministryId: ru.id, timeZone: 'Europe/Moscow' });
    const placedAt = new Date(Date.now() - 26 * 3_600_000).toISOString();
    await apiFromPage(page, '/calls', { method: 'POST', json: { callerId: kerry.id, calleeId: lavrov.id, placedAt, channel: 'phone', topic: 'Briefing: still no call back' } });
    const replied = new Date(Date.now() - 5 * 3_600_000).toISOString();
    await apiFromPage(page, '/calls', {
      method: 'POST',
      json: { callerId: kerry.id, calleeId: lavrov.id, placedAt: replied, channel: 'phone', topic: 'Briefing: called back', status: 'returned', respondedAt: new Date(Date.now() - 3_600_000).toISOString() },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads each open call and each reply of the day as a sentence, with its round and a copy button', async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Briefing' }).click();
    await page.getByRole('heading', { name: 'Briefing', level: 1 }).waitFor();
    const open = page.getByRole('region', { name: /Still awaiting a call back/ });
    const sentence = open.getByText(/^No\. Secretary Kerry's call to Foreign Minister Lavrov \(MFA Russia\), placed .* has waited 1 day 2 hours;/).first();
    await sentence.waitFor();
    const replied = page.getByRole('region', { name: /Replied in the last 24 hours/ });
    await replied.getByText(/^Yes\. Foreign Minister Lavrov returned Secretary Kerry's call on .*, 4 hours after it was placed/).first().waitFor();
    const item = open.getByRole('listitem').filter({ hasText: /Secretary Kerry's call to Foreign Minister Lavrov \(MFA Russia\), placed .* has waited 1 day 2 hours;/ }).first();
    expect(await item.textContent()).toMatch(/No round|Round: /);
    await item.getByRole('button', { name: 'Copy sentence' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'briefing-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'briefing-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'briefing-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('prints without the navigation and the buttons', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Copy sentence' }).first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByText(/^No\. Secretary Kerry's call/).first().isVisible()).toBe(true);
    await screenshot(page, 'briefing-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${SHOTS}/briefing.pdf`, pdf);
    }
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  });
});
