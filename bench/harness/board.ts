import { chromium } from 'playwright-core';

/** The Performance API marks the board sets (client/features/board/components/awaiting-board.tsx). */
const FIRST = 'readout:board-first-rows';
const ALL = 'readout:board-all-loaded';

/**
 * Opens the board in headless Chromium, signed in with the session cookie,
 * and answers when its first rows were on screen and when every awaiting
 * call was loaded, in ms from the start of navigation (the marks' startTime).
 */
export async function boardTimings(baseUrl: string, cookie: { name: string; value: string }, timeoutMs = 60_000): Promise<{ firstRowsMs: number; allLoadedMs: number; rows: number }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseUrl }]);
    const page = await context.newPage();
    // Once unmeasured: Chromium's own start (and the server's first client files) are not the board's.
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, ALL, { timeout: timeoutMs, polling: 50 });
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, ALL, { timeout: timeoutMs, polling: 50 });
    // A string, not a function: tsx's transform would wrap a function's inner helpers in names the page lacks.
    const read = `(() => {
      const first = performance.getEntriesByName(${JSON.stringify(FIRST)})[0];
      const all = performance.getEntriesByName(${JSON.stringify(ALL)})[0];
      return { firstRowsMs: first ? Math.round(first.startTime) : null, allLoadedMs: all ? Math.round(all.startTime) : null, rows: all && all.detail ? all.detail.rows : null };
    })()`;
    return (await page.evaluate(read)) as { firstRowsMs: number; allLoadedMs: number; rows: number };
  } finally {
    await browser.close();
  }
}
