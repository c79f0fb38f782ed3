import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, passMfaPrompt } from './support/accounts.ts';
import { launchBrowser, newContext, screenshot, seriousA11yViolations, watchConsole, PHONE } from './support/browser.ts';
import { startServer, type RunningServer } from './support/server.ts';

// First run needs a database nobody has set up: this file has a server of its
// own, whatever order the other files (which share one) run in.
let server: RunningServer;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

describe('first run, login and logout', () => {
  beforeAll(async () => {
    server = await startServer();
    baseUrl = server.url;
    browser = await launchBrowser();
    context = await newContext(browser, baseUrl);
    page = await context.newPage();
    problems = watchConsole(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sends a fresh install to setup, which creates the admin and logs in', async () => {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByLabel('Display name').fill(ADMIN.displayName);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.getByText('Must be at least 10 characters.').waitFor();
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.getByRole('heading', { name: 'Awaiting callback' }).waitFor();
    // Nothing logged yet: the board does not claim every call was answered.
    await page.getByText('No calls logged yet').waitFor();
    expect(await page.getByText('Every call logged so far').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByText(ADMIN.displayName).count()).toBe(0);
    expect(await page.getByText(ADMIN.displayName).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('logs out, refuses a wrong password with a clear message, then logs in', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Wrong username or password.' });
    await alert.waitFor();
    await screenshot(page, 'login-error-desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    // An admin without two-factor authentication is asked to set it up at every login during the grace period.
    await page.waitForURL('**/account/mfa?next=%2F');
    await page.getByText('Set up two-factor authentication', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Not now' }).click();
    await page.getByRole('heading', { name: 'Awaiting callback' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('sends a visitor without a session to login, and back to where they were going after it', async () => {
    const other = await newContext(browser, baseUrl, PHONE);
    const visitor = await other.newPage();
    await visitor.goto('/settings');
    await visitor.waitForURL('**/login?next=%2Fsettings');
    await screenshot(visitor, 'login-phone');
    await visitor.getByLabel('Username').fill(ADMIN.username);
    await visitor.getByLabel('Password').fill(ADMIN.password);
    await visitor.getByRole('button', { name: 'Log in' }).click();
    await passMfaPrompt(visitor);
    await visitor.getByRole('heading', { name: 'Settings' }).waitFor();
    await other.close();
    expect(problems).toEqual([]);
  });
});
