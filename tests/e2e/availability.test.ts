import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, apiFromPage, screenshot, seriousA11yViolations } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];
let pandor: { id: string };
let dirco: { id: string };

/** A datetime-local value in the browser's own zone, `hours` from now. */
const localInput = (hours: number) =>
  page.evaluate((h) => {
    const d = new Date(Date.now() + h * 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, hours);

describe('counterpart availability', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const state = await ensureMinistry(page, { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' });
    const kerry = await ensureOfficial(page, { name: 'John Kerry', title: 'Secretary of State', ministryId: state.id, timeZone: 'America/New_York' });
    dirco = await ensureMinistry(page, { name: 'Department of International Relations and Cooperation', shortName: 'DIRCO', country: 'ZA' });
    pandor = await ensureOfficial(page, { name: 'Maite Nkoana-Mashabane', title: 'Minister of International Relations', ministryId: dirco.id, timeZone: 'Africa/Johannesburg' });
    await apiFromPage(page, '/calls', {
      method: 'POST',
      json: { callerId: kerry.id, calleeId: pandor.id, placedAt: new Date(Date.now() - 74 * 3_600_000).toISOString(), channel: 'phone', topic: 'Great Lakes peace talks' },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds an absence on the official’s page and shows them away now', async () => {
    await page.goto(`/officials/${pandor.id}`);
    await page.getByRole('heading', { name: 'Absences' }).waitFor();
    await page.getByRole('button', { name: 'Add an absence' }).click();
    const dialog = page.getByRole('dialog', { name: /Absence of/ });
    await dialog.getByLabel('Reason').fill('Travelling in Africa');
    // To before from is refused beside its field, and nothing is sent.
    await dialog.getByLabel('From').fill(await localInput(-24));
    await dialog.getByLabel('To').fill(await localInput(-48));
    await dialog.getByRole('button', { name: 'Add absence' }).click();
    await dialog.getByText('Must be after from.').waitFor();
    await dialog.getByLabel('To').fill(await localInput(72));
    await dialog.getByLabel('Source').fill('https://www.dirco.gov.za/travel');
    await dialog.getByRole('button', { name: 'Add absence' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Away now' }).waitFor();
    await screenshot(page, 'official-absences-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows on the board that the callee is away, why, until when, and the source', async () => {
    await page.goto('/');
    const row = page.locator('.board-row', { hasText: 'Maite Nkoana-Mashabane' });
    await row.waitFor();
    await row.getByText('Away', { exact: true }).waitFor();
    await row.getByText(/Travelling in Africa until \d+ \w{3}/).waitFor();
    expect(await row.getByRole('link', { name: 'source' }).getAttribute('href')).toBe('https://www.dirco.gov.za/travel');
    // Both clocks beside the timer: 74 h on the wall, less in working time.
    const clocks = await row.locator('.two-clocks').textContent();
    expect(clocks).toMatch(/^7[45] h · \d+ working h$/);
    await screenshot(page, 'board-availability-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'board-availability-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'board-availability-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DESKTOP);
  });

  it('edits the ministry’s hours with a lunch break, and lists its next holidays', async () => {
    await page.goto(`/ministries/${dirco.id}`);
    await page.getByRole('heading', { name: 'Working hours and holidays' }).waitFor();
    await page.getByRole('heading', { name: 'Next holidays' }).waitFor();
    await page.getByRole('button', { name: 'Edit hours and holidays' }).click();
    const dialog = page.getByRole('dialog', { name: /Working hours of/ });
    await dialog.getByLabel('Monday, span 1, to').fill('13:00');
    await dialog.getByRole('button', { name: 'Add a span on Monday' }).click();
    await dialog.getByLabel('Monday, span 2, from').fill('14:00');
    await dialog.getByLabel('Monday, span 2, to').fill('18:00');
    await dialog.getByLabel('Tuesday, span 1, to').fill('25:00');
    await dialog.getByRole('button', { name: 'Save hours' }).click();
    await dialog.getByText(/from 00:00 to 24:00/).first().waitFor();
    await screenshot(page, 'ministry-hours-editor-desktop');
    await dialog.getByLabel('Tuesday, span 1, to').fill('18:00');
    await dialog.getByRole('button', { name: 'Save hours' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /Monday 09:00–13:00, 14:00–18:00/ }).waitFor();
    await screenshot(page, 'ministry-hours-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('switches the response times to the counterpart’s working hours', async () => {
    await page.goto('/stats');
    await page.getByRole('button', { name: 'Counterpart’s working hours' }).click();
    await page.waitForURL(/clock=working/);
    await page.getByText('Every figure here counts only the part of each wait').waitFor();
    await page.getByRole('columnheader', { name: '≤ 24 working h' }).waitFor();
    await screenshot(page, 'stats-working-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
