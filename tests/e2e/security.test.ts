import { request } from 'node:http';
import { generateSync } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, newContext, screenshot, seriousA11yViolations, watchConsole } from './support/browser.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
const GRACE = { displayName: 'Grace Hopper', username: 'grace', password: 'nanoseconds in a wire' };
let browser: Browser;
let admin: Page;
let problems: string[];
let graceContext: BrowserContext;
let grace: Page;
let firstPassword = '';
let secret = '';

/** The TOTP code a phone would show `ahead` steps from now. */
const code = (ahead = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + ahead * 30 });

async function logInAs(page: Page, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(GRACE.username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('users, account, two-factor, tokens, sessions and the audit log', () => {
  beforeAll(async () => {
    ({ browser, page: admin, problems } = await openAnalystSession(baseUrl));
    graceContext = await newContext(browser, baseUrl);
    await graceContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    grace = await graceContext.newPage();
    problems.push(...watchConsole(grace));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an admin add a user, who gets a first password to pass on', async () => {
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('heading', { name: 'Users' }).waitFor();
    await admin.getByRole('button', { name: 'Add user' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Display name').fill(GRACE.displayName);
    await dialog.getByLabel('Username').fill(GRACE.username);
    await dialog.getByLabel('Role').selectOption('analyst');
    firstPassword = await dialog.getByLabel('First password').inputValue();
    expect(firstPassword).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await admin.getByText(`${GRACE.displayName} can log in now`).waitFor();
    await admin.getByRole('cell', { name: 'Must set password' }).waitFor();
    await screenshot(admin, 'users-desktop');
    expect(await seriousA11yViolations(admin)).toEqual([]);
  });

  it('makes the new user choose their own password at the first login', async () => {
    await logInAs(grace, firstPassword);
    await grace.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await screenshot(grace, 'forced-password-desktop');
    expect(await seriousA11yViolations(grace)).toEqual([]);
    await grace.getByLabel('Temporary password').fill(firstPassword);
    await grace.getByLabel('New password', { exact: true }).fill('password123');
    await grace.getByLabel('New password again').fill('password123');
    await grace.getByRole('button', { name: 'Set my password' }).click();
    await grace.getByText(/one of the most common passwords/).waitFor();
    await grace.getByLabel('New password', { exact: true }).fill(GRACE.password);
    await grace.getByLabel('New password again').fill(GRACE.password);
    await grace.getByRole('button', { name: 'Set my password' }).click();
    await grace.getByRole('heading', { name: 'Awaiting callback' }).waitFor();
  });

  it('sets up two-factor authentication from a QR code, shows recovery codes once, and then asks for a code at login', async () => {
    await grace.goto('/account/mfa');
    await grace.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await grace.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    secret = (await grace.locator('.secret-inline').textContent())!.replaceAll(' ', '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(grace, 'mfa-setup-desktop');
    expect(await seriousA11yViolations(grace)).toEqual([]);
    await grace.getByLabel('Code from the app').fill(code());
    await grace.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await grace.getByText('Save these recovery codes now').waitFor();
    expect(await grace.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
    await screenshot(grace, 'mfa-recovery-codes-desktop');
    await grace.getByRole('button', { name: 'I have saved them' }).click();
    await grace.getByText('Recovery codes left').waitFor();
    await screenshot(grace, 'mfa-on-desktop');

    await grace.getByRole('button', { name: 'Log out' }).click();
    await grace.waitForURL('**/login');
    await logInAs(grace, GRACE.password);
    await grace.getByLabel('Two-factor code').waitFor();
    await screenshot(grace, 'login-code-desktop');
    expect(await seriousA11yViolations(grace)).toEqual([]);
    await grace.getByLabel('Two-factor code').fill('000000');
    await grace.getByRole('button', { name: 'Verify and log in' }).click();
    await grace.getByText('That code is not right').waitFor();
    // The code of the next 30-second step: the one just used to turn it on is not accepted twice.
    await grace.getByLabel('Two-factor code').fill(code(1));
    await grace.getByRole('button', { name: 'Verify and log in' }).click();
    await grace.getByRole('heading', { name: 'Awaiting callback' }).waitFor();
  });

  it('creates an API token, shows its secret once with a copy button, and lists it', async () => {
    await grace.goto('/account/tokens');
    await grace.getByRole('button', { name: 'New token' }).click();
    const dialog = grace.getByRole('dialog', { name: 'New API token' });
    await dialog.getByLabel('Name').fill('nightly export');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const shown = grace.getByRole('dialog', { name: 'Copy your new token' });
    await shown.getByText('Shown this once').waitFor();
    const token = (await shown.locator('.secret-value').textContent())!;
    expect(token).toMatch(/^rdt_/);
    await shown.getByRole('button', { name: 'Copy token' }).click();
    await shown.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await grace.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(grace, 'token-created-desktop');
    expect(await seriousA11yViolations(grace)).toEqual([]);
    await shown.getByRole('button', { name: 'Done' }).click();
    await grace.getByRole('cell', { name: 'nightly export', exact: true }).waitFor();
    expect(await grace.getByRole('table', { name: 'Your API tokens' }).textContent()).not.toContain(token);
    await screenshot(grace, 'tokens-desktop');
  });

  it('lets an admin see anyone’s tokens and sessions, and read the audit log', async () => {
    await admin.goto('/users');
    await admin.getByRole('link', { name: GRACE.displayName }).click();
    await admin.getByRole('heading', { name: GRACE.displayName }).waitFor();
    await admin.getByRole('cell', { name: 'nightly export', exact: true }).waitFor();
    await screenshot(admin, 'user-desktop');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
    await admin.getByRole('cell', { name: /Token created/ }).first().waitFor();
    await admin.getByLabel('Event').selectOption({ label: 'Logins and logouts' });
    await admin.getByRole('cell', { name: /Login failed/ }).first().waitFor();
    await admin.getByRole('button', { name: 'Check the log’s integrity' }).click();
    await admin.getByText(/^Intact: all \d+ entries/).waitFor();
    await screenshot(admin, 'audit-desktop');
    expect(await seriousA11yViolations(admin)).toEqual([]);
    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: 'Export CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^readout-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('does not answer TRACE, so no header is ever echoed back', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${baseUrl}/api/health`, { method: 'TRACE', headers: { 'x-secret-header': 'do-not-echo' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('do-not-echo');
  });

  it('looks right and passes axe on phones and in the dark', async () => {
    const pages: [Page, string, string][] = [
      [admin, '/users', 'users'],
      [admin, '/audit', 'audit'],
      [grace, '/account', 'account'],
      [grace, '/account/mfa', 'mfa'],
      [grace, '/account/tokens', 'tokens'],
      [grace, '/account/sessions', 'sessions'],
    ];
    for (const [viewport, scheme] of [[DESKTOP, 'dark'], [PHONE, 'light'], [PHONE, 'dark']] as const) {
      for (const [page, path, name] of pages) {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        await page.locator('main h1').first().waitFor();
        await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => undefined);
        await screenshot(page, `${name}-${viewport === PHONE ? 'phone' : 'desktop'}-${scheme}`);
        expect(await seriousA11yViolations(page), `${path} ${viewport.width} ${scheme}`).toEqual([]);
      }
    }
    await admin.setViewportSize(DESKTOP);
    await admin.emulateMedia({ colorScheme: 'light' });
    await grace.setViewportSize(DESKTOP);
    await grace.emulateMedia({ colorScheme: 'light' });
    await grace.goto('/account/sessions');
    await grace.getByText('This session').waitFor();
    await screenshot(grace, 'sessions-desktop');
    expect(problems).toEqual([]);
  });
});
