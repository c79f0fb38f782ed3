import type { Page } from 'playwright-core';

/** The first admin, created by the first test through the setup screen. */
export const ADMIN = { displayName: 'Ada Analyst', username: 'ada', password: 'correct horse battery staple' };

/** Logs in through the login screen (setting up the first admin over the API if a test runs alone). */
export async function logIn(page: Page, baseUrl: string): Promise<void> {
  const status = (await (await fetch(`${baseUrl}/api/auth/setup`)).json()) as { needsSetup: boolean };
  if (status.needsSetup) {
    const response = await fetch(`${baseUrl}/api/auth/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (!response.ok) throw new Error(`setup failed: ${response.status}`);
  }
  await page.goto('/login');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await passMfaPrompt(page);
  await page.getByRole('heading', { name: 'Awaiting callback' }).waitFor();
}

/**
 * An admin in the two-factor grace period is asked to set it up at every
 * login: these tests go on without ("Not now"), back to where they were going.
 */
export async function passMfaPrompt(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname !== '/login');
  if (new URL(page.url()).pathname === '/account/mfa') await page.getByRole('button', { name: 'Not now' }).click();
}
