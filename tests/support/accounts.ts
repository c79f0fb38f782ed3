import { expect } from 'vitest';
import { ORIGIN, type TestApp } from './app.ts';

/** A password every test account can use; long enough for the rules. */
export const PASSWORD = 'correct horse battery staple';

/** The value of the session cookie a response sets, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const match = /^(?:__Host-)?readout_session=([^;]*)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

export interface Browser {
  cookie: string;
  /** Sends a request with this session's cookie, from the app's own origin. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export function browserWith(t: TestApp, cookie: string): Browser {
  return {
    cookie,
    request: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', `readout_session=${cookie}`);
      if (!headers.has('origin')) headers.set('origin', ORIGIN);
      return t.request(path, { ...init, headers });
    },
  };
}

export function login(t: TestApp, username: string, password = PASSWORD): Promise<Response> {
  return t.request('/api/auth/login', { method: 'POST', json: { username, password } });
}

/** Logs in and fails the test unless it worked. */
export async function loggedIn(t: TestApp, username: string, password = PASSWORD): Promise<Browser> {
  const res = await login(t, username, password);
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = sessionCookieOf(res);
  expect(cookie).toBeTruthy();
  return browserWith(t, cookie!);
}

/**
 * An account with a real (argon2id) password, made through the admin API.
 * A new account must change its password at its first login; this one is
 * taken as having done so (unless `forcedChange`), so tests of other things
 * can log in and go on. The forced change itself is tested on its own.
 */
export async function createAccount(
  t: TestApp,
  role: 'admin' | 'analyst' | 'viewer',
  username: string,
  password = PASSWORD,
  options: { forcedChange?: boolean } = {},
): Promise<{ id: string; username: string }> {
  const admin = await t.createUser('admin');
  const res = await admin.request('/api/users', { method: 'POST', json: { username, password, displayName: username, role } });
  expect(res.status, await res.clone().text()).toBe(201);
  const user = (await res.json()) as { id: string; username: string };
  if (!options.forcedChange) await t.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  return user;
}

export function bearer(t: TestApp, token: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return t.request(path, { ...init, headers });
}
