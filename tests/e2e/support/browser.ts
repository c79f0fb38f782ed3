import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOT_DIR = `${root}screenshots`;
const AXE_PATH = `${root}node_modules/axe-core/axe.min.js`;

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium, headless, without the background traffic a closed network refuses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile; the viewer sits in New York, so the app's zone handling is exercised. */
export function newContext(browser: Browser, baseURL: string, viewport = DESKTOP, extra: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport, timezoneId: 'America/New_York', locale: 'en-US', colorScheme: extra.colorScheme ?? 'light' });
}

/** Fails the test on errors the page logs or throws, which a screenshot would not show. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // 401 from /api/auth/me before login is expected and logged by Chromium as a failed resource.
    if (message.type() === 'error' && !/401|Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()} @ ${JSON.stringify(message.location())}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: false });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; answers the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // The app's CSP forbids inline scripts (addScriptTag inlines the file), and
  // rightly so; evaluating over the DevTools protocol is not subject to it.
  await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A JSON API call from inside the page, with its session cookie and Origin, as the app makes them. */
export async function apiFromPage<T>(page: Page, path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  return page.evaluate(
    async ({ path, method, json }) => {
      const response = await fetch(`/api${path}`, {
        method: method ?? 'GET',
        headers: json === undefined ? {} : { 'Content-Type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method ?? 'GET'} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    { path, method: init.method, json: init.json },
  );
}
