import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, screenshot, seriousA11yViolations } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];

const isFocused = (page: Page, label: string) => page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

describe('the log form: on to the next field after adding an official, a suggested time zone, and no half-filled form lost', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const state = await ensureMinistry(page, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
    await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of Japan', shortName: 'MOFA Japan', country: 'JP' });
    await ensureOfficial(page, { name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds the callee inline, with the zone of the ministry’s country, and moves on to “Placed at”', async () => {
    await page.goto('/log');
    await page.getByRole('combobox', { name: 'Caller' }).fill('Kerr');
    await page.getByRole('option', { name: /John Kerry/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Callee' }).fill('Akitaka Saiki');
    await page.getByRole('option', { name: 'New official “Akitaka Saiki”…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New official' });
    // The dialog starts on its first field, not on its close button.
    expect(await dialog.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await dialog.getByLabel('Title').fill('Vice-Minister for Foreign Affairs');
    await dialog.getByRole('combobox', { name: 'Ministry' }).fill('MOFA Japan');
    await page.getByRole('option', { name: /^MOFA Japan/ }).click();
    const zone = dialog.getByRole('combobox', { name: 'Time zone' });
    await expect.poll(() => zone.inputValue()).toBe('Asia/Tokyo');
    await dialog.getByText('Suggested from the ministry’s country (Japan)', { exact: false }).waitFor();
    await screenshot(page, 'log-inline-official-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add official' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('combobox', { name: 'Callee' }).inputValue()).toBe('Akitaka Saiki');
    await expect.poll(() => isFocused(page, 'Placed at')).toBe(true);
  });

  it('asks before leaving the half-filled form, and keeps it when the analyst stays', async () => {
    await page.getByLabel('Topic').fill('Trilateral call on North Korea');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board' }).click();
    const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
    await ask.waitFor();
    expect(await ask.getByRole('button', { name: 'Stay and finish' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'log-leave-question-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Stay and finish' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/log');
    expect(await page.getByLabel('Topic').inputValue()).toBe('Trilateral call on North Korea');

    // Reloading gets the browser's own question; dismissing it keeps the page.
    let asked = '';
    page.once('dialog', (question) => {
      asked = question.type();
      void question.dismiss();
    });
    await page.reload({ timeout: 3_000 }).catch(() => undefined);
    expect(asked).toBe('beforeunload');
    expect(await page.getByLabel('Topic').inputValue()).toBe('Trilateral call on North Korea');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calls' }).waitFor();
  });

  it('lets a logged call go without asking', async () => {
    await page.goto('/log');
    await page.getByRole('combobox', { name: 'Caller' }).fill('Kerr');
    await page.getByRole('option', { name: /John Kerry/ }).click();
    await page.getByRole('combobox', { name: 'Callee' }).fill('Akitaka Sai');
    await page.getByRole('option', { name: /Akitaka Saiki/ }).click();
    await page.getByLabel('Topic').fill('Trilateral call on North Korea');
    await page.getByRole('button', { name: 'Log call', exact: true }).click();
    await page.getByRole('heading', { name: 'Awaiting callback' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Leave without saving?' }).count()).toBe(0);
  });

  it('reads well on a phone, light and dark', async () => {
    await page.setViewportSize(PHONE);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto('/log');
      await page.getByLabel('Topic').fill('Half-filled');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
      await page.getByRole('dialog', { name: 'Leave without saving?' }).waitFor();
      await screenshot(page, `log-leave-question-phone-${colorScheme}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Leave without saving' }).click();
      await page.getByRole('heading', { level: 1, name: 'Calls' }).waitFor();
    }
  });

  it('logs no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});
