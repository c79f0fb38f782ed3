import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN } from './support/accounts.ts';
import { PHONE, apiFromPage, newContext, screenshot, seriousA11yViolations, watchConsole } from './support/browser.ts';
import { ensureMinistry, ensureOfficial } from './support/records.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
/** A common laptop: where the board's columns are tightest. */
const LAPTOP = { width: 1366, height: 900 };
const MODES = [
  { name: 'desktop-light', viewport: LAPTOP, colorScheme: 'light' },
  { name: 'desktop-dark', viewport: LAPTOP, colorScheme: 'dark' },
  { name: 'phone-light', viewport: PHONE, colorScheme: 'light' },
  { name: 'phone-dark', viewport: PHONE, colorScheme: 'dark' },
] as const;

let browser: Browser;
let page: Page;
let problems: string[];
const TOPIC = 'Every-page check: the North Korean test';

interface Route {
  path: string;
  /** What the tab says. */
  title: string;
  /** The page's heading, waited for before anything is checked. */
  heading: string;
}
let routes: Route[] = [];

/** A short name for the screenshots: "/ministries/abc" → "ministry". */
const shotName = (route: Route) => route.title.split(' · ').slice(0, -1).reverse().join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'board';

async function arrive(target: Page, route: Route) {
  await target.goto(route.path);
  await target.getByRole('heading', { level: 1, name: route.heading, exact: true }).waitFor();
  // The title follows the heading in the same commit's effects, and lazy parts (charts) settle.
  await target.waitForFunction((title) => document.title === title, route.title, { timeout: 5_000 }).catch(() => undefined);
  await target.waitForLoadState('networkidle');
}

describe('every page: its own title, and no serious accessibility problem at either width, light or dark', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    const russia = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' });
    // A caller no other file creates through the dashboard (names of ministries are unique).
    const china = await ensureMinistry(page, { name: "Ministry of Foreign Affairs of the People's Republic of China", shortName: 'China MFA', country: 'CN' });
    const lavrov = await ensureOfficial(page, { name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', ministryId: russia.id, timeZone: 'Europe/Moscow' });
    const yang = await ensureOfficial(page, { name: 'Yang Jiechi', title: 'Minister of Foreign Affairs', ministryId: china.id, timeZone: 'Asia/Shanghai' });
    const post = (json: Record<string, unknown>) => apiFromPage<{ id: string }>(page, '/calls', { method: 'POST', json: { callerId: yang.id, calleeId: lavrov.id, channel: 'phone', ...json } });
    // A wait of years, so the board shows its longest timers; and replies for the charts.
    const open = await post({ placedAt: '2013-02-12T15:00:00Z', topic: TOPIC });
    // A long name on both sides, for the board's columns.
    const iran = await ensureMinistry(page, { name: 'Ministry of Foreign Affairs of the Islamic Republic of Iran', shortName: 'MFA Iran', country: 'IR' });
    const zarif = await ensureOfficial(page, { name: 'Mohammad Javad Zarif', title: 'Minister of Foreign Affairs', ministryId: iran.id, timeZone: 'Asia/Tehran' });
    await post({ calleeId: zarif.id, placedAt: '2013-02-13T09:30:00Z', topic: `${TOPIC}: the nuclear talks` });
    for (const day of [13, 14, 15, 16, 18]) {
      await post({ placedAt: `2013-02-${day}T06:00:00Z`, topic: `${TOPIC} (${day})`, status: 'returned', respondedAt: `2013-02-${day}T${10 + (day % 5)}:00:00Z` });
    }
    const round = await apiFromPage<{ id: string }>(page, '/rounds', {
      method: 'POST',
      json: { title: 'Every-page round', trigger: TOPIC, triggerAt: '2013-02-12T03:00:00Z', initiatorId: yang.id, calls: [{ calleeId: lavrov.id, placedAt: '2013-02-12T15:00:00Z' }, { calleeId: zarif.id, placedAt: '2013-02-12T16:00:00Z' }] },
    });
    const me = await apiFromPage<{ id: string }>(page, '/auth/me');
    routes = [
      { path: '/', title: 'Board · Readout', heading: 'Awaiting callback' },
      { path: '/log', title: 'Log a call · Readout', heading: 'Log a call' },
      { path: `/calls?q=${encodeURIComponent(TOPIC)}`, title: 'Calls · Readout', heading: 'Calls' },
      { path: `/calls/${open.id}`, title: `${TOPIC} · Calls · Readout`, heading: TOPIC },
      { path: '/rounds', title: 'Rounds · Readout', heading: 'Rounds' },
      { path: '/rounds/new', title: 'Log a round · Rounds · Readout', heading: 'Log a round' },
      { path: `/rounds/${round.id}`, title: 'Every-page round · Rounds · Readout', heading: 'Every-page round' },
      { path: '/officials', title: 'Officials · Readout', heading: 'Officials' },
      { path: `/officials/${lavrov.id}`, title: 'Sergei Lavrov · Officials · Readout', heading: 'Sergei Lavrov' },
      { path: '/ministries', title: 'Ministries · Readout', heading: 'Ministries' },
      { path: `/ministries/${russia.id}`, title: 'MFA Russia · Ministries · Readout', heading: 'MFA Russia' },
      { path: '/stats', title: 'Response times · Readout', heading: 'Response times' },
      { path: '/data', title: 'Import & export · Readout', heading: 'Import & export' },
      { path: '/settings', title: 'Settings · Readout', heading: 'Settings' },
      { path: '/account', title: 'Password · Account · Readout', heading: 'Your account' },
      { path: '/account/mfa', title: 'Two-factor · Account · Readout', heading: 'Your account' },
      { path: '/account/tokens', title: 'API tokens · Account · Readout', heading: 'Your account' },
      { path: '/account/sessions', title: 'Sessions · Account · Readout', heading: 'Your account' },
      { path: '/users', title: 'Users · Admin · Readout', heading: 'Users' },
      { path: `/users/${me.id}`, title: `${ADMIN.displayName} · Admin · Readout`, heading: ADMIN.displayName },
      { path: '/audit', title: 'Audit log · Admin · Readout', heading: 'Audit log' },
      { path: '/no/such/page', title: 'Page not found · Readout', heading: 'Page not found' },
    ];
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('titles every page after itself and its section, also when arriving by the navigation', async () => {
    for (const route of routes) {
      await arrive(page, route);
      expect(await page.title(), route.path).toBe(route.title);
    }
    // Within the app (no reload): the tab follows.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ministries' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ministries' }).waitFor();
    await page.waitForFunction(() => document.title === 'Ministries · Readout');
    await page.getByRole('link', { name: 'MFA Russia', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'MFA Russia' }).waitFor();
    await page.waitForFunction(() => document.title === 'MFA Russia · Ministries · Readout');
  });

  it('gives the board’s long timers and names their room at laptop width and on a phone', async () => {
    for (const viewport of [LAPTOP, { width: 1024, height: 800 }, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`/?q=${encodeURIComponent('Every-page check')}`);
      const rows = page.locator('.board-row');
      await rows.nth(1).waitFor();
      const layout = await rows.evaluateAll((items) =>
        items.map((row) => {
          const box = (selector: string) => row.querySelector(selector)!.getBoundingClientRect();
          const callee = row.querySelector<HTMLElement>('.callee')!;
          const clipped = [...row.querySelectorAll<HTMLElement>('.cell-timer > *')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent);
          // Cut: shortened with an ellipsis, or running out of its cell over the next one.
          const calleeCut = callee.scrollWidth > callee.clientWidth + 1 || callee.getBoundingClientRect().right > box('.cell-parties').right + 1;
          return { callee: callee.textContent, calleeCut, timerRight: box('.timer').right, partiesLeft: box('.cell-parties').left, phone: innerWidth < 760, clipped };
        }),
      );
      await screenshot(page, `every-board-long-names-${viewport.width}`);
      for (const row of layout) {
        expect(row.calleeCut, `${row.callee} at ${viewport.width} px`).toBe(false);
        expect(row.clipped, `timer column at ${viewport.width} px`).toEqual([]);
        if (!row.phone) expect(row.timerRight, `timer beside ${row.callee} at ${viewport.width} px`).toBeLessThanOrEqual(row.partiesLeft);
      }
    }
    await page.setViewportSize(LAPTOP);
  });

  it('passes axe on every page, at laptop and phone width, light and dark', async () => {
    const found: string[] = [];
    for (const route of routes) {
      await arrive(page, route);
      for (const mode of MODES) {
        await page.setViewportSize(mode.viewport);
        await page.emulateMedia({ colorScheme: mode.colorScheme });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await screenshot(page, `every-${shotName(route)}-${mode.name}`);
        for (const violation of await seriousA11yViolations(page)) found.push(`${route.path} ${mode.name}: ${violation}`);
        // Nothing sticks out sideways (the page would scroll, and its right edge be cut).
        const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (wider > 0) found.push(`${route.path} ${mode.name}: ${wider}px wider than the window`);
      }
    }
    expect(found).toEqual([]);
    // Nineteen pages, four ways each, on a shared machine.
  }, 300_000);

  it('titles the login page and passes axe on it, logged out', async () => {
    const found: string[] = [];
    for (const mode of MODES) {
      const context = await newContext(browser, baseUrl, mode.viewport, { colorScheme: mode.colorScheme });
      const visitor = await context.newPage();
      problems.push(...watchConsole(visitor));
      await visitor.goto('/login');
      await visitor.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
      expect(await visitor.title()).toBe('Log in · Readout');
      await screenshot(visitor, `every-login-${mode.name}`);
      for (const violation of await seriousA11yViolations(visitor)) found.push(`/login ${mode.name}: ${violation}`);
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it('logs no errors in the page', () => {
    expect(problems).toEqual([]);
  });
});

