import { describe, expect, it } from 'vitest';
import { ApiError } from '#client/lib/api-client.ts';
import { safeNext } from '#client/app/pages/login-page.tsx';
import { loginErrorMessage } from './login-form.tsx';

const problem = (status: number, detail = '') => new ApiError(status, { type: 'about:blank', title: 'x', status, detail });

describe('login messages', () => {
  it('say plainly when the credentials are wrong, and when to wait', () => {
    expect(loginErrorMessage(problem(401))).toBe('Wrong username or password.');
    // The server's words say it all, once.
    expect(loginErrorMessage(problem(429, 'Too many failed logins from this address. Try again in 15 minutes.'))).toBe('Too many failed logins from this address. Try again in 15 minutes.');
    expect(loginErrorMessage(problem(401), true)).toMatch(/code is not right/);
    expect(loginErrorMessage(new TypeError('Failed to fetch'))).toMatch(/could not reach/);
  });

  it('return only to paths inside the app after login', () => {
    expect(safeNext('/calls?status=awaiting')).toBe('/calls?status=awaiting');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
