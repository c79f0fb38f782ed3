import { expect } from 'vitest';

/** What one request answered, and how long it took. */
export interface Answer {
  status: number;
  ms: number;
  type: string;
  retryAfter: string | null;
  body: string;
}

/** Sends a request and reads the whole answer; a refused connection is status 0. */
export async function answer(send: () => Promise<Response>): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await send();
    const body = await res.text();
    return { status: res.status, ms: performance.now() - started, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, type: '', retryAfter: null, body: String(error) };
  }
}

/** A 503 problem+json with Retry-After: what a client should get while the database is away. */
export function expectRetryLater(a: Answer, what: string): void {
  const context = `${what}: ${a.status} ${a.body.slice(0, 300)}`;
  expect(a.status, context).toBe(503);
  expect(a.type, context).toMatch(/^application\/problem\+json/);
  expect(Number(a.retryAfter), context).toBeGreaterThan(0);
}

/** Polls until `check` passes or `timeoutMs` runs out; the last failure is thrown. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs: number, pauseMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
