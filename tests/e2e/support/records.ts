import type { Page } from 'playwright-core';
import { apiFromPage } from './browser.ts';

interface Named {
  id: string;
  name: string;
  version?: number;
}

/**
 * A ministry by name, created when no earlier test file made it (the files
 * share one database, so each finds or creates what it needs). A test that
 * creates a record through the dashboard must use a name no file ensures: a
 * second ministry with the same name and country, or a second official with the
 * same name in one ministry, is refused (409).
 */
export async function ensureMinistry(page: Page, body: { name: string; shortName: string; country: string }): Promise<Named> {
  const found = await apiFromPage<{ items: Named[] }>(page, `/ministries?q=${encodeURIComponent(body.name)}`);
  return found.items.find((m) => m.name === body.name) ?? apiFromPage<Named>(page, '/ministries', { method: 'POST', json: body });
}

export async function ensureOfficial(page: Page, body: { name: string; title: string; ministryId: string; timeZone: string }): Promise<Named> {
  const found = await apiFromPage<{ items: Named[] }>(page, `/officials?q=${encodeURIComponent(body.name)}`);
  return found.items.find((o) => o.name === body.name) ?? apiFromPage<Named>(page, '/officials', { method: 'POST', json: body });
}

/**
 * A request from inside the page with extra headers (If-Match), as another
 * analyst's tab would send it: same session cookie, same origin.
 */
export async function apiWithHeaders<T>(page: Page, path: string, init: { method: string; json?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, method, json, headers }) => {
      const response = await fetch(`/api${path}`, {
        method,
        headers: { ...(json === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    { path, method: init.method, json: init.json, headers: init.headers ?? {} },
  );
}
