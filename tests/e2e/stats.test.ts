import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiFromPage, screenshot, seriousA11yViolations, DESKTOP, PHONE } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];
let nzId: string;

const HOUR = 3_600_000;
// One instant for every record, so a call's placed and reply times are whole hours apart even when a millisecond passes between them.
const loadedAt = Date.now();
const hoursAgo = (h: number) => new Date(loadedAt - h * HOUR).toISOString();

/** The texts of a chart's SVG, e.g. its category axis labels and legend. */
async function chartTexts(chart: string): Promise<string[]> {
  return page.locator(`[data-chart="${chart}"] svg text, [data-chart="${chart}"] .recharts-legend-item-text`).allTextContents();
}

describe('the Response times page', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));

    // Three ministries with records of their own, logged after the fact. The other
    // e2e files share the database, so only these names are asserted.
    const state = await ensureMinistry(page, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
    const nz = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs and Trade', shortName: 'NZ MFAT', country: 'NZ' });
    nzId = nz.id;
    const germany = await ensureMinistry(page, { name: 'Federal Foreign Office', shortName: 'German FFO', country: 'DE' });
    const uk = await ensureMinistry(page, { name: 'Foreign and Commonwealth Office', shortName: 'UK FCO', country: 'GB' });
    const kerry = await ensureOfficial(page, { name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' });
    const mccully = await ensureOfficial(page, { name: 'Murray McCully', title: 'Minister of Foreign Affairs', ministryId: nz.id, timeZone: 'Pacific/Auckland' });
    const westerwelle = await ensureOfficial(page, { name: 'Guido Westerwelle', title: 'Foreign Minister', ministryId: germany.id, timeZone: 'Europe/Berlin' });
    const hague = await ensureOfficial(page, { name: 'William Hague', title: 'Foreign Secretary', ministryId: uk.id, timeZone: 'Europe/London' });
    const call = (calleeId: string, placedH: number, outcome: { status?: string; afterH?: number } = {}) =>
      apiFromPage(page, '/calls', {
        method: 'POST',
        json: {
          callerId: kerry.id,
          calleeId,
          placedAt: hoursAgo(placedH),
          channel: 'phone',
          topic: 'Stats e2e',
          ...(outcome.status ? { status: outcome.status } : {}),
          ...(outcome.afterH !== undefined ? (outcome.status === 'withdrawn' ? { closedAt: hoursAgo(placedH - outcome.afterH) } : { respondedAt: hoursAgo(placedH - outcome.afterH) }) : {}),
        },
      });
    // New Zealand: quick replies (1–6 h), one still open. Germany: slower, one withdrawn. UK: two calls, too few to rank.
    for (const [h, after] of [[200, 1], [180, 2], [160, 3], [140, 4], [120, 6]] as const) await call(mccully.id, h, { status: 'returned', afterH: after });
    await call(mccully.id, 10);
    for (const [h, after] of [[300, 20], [260, 30], [220, 48], [150, 60]] as const) await call(westerwelle.id, h, { status: 'returned', afterH: after });
    await call(westerwelle.id, 100, { status: 'withdrawn', afterH: 50 });
    await call(westerwelle.id, 80);
    await call(hague.id, 50, { status: 'answered' });
    await call(hague.id, 30, { status: 'declined', afterH: 5 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the charts as SVG with the right groups', async () => {
    await page.goto('/stats');
    await page.getByRole('heading', { name: 'Response times' }).waitFor();
    await page.locator('[data-chart="medians"] svg').first().waitFor();
    const medians = await chartTexts('medians');
    expect(medians).toEqual(expect.arrayContaining(['NZ MFAT', 'German FFO', 'UK FCO (n=2)']));
    // The caller's side is never a group.
    expect(medians.join(' ')).not.toContain('State Dept');
    expect(await chartTexts('outcomes')).toEqual(expect.arrayContaining(['NZ MFAT', 'German FFO']));

    // The survival chart draws the busiest groups' curves; pick New Zealand and Germany if they are not drawn yet.
    for (const name of ['NZ MFAT', 'German FFO']) {
      const chip = page.locator('label.chip', { hasText: name });
      if (!(await chip.getAttribute('class'))?.includes('chip-on')) await chip.click();
    }
    await page.locator('[data-chart="survival"] .recharts-line').first().waitFor();
    expect(await chartTexts('survival')).toEqual(expect.arrayContaining(['NZ MFAT', 'German FFO']));
    expect(await page.locator('[data-chart="survival"] path.recharts-curve').count()).toBeGreaterThanOrEqual(2);
    await page.locator('[data-chart="trend"] svg').first().waitFor();
    expect(await chartTexts('trend')).toEqual(expect.arrayContaining(['NZ MFAT', 'German FFO']));

    // The table ranks New Zealand (survival median 3 h) ahead of Germany and leaves the UK unranked.
    const rows = page.locator('table.stats-table tbody tr');
    const nzRow = await rows.filter({ hasText: 'NZ MFAT' }).locator('td').allTextContents();
    const uk = await rows.filter({ hasText: 'UK FCO' }).locator('td').allTextContents();
    expect(nzRow[0]).not.toBe('—');
    expect(uk[0]).toBe('—');
    expect(problems).toEqual([]);
  });

  it('downloads the table as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('response-times-by-ministry.csv');
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('rank,key,label,calls,responded,awaiting,withdrawn,responseRate,medianResponseMs,p90ResponseMs,survivalMedianMs,survivalMedianCiLowerMs,survivalMedianCiUpperMs,replyWithin24hProbability,replyWithin72hProbability,smallSample');
    // New Zealand: 6 calls, 5 replied (1, 2, 3, 4, 6 h), 1 awaiting; median rank 3 → 3 h = 10800000 ms.
    const nzLine = lines.find((l) => l.includes(',NZ MFAT,'))!.split(',');
    expect(nzLine.slice(3, 7)).toEqual(['6', '5', '1', '0']);
    expect(nzLine[8]).toBe(String(3 * HOUR));
  });

  it('regroups by country', async () => {
    await page.getByRole('button', { name: 'Country' }).click();
    await page.waitForURL(/groupBy=country/);
    await page.locator('[data-chart="medians"] svg text', { hasText: 'New Zealand' }).first().waitFor();
    expect(await chartTexts('medians')).toEqual(expect.arrayContaining(['Germany', 'New Zealand']));
  });

  it('draws a ministry’s own curve on its page, with its open call on it', async () => {
    await page.goto(`/ministries/${nzId}`);
    await page.locator('[data-chart="survival"] .recharts-line').first().waitFor();
    expect(await chartTexts('survival')).toEqual(expect.arrayContaining(['NZ MFAT, all calls', 'Open calls now']));
    // New Zealand's one open call (10 h) waits longer than every reply (1–6 h): one dot on the curve.
    await page.locator('[data-chart="survival"] .recharts-scatter-symbol').first().waitFor();
    expect(await page.locator('[data-chart="survival"] .recharts-scatter-symbol').count()).toBe(1);
    await screenshot(page, 'ministry-response-times');
  });

  it('says on the board whether a wait is unusual', async () => {
    await page.goto('/');
    await page.getByPlaceholder('Filter by name, ministry, country or topic').fill('Murray McCully');
    // New Zealand: replies after 1, 2, 3, 4, 6 h and this call, open for 10 h. Kaplan–Meier: S = 5/6, 4/6,
    // 3/6 (median 3 h), 2/6, 1/6; at 10 h S = 1/6, so 5/6 = 83% of its calls had a reply sooner — and 10 h is
    // past every reply, where the share stays flat: the line says so (below 90%: not highlighted).
    const row = page.locator('.board-row', { hasText: 'Murray McCully' });
    await row.locator('.wait-context').waitFor();
    expect(await row.locator('.wait-context').getAttribute('title')).toBe(
      'This call has waited longer than any reply NZ MFAT has given: 83% of its calls got a reply sooner, the others never got one or are still waiting. Half of its calls got a reply within 3 h.',
    );
    expect(await row.locator('.wait-context-long').textContent()).toBe('longer than any reply');
    expect(await row.locator('.wait-context').getAttribute('class')).toBe('wait-context');
  });

  it('has no serious accessibility problems, and looks right on a laptop and a phone', async () => {
    await page.goto('/stats');
    await page.locator('[data-chart="survival"] .recharts-line').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The top of the page, then scrolled to the charts, at each size.
    const shoot = async (name: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, name);
      await page.evaluate(() => window.scrollTo(0, (document.getElementById('medians-title')?.getBoundingClientRect().top ?? 0) + window.scrollY - 80));
      await page.waitForTimeout(300);
      await screenshot(page, `${name}-charts`);
      await page.evaluate(() => window.scrollTo(0, (document.getElementById('survival-title')?.getBoundingClientRect().top ?? 0) + window.scrollY - 80));
      await page.waitForTimeout(300);
      await screenshot(page, `${name}-curves`);
    };
    await page.setViewportSize(DESKTOP);
    await shoot('stats-desktop');
    await page.setViewportSize(PHONE);
    await page.locator('[data-chart="medians"] svg').first().waitFor();
    await shoot('stats-phone');
    await page.setViewportSize(DESKTOP);
    expect(problems).toEqual([]);
  });
});
