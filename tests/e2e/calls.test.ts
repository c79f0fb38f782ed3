import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiFromPage, screenshot, seriousA11yViolations, DESKTOP, PHONE } from './support/browser.ts';
import { apiWithHeaders, ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];

interface StoredCall {
  id: string;
  topic: string;
  notes: string | null;
  channel: string;
  status: string;
  version: number;
}

const OPEN_TOPIC = 'Six-party talks after the test';
let openCall: StoredCall;

describe('the call log, a call’s history, and an edit conflict', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));

    const japan = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of Japan', shortName: 'MOFA Japan', country: 'JP' });
    const china = await ensureMinistry(page, { name: "Ministry of Foreign Affairs of the People's Republic of China", shortName: 'China MFA', country: 'CN' });
    const kishida = await ensureOfficial(page, { name: 'Fumio Kishida', title: 'Minister for Foreign Affairs', ministryId: japan.id, timeZone: 'Asia/Tokyo' });
    const yang = await ensureOfficial(page, { name: 'Yang Jiechi', title: 'Minister of Foreign Affairs', ministryId: china.id, timeZone: 'Asia/Shanghai' });
    const call = (placedAt: string, topic: string, extra: Record<string, unknown> = {}) =>
      apiFromPage<StoredCall>(page, '/calls', { method: 'POST', json: { callerId: kishida.id, calleeId: yang.id, placedAt, channel: 'phone', topic, ...extra } });
    await call('2013-02-12T05:00:00Z', 'Coordinating on a UN Security Council resolution', { status: 'answered' });
    await call('2013-02-13T02:00:00Z', 'A joint statement on the test', { status: 'returned', respondedAt: '2013-02-13T09:14:00Z' });
    await call('2013-02-14T08:00:00Z', 'Sanctions on DPRK banks', { status: 'declined', respondedAt: '2013-02-17T12:00:00Z' });
    openCall = await call('2013-02-15T03:30:00Z', OPEN_TOPIC, { source: 'https://www.mofa.go.jp/press/release' });
    // A change before the page opens, so the history has something to compare.
    openCall = (
      await apiWithHeaders<StoredCall>(page, `/calls/${openCall.id}`, {
        method: 'PATCH',
        json: { notes: 'Asked for a call back through the embassy.' },
        headers: { 'If-Match': `"${openCall.version}"` },
      })
    ).body;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('filters the log by status, kept in the address', async () => {
    await page.goto('/calls');
    await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Calls matching the filters' });
    await table.getByRole('link', { name: 'Sanctions on DPRK banks' }).waitFor();
    // The returned call shows how long the reply took, humanly.
    expect(await table.getByRole('row').filter({ hasText: 'A joint statement on the test' }).textContent()).toContain('7h 14m');

    // A click, not check(): the box follows the address, which updates a moment later.
    await page.getByRole('checkbox', { name: 'Awaiting' }).click();
    await page.waitForURL(/status=awaiting/);
    await table.getByRole('link', { name: 'Sanctions on DPRK banks' }).waitFor({ state: 'detached' });
    await table.getByRole('link', { name: OPEN_TOPIC }).waitFor();
    const statuses = await table.locator('tbody .badge').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Awaiting']));
    await screenshot(page, 'calls-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The filter survives a reload: it lives in the URL.
    await page.reload();
    expect(await page.getByRole('checkbox', { name: 'Awaiting' }).isChecked()).toBe(true);
    await table.getByRole('link', { name: OPEN_TOPIC }).waitFor();
  });

  it('says so when the From date is after the To date, rather than silently showing nothing', async () => {
    await page.goto('/calls?from=2013-02-20&to=2013-02-10');
    const alert = page.getByRole('alert').filter({ hasText: 'The “to” date is before the “from” date, so nothing can match.' });
    await alert.waitFor();
    expect(await page.getByLabel('To (inclusive)').getAttribute('aria-invalid')).toBe('true');
    await page.goto('/stats?from=2013-02-20&to=2013-02-10');
    await alert.waitFor();
    await page.goto('/calls?from=2013-02-10&to=2013-02-20');
    await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
    expect(await alert.count()).toBe(0);
    await page.goto('/calls?status=awaiting');
  });

  it('opens a call and shows who changed what in its history', async () => {
    await page.getByRole('table', { name: 'Calls matching the filters' }).getByRole('link', { name: OPEN_TOPIC }).click();
    await page.getByRole('heading', { name: OPEN_TOPIC, level: 1 }).waitFor();
    const history = page.getByRole('list', { name: 'Changes, newest first' });
    await history.getByText('logged the call').waitFor();
    const change = history.getByRole('listitem').filter({ hasText: 'changed notes' });
    await change.waitFor();
    expect(await change.getByRole('row').filter({ hasText: 'Notes' }).textContent()).toContain('Asked for a call back through the embassy.');
    // The source is a link that does not leak the app's address.
    const source = page.getByRole('link', { name: 'https://www.mofa.go.jp/press/release' });
    expect(await source.getAttribute('rel')).toBe('noreferrer noopener');
    // Each party's local time at the call.
    expect(await page.getByRole('region', { name: 'Callee' }).textContent()).toContain('15 Feb 2013, 11:30');
    await screenshot(page, 'call-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows what someone else changed meanwhile, and re-applies the analyst’s edit on top', async () => {
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = page.getByRole('form', { name: 'Edit call' });
    await form.waitFor();
    // A rule of the shared schema, shown beside its field before anything is sent.
    await form.getByLabel('Topic').fill('   ');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText('Must not be empty.').waitFor();
    await form.getByLabel('Topic').fill('Six-party talks: a date for the next round');

    // Another analyst changes the call behind the form's back.
    const other = await apiWithHeaders<StoredCall>(page, `/calls/${openCall.id}`, {
      method: 'PATCH',
      json: { notes: 'Embassy says the minister is travelling until Monday.', channel: 'video' },
      headers: { 'If-Match': `"${openCall.version}"` },
    });
    expect(other.status).toBe(200);

    await form.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('region', { name: 'Someone else changed this call while you were editing' });
    await conflict.waitFor();
    const rows = conflict.getByRole('row');
    expect(await rows.filter({ hasText: 'Notes' }).textContent()).toContain('Embassy says the minister is travelling until Monday.');
    expect(await rows.filter({ hasText: 'Channel' }).textContent()).toContain('Video');
    expect(await rows.filter({ hasText: 'Topic' }).textContent()).toContain('Six-party talks: a date for the next round');
    await screenshot(page, 'call-conflict-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await conflict.scrollIntoViewIfNeeded();
    await screenshot(page, 'call-conflict-phone');
    await page.setViewportSize(DESKTOP);

    // Nothing was overwritten yet.
    const before = await apiFromPage<StoredCall>(page, `/calls/${openCall.id}`);
    expect(before).toMatchObject({ topic: OPEN_TOPIC, version: other.body.version });

    await conflict.getByRole('button', { name: 'Re-apply my changes' }).click();
    await conflict.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Six-party talks: a date for the next round', level: 1 }).waitFor();
    const saved = await apiFromPage<StoredCall>(page, `/calls/${openCall.id}`);
    expect(saved).toMatchObject({
      topic: 'Six-party talks: a date for the next round',
      notes: 'Embassy says the minister is travelling until Monday.',
      channel: 'video',
      version: other.body.version + 1,
    });
    // The history now tells both changes apart, each with its author.
    await page.getByRole('list', { name: 'Changes, newest first' }).getByText('changed topic').waitFor();
  });

  it('records an outcome from the call page', async () => {
    await page.getByRole('button', { name: 'Record outcome' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the outcome' });
    await dialog.getByRole('radio', { name: /Returned/ }).check();
    await dialog.getByRole('button', { name: 'Save outcome' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Reopen', exact: true }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    const saved = await apiFromPage<StoredCall>(page, `/calls/${openCall.id}`);
    expect(saved.status).toBe('returned');
  });

  it('looks right at phone width', async () => {
    await page.setViewportSize(PHONE);
    await page.goto('/calls');
    await page.getByRole('link', { name: 'Sanctions on DPRK banks' }).waitFor();
    await screenshot(page, 'calls-phone');
    await page.getByRole('button', { name: /Show filters/ }).click();
    await screenshot(page, 'calls-filters-phone');
    await page.getByRole('link', { name: 'Six-party talks: a date for the next round' }).click();
    await page.getByRole('heading', { name: 'Six-party talks: a date for the next round', level: 1 }).waitFor();
    await screenshot(page, 'call-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    expect(problems).toEqual([]);
  });
});
