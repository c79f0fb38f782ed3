import { copyFileSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, SCREENSHOT_DIR, apiFromPage, screenshot, seriousA11yViolations, DESKTOP } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];
let roundUrl = '';
const TRIGGER = 'Rounds check: the third nuclear test';

/** The round's screenshots, also where the helpers' notes keep them. */
async function shot(name: string) {
  await screenshot(page, name);
  try {
    mkdirSync('/work/helpers/shots', { recursive: true });
    copyFileSync(`${SCREENSHOT_DIR}/${name}.png`, `/work/helpers/shots/${name}.png`);
  } catch {
    // Elsewhere than the helpers' machine: screenshots/ has them.
  }
}

describe('outreach rounds: log one in one go, follow it, try again without resetting the wait', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const us = await ensureMinistry(page, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
    const jp = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of Japan', shortName: 'MOFA Japan', country: 'JP' });
    const kr = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs and Trade of the Republic of Korea', shortName: 'MOFAT Korea', country: 'KR' });
    const ru = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' });
    await ensureOfficial(page, { name: 'John Kerry', title: 'Secretary of State', ministryId: us.id, timeZone: 'America/New_York' });
    await ensureOfficial(page, { name: 'Fumio Kishida', title: 'Minister for Foreign Affairs', ministryId: jp.id, timeZone: 'Asia/Tokyo' });
    await ensureOfficial(page, { name: 'Yun Byung-se', title: 'Minister of Foreign Affairs', ministryId: kr.id, timeZone: 'Asia/Seoul' });
    await ensureOfficial(page, { name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', ministryId: ru.id, timeZone: 'Europe/Moscow' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const pick = async (label: string, text: string, option: RegExp) => {
    await page.getByRole('combobox', { name: label, exact: true }).fill(text);
    await page.getByRole('option', { name: option }).first().click();
  };

  it('logs a round of three callees from the nav', async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rounds' }).waitFor();
    await page.getByRole('link', { name: 'Log a round' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Log a round' }).waitFor();
    await page.getByLabel('Trigger').fill(TRIGGER);
    // Three hours ago, so the timers have something to show.
    await page.getByLabel('When it happened').fill(await page.evaluate(() => {
      const d = new Date(Date.now() - 3 * 3_600_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    }));
    await pick('Who reached out', 'Kerry', /John Kerry/);
    await pick('Callee 1', 'Kishida', /Fumio Kishida/);
    await pick('Callee 2', 'Yun', /Yun Byung-se/);
    // The same callee twice is named on its row, and nothing is sent.
    await pick('Callee 3', 'Kishida', /Fumio Kishida/);
    await page.getByRole('button', { name: 'Log round' }).click();
    await page.getByText('Is already called in this round.').waitFor();
    await page.getByRole('combobox', { name: 'Callee 3', exact: true }).fill('');
    await pick('Callee 3', 'Lavrov', /Sergei Lavrov/);
    await shot('rounds-log-desktop-light');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Log round' }).click();
    await page.getByRole('heading', { level: 1, name: TRIGGER }).waitFor();
    roundUrl = new URL(page.url()).pathname;
    expect(roundUrl).toMatch(/^\/rounds\/[\w-]+$/);
  });

  it('shows the round’s page: the headline, live timers and the timeline', async () => {
    await page.getByText(/^0 of 3 replied; .* still awaiting after 3 hours/).waitFor();
    const timers = page.getByRole('table').getByRole('timer');
    expect(await timers.count()).toBe(3);
    const first = await timers.first().textContent();
    await page.waitForTimeout(1_300);
    expect(await timers.first().textContent()).not.toBe(first);
    await page.locator('.round-timeline .recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('.round-timeline .recharts-reference-line').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('link', { name: 'Response times of this round' }).getAttribute('href')).toMatch(/^\/stats\?roundId=/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('records a reply on one call, and an attempt on another whose timer keeps its value', async () => {
    const roundId = roundUrl.split('/').pop()!;
    await page.goto(`/?roundId=${roundId}`);
    const rows = page.locator('.board-row');
    await rows.nth(2).waitFor();
    // A reply for Kishida.
    const kishida = rows.filter({ hasText: 'Fumio Kishida' });
    await kishida.getByRole('button', { name: /Record outcome/ }).click();
    await page.getByRole('dialog', { name: 'Record the outcome' }).getByRole('button', { name: /Returned/ }).click();
    await kishida.waitFor({ state: 'detached' });

    // Another try to reach Lavrov: the wait still runs from the first.
    const lavrov = rows.filter({ hasText: 'Sergei Lavrov' });
    const before = await lavrov.getByRole('timer').textContent();
    expect(before).toMatch(/^[23]h \d\dm \d\ds$/);
    await lavrov.getByRole('button', { name: /Tried again/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Tried again' });
    await dialog.getByLabel('Channel').selectOption('message');
    await dialog.getByLabel('Note').fill('Left a message with his office');
    await dialog.getByRole('button', { name: 'Record attempt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await lavrov.getByText('2nd attempt just now').waitFor();
    const after = await lavrov.getByRole('timer').textContent();
    // Not reset to 0h 00m: the same hours as before.
    expect(after!.split(' ')[0]).toBe(before!.split(' ')[0]);
    expect(after).not.toMatch(/^0h 0[01]m/);

    // The round's page follows: one reply, Lavrov tried twice.
    await page.goto(roundUrl);
    await page.getByText(/^1 of 3 replied, median .*; .* still awaiting after 3 hours/).waitFor();
    await page.getByRole('table').getByText('2nd attempt just now').waitFor();
    // The call's page lists the tries.
    await page.getByRole('table').getByRole('link', { name: 'Sergei Lavrov' }).click();
    await page.getByText('Left a message with his office').waitFor();
  });

  it('lists the round with its progress, and is screenshotted at both widths, light and dark', async () => {
    for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      await page.setViewportSize(viewport);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto('/rounds');
        await page.getByText(/3 called · 1 replied · 2 awaiting \d+ h/).first().waitFor();
        await shot(`rounds-list-${width}-${scheme}`);
        await page.goto(roundUrl);
        await page.locator('.round-timeline .recharts-bar-rectangle').first().waitFor();
        await page.waitForTimeout(300);
        await shot(`rounds-page-${width}-${scheme}`);
        const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(wider, `${width} ${scheme}`).toBeLessThanOrEqual(0);
      }
    }
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: 'light' });
    const rounds = await apiFromPage<{ items: { title: string }[] }>(page, '/rounds?open=true');
    expect(rounds.items.some((r) => r.title === TRIGGER)).toBe(true);
    expect(problems).toEqual([]);
  });
});
