import type { Browser, Page } from 'playwright-core';
import { logIn } from './accounts.ts';
import { launchBrowser, newContext, watchConsole } from './browser.ts';

export interface AnalystSession {
  browser: Browser;
  page: Page;
  /** Errors the page logs or throws; a test file ends by expecting none. */
  problems: string[];
}

/** A fresh browser on the desktop viewport, its console watched, logged in as the admin analyst. */
export async function openAnalystSession(baseUrl: string): Promise<AnalystSession> {
  const browser = await launchBrowser();
  try {
    const page = await (await newContext(browser, baseUrl)).newPage();
    const problems = watchConsole(page);
    await logIn(page, baseUrl);
    return { browser, page, problems };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
