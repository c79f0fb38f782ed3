import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PHONE, apiFromPage, screenshot, seriousA11yViolations } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];
let ministry: { id: string; name: string };
let caller: { id: string };
let callee: { id: string };

const bellCount = async () => Number((await page.getByTestId('bell-count').textContent({ timeout: 100 }).catch(() => '0')) ?? 0);

describe('alerts: a rule, a call that crosses it, the bell', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    ministry = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of Norway', shortName: 'MFA Norway', country: 'NO' });
    const state = await ensureMinistry(page, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
    caller = await ensureOfficial(page, { name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' });
    callee = await ensureOfficial(page, { name: 'Espen Barth Eide', title: 'Minister of Foreign Affairs', ministryId: ministry.id, timeZone: 'Europe/Oslo' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a rule on the Alert rules page', async () => {
    await page.goto('/alerts');
    await page.getByRole('heading', { name: 'Alert rules' }).waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Norway over an hour');
    await dialog.getByLabel('When').selectOption('wait_exceeds');
    await dialog.getByLabel('Hours').fill('');
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    await dialog.getByText('is required').waitFor();
    await dialog.getByLabel('Hours').fill('1');
    await dialog.getByLabel('Ministry').selectOption(ministry.id);
    await screenshot(page, 'alerts-rule-dialog');
    await dialog.getByRole('button', { name: 'Create rule' }).click();
    const rule = page.locator('.rule').filter({ hasText: 'Norway over an hour' });
    await rule.waitFor();
    expect(await rule.textContent()).toContain('Has not fired yet');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('counts the notification on the bell, live, and links it to the call', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: /^Notifications/ }).waitFor();
    const before = await bellCount();
    const placedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const promisedBy = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const call = await apiFromPage<{ id: string }>(page, '/calls', { method: 'POST', json: { callerId: caller.id, calleeId: callee.id, placedAt, channel: 'phone', topic: 'Two hours without a word', promisedBy } });
    // No reload: the event stream brings it.
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="bell-count"]')?.textContent ?? 0) === n, before + 1, { timeout: 10_000 });
    const row = page.getByRole('listitem').filter({ hasText: 'Two hours without a word' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/promised by \w{3} \d\d:\d\d Oslo time — [\d.]+ h left/);

    await page.getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const item = panel.getByRole('link', { name: /Espen Barth Eide \(MFA Norway\) has not replied to John Kerry's call for 1 h/ });
    await item.first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'alerts-bell-desktop');
    await item.first().click();
    await page.waitForURL(`**/calls/${call.id}`);
    await page.getByText('Callback promised by').waitFor();
    await page.locator('.promise-note').filter({ hasText: 'promised by' }).first().waitFor();
    await screenshot(page, 'alerts-call-page');
    // Opening it marked it read.
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="bell-count"]')?.textContent ?? 0) === n, before, { timeout: 10_000 });

    await page.goto('/alerts');
    const rule = page.locator('.rule').filter({ hasText: 'Norway over an hour' });
    await rule.getByText(/Last fired/).waitFor();
    await screenshot(page, 'alerts-rules-desktop');
  });

  it('pauses the rule and shows both screens on a phone and in the dark', async () => {
    const rule = page.locator('.rule').filter({ hasText: 'Norway over an hour' });
    await rule.getByRole('button', { name: /^Pause/ }).click();
    await rule.getByText('Paused').waitFor();
    await page.setViewportSize(PHONE);
    await screenshot(page, 'alerts-rules-phone');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('region', { name: 'Notifications' }).waitFor();
    await screenshot(page, 'alerts-bell-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'alerts-bell-phone-dark');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'alerts-rules-desktop-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
});
