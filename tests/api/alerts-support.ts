import { expect } from 'vitest';
import type { Deps } from '#server/lib/context.ts';
import { AlertRule, NotificationList } from '#shared/schemas/alerts.ts';
import { Call } from '#shared/schemas/calls.ts';
import { type TestApp, type TestUser, bodyAs } from '../support/app.ts';
import { type Parties, callRequest } from '../support/fixtures.ts';

export const HOUR = 3600_000;

/** What the server's own evaluation gets: the test app's database and clock. */
export const depsOf = (t: TestApp): Deps => ({ db: t.db, dialect: t.dialect, clock: t.clock, config: t.config });

export async function createRule(user: TestUser, json: Record<string, unknown>) {
  const res = await user.request('/api/alert-rules', { method: 'POST', json });
  expect(res.status, await res.clone().text()).toBe(201);
  return bodyAs(res, AlertRule);
}

export async function logCall(user: TestUser, p: Parties, overrides: Record<string, unknown> = {}) {
  const res = await user.request('/api/calls', { method: 'POST', json: callRequest(p, overrides) });
  expect(res.status, await res.clone().text()).toBe(201);
  return bodyAs(res, Call);
}

export async function patchCall(user: TestUser, call: Call, json: Record<string, unknown>) {
  const res = await user.request(`/api/calls/${call.id}`, { method: 'PATCH', json, headers: { 'If-Match': `"${call.version}"` } });
  expect(res.status, await res.clone().text()).toBe(200);
  return bodyAs(res, Call);
}

export async function notificationsOf(user: TestUser, query = '') {
  const res = await user.request(`/api/notifications${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return bodyAs(res, NotificationList);
}
