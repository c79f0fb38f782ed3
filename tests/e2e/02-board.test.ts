import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiFromPage, screenshot, seriousA11yViolations, DESKTOP, PHONE } from './support/browser.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];

describe('logging a call and seeing it on the board', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    // The caller exists already; the callee is added inline through the form below.
    const state = await apiFromPage<{ id: string }>(page, '/ministries', { method: 'POST', json: { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' } });
    await apiFromPage(page, '/officials', { method: 'POST', json: { name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('logs a call by keyboard, adding the callee and their ministry inline', async () => {
    await page.keyboard.press('n');
    await page.getByRole('heading', { name: 'Log a call' }).waitFor();
    const caller = page.getByRole('combobox', { name: 'Caller' });
    expect(await caller.evaluate((el) => el === document.activeElement)).toBe(true);
    await caller.fill('Kerr');
    await page.getByRole('option', { name: /John Kerry/ }).waitFor();
    await page.keyboard.press('Enter');
    expect(await caller.inputValue()).toBe('John Kerry');

    const callee = page.getByRole('combobox', { name: 'Callee' });
    expect(await callee.evaluate((el) => el === document.activeElement)).toBe(true);
    await callee.fill('Sergei Lavrov');
    await page.getByRole('option', { name: 'New official “Sergei Lavrov”…' }).click();
    const officialDialog = page.getByRole('dialog', { name: 'New official' });
    expect(await officialDialog.getByLabel('Name', { exact: true }).inputValue()).toBe('Sergei Lavrov');
    await officialDialog.getByLabel('Title').fill('Minister of Foreign Affairs');
    await officialDialog.getByRole('combobox', { name: 'Ministry' }).fill('MFA Russia');
    await page.getByRole('option', { name: 'New ministry “MFA Russia”…' }).click();
    const ministryDialog = page.getByRole('dialog', { name: 'New ministry' });
    await ministryDialog.getByLabel('Name', { exact: true }).fill('Ministry of Foreign Affairs of the Russian Federation');
    await ministryDialog.getByLabel('Short name').fill('MFA Russia');
    await ministryDialog.getByLabel('Country code').fill('RU');
    await ministryDialog.getByRole('button', { name: 'Add ministry' }).click();
    await ministryDialog.waitFor({ state: 'hidden' });
    expect(await officialDialog.getByRole('combobox', { name: 'Ministry' }).inputValue()).toBe('MFA Russia');
    // Suggested from the new ministry's country.
    await expect.poll(() => officialDialog.getByLabel('Time zone').inputValue()).toBe('Europe/Moscow');
    await officialDialog.getByRole('button', { name: 'Add official' }).click();
    await officialDialog.waitFor({ state: 'hidden' });
    expect(await callee.inputValue()).toBe('Sergei Lavrov');

    // A missing topic is named beside its field, and nothing is sent.
    await page.getByRole('button', { name: 'Log call', exact: true }).click();
    await page.getByText('Must not be empty.').waitFor();
    await page.getByLabel('Topic').fill('North Korean nuclear test');
    await page.getByLabel('Source').fill('https://www.state.gov/readout');
    await screenshot(page, 'log-call-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // An impatient double click logs the call once (one Idempotency-Key per entry).
    await page.getByRole('button', { name: 'Log call', exact: true }).dblclick();
    await page.getByRole('heading', { name: 'Awaiting callback' }).waitFor();
    const logged = await apiFromPage<{ items: unknown[] }>(page, '/calls?q=North%20Korean');
    expect(logged.items).toHaveLength(1);
  });

  it('shows the call on the board with a ticking timer and the callee’s local time', async () => {
    const row = page.getByRole('listitem').filter({ hasText: 'Sergei Lavrov' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/John Kerry.*Sergei Lavrov/);
    expect(await row.textContent()).toMatch(/RU.*MFA Russia/);
    expect(await row.textContent()).toMatch(/\d\d:\d\d in Moscow, (night|morning|afternoon|evening)/);
    const timer = row.getByRole('timer');
    const first = await timer.textContent();
    await page.waitForTimeout(1_500);
    const second = await timer.textContent();
    expect(first).toMatch(/^\d+h \d\dm \d\ds$/);
    expect(second).not.toBe(first);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('looks right at desktop and phone width, light and dark', async () => {
    await addWaitingCalls(page);
    await page.reload();
    await page.getByRole('listitem').filter({ hasText: 'over 72 h' }).first().waitFor();
    await screenshot(page, 'board-desktop');
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(300);
    await screenshot(page, 'board-phone');
    await page.goto('/log');
    await page.getByRole('heading', { name: 'Log a call' }).waitFor();
    await screenshot(page, 'log-call-phone');
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await page.getByRole('listitem').first().waitFor();
    await screenshot(page, 'board-desktop-dark');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows another analyst’s new call without a reload', async () => {
    const officials = await apiFromPage<{ items: { id: string; name: string }[] }>(page, '/officials?limit=10');
    const [kerry, lavrov] = ['John Kerry', 'Sergei Lavrov'].map((name) => officials.items.find((o) => o.name === name)!);
    // Straight to the API, as another analyst's browser would: this page's cache knows nothing of it.
    await apiFromPage(page, '/calls', {
      method: 'POST',
      json: { callerId: kerry!.id, calleeId: lavrov!.id, placedAt: new Date().toISOString(), channel: 'message', topic: 'Logged elsewhere' },
    });
    await page.getByRole('listitem').filter({ hasText: 'Logged elsewhere' }).waitFor({ timeout: 20_000 });
  });

  it('records a callback in one click from the board, and the call leaves it', async () => {
    const row = page.getByRole('listitem').filter({ hasText: 'North Korean nuclear test' });
    await row.getByRole('button', { name: /Record outcome/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the outcome' });
    await dialog.waitFor();
    await screenshot(page, 'record-outcome-desktop');
    await dialog.getByRole('button', { name: /Returned/ }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('Recorded: Sergei Lavrov returned.').waitFor();
    const stored = await apiFromPage<{ items: { topic: string; status: string; respondedAt: string | null }[] }>(page, '/calls?q=North%20Korean');
    expect(stored.items[0]).toMatchObject({ status: 'returned' });
    expect(stored.items[0]?.respondedAt).not.toBeNull();
    expect(problems).toEqual([]);
  });

  it('undoes a wrong outcome from its confirmation: the call is back on the board, awaiting', async () => {
    const notice = page.locator('.notice', { hasText: 'Recorded: Sergei Lavrov returned.' });
    await screenshot(page, 'board-undo-desktop');
    await notice.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone: the call to Sergei Lavrov is awaiting a reply again.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'North Korean nuclear test' }).waitFor();
    const stored = await apiFromPage<{ items: { status: string; respondedAt: string | null }[] }>(page, '/calls?q=North%20Korean');
    expect(stored.items[0]).toMatchObject({ status: 'awaiting', respondedAt: null });
  });

  it('does not undo over a change made since by someone else, and says why', async () => {
    const row = page.getByRole('listitem').filter({ hasText: 'North Korean nuclear test' });
    await row.getByRole('button', { name: /Record outcome/ }).click();
    await page.getByRole('dialog', { name: 'Record the outcome' }).getByRole('button', { name: /Declined/ }).click();
    const notice = page.locator('.notice', { hasText: 'Recorded: Sergei Lavrov declined.' });
    await notice.waitFor();
    // Another analyst edits the call in the meantime, on top of the version the outcome produced.
    const status = await page.evaluate(async () => {
      const list = (await (await fetch('/api/calls?q=North%20Korean')).json()) as { items: { id: string; version: number }[] };
      const call = list.items[0]!;
      const res = await fetch(`/api/calls/${call.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': `"${call.version}"` },
        body: JSON.stringify({ notes: 'Declined through the embassy.' }),
      });
      return res.status;
    });
    expect(status).toBe(200);
    await notice.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Not undone: someone else changed the call to Sergei Lavrov after your outcome was recorded.', { exact: false }).waitFor();
    const stored = await apiFromPage<{ items: { status: string }[] }>(page, '/calls?q=North%20Korean');
    expect(stored.items[0]).toMatchObject({ status: 'declined' });
    await page.locator('.notice-error').getByRole('button', { name: 'Dismiss' }).click();
  });

  it('opens a call’s page from its row, by click and by Enter, while the row’s button still records', async () => {
    const row = page.getByRole('listitem').filter({ hasText: 'Logged elsewhere' });
    await row.locator('.topic').click();
    await page.waitForURL(/\/calls\/[^/]+$/);
    await page.getByRole('heading', { name: 'Logged elsewhere' }).waitFor();
    await page.goBack();
    await row.getByRole('link', { name: 'Sergei Lavrov' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/calls\/[^/]+$/);
    await page.goBack();
    await row.getByRole('button', { name: /Record outcome/ }).click();
    await page.getByRole('dialog', { name: 'Record the outcome' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/`);
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });
});

/** A few more open calls of different ages, so the colours show. */
async function addWaitingCalls(page: Page) {
  const officials = await apiFromPage<{ items: { id: string; name: string }[] }>(page, '/officials?limit=10');
  const kerry = officials.items.find((o) => o.name === 'John Kerry')!;
  const lavrov = officials.items.find((o) => o.name === 'Sergei Lavrov')!;
  const hours = [80, 30, 5];
  for (const h of hours) {
    const placedAt = new Date(Date.now() - h * 3_600_000 - 754_000).toISOString();
    await apiFromPage(page, '/calls', { method: 'POST', json: { callerId: kerry.id, calleeId: lavrov.id, placedAt, channel: 'phone', topic: `Follow-up on sanctions (${h} h)` } });
  }
}
