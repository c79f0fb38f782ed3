import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';
import { PHONE, newContext, screenshot, seriousA11yViolations, watchConsole } from './support/browser.ts';
import { openAnalystSession } from './support/session.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let problems: string[];
let receiver: Receiver;
let secret: string | undefined;

describe('webhooks in the admin area', () => {
  beforeAll(async () => {
    ({ browser, page, problems } = await openAnalystSession(baseUrl));
    receiver = await startReceiver({ secret: () => secret });
  });
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  it('adds a webhook and shows its secret once', async () => {
    await page.goto('/webhooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill('http://10.0.0.5/hook');
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => dialog.getByText(/must not point at a loopback, private/i).count()).toBe(1);
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    await dialog.getByText('Shown this once').waitFor();
    secret = (await dialog.locator('.secret-value').textContent()) ?? undefined;
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhooks-secret');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('link', { name: receiver.url }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sends a test delivery, signed, and shows it in the delivery log', async () => {
    await page.getByRole('link', { name: receiver.url }).click();
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
    await page.getByRole('button', { name: 'Send test delivery' }).click();
    await page.locator('.delivery .badge', { hasText: 'Delivered' }).waitFor({ timeout: 15_000 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.verified).toBe(true);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'webhook.test' });
    await expect.poll(() => page.locator('.delivery td[data-label="Status"]').first().textContent()).toBe('204');
    await screenshot(page, 'webhook-log');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('disables and enables it', async () => {
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.locator('.badge', { hasText: /^Disabled$/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Send test delivery' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.locator('.badge', { hasText: 'Active' }).waitFor();
  });

  it('fits a phone', async () => {
    const phone = await (await newContext(browser, baseUrl, PHONE)).newPage();
    problems.push(...watchConsole(phone));
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto('/webhooks');
    await phone.getByRole('link', { name: receiver.url }).click();
    await phone.getByRole('heading', { name: 'Delivery log' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'webhook-log-phone');
    expect(problems).toEqual([]);
  });
});
