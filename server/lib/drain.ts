import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

/** Seconds a client refused during shutdown is asked to wait (a restart, or another instance, takes over). */
const RETRY_AFTER_S = 5;

/**
 * The server's shutdown, as the app sees it: once begun, new requests are
 * refused with 503 while those already admitted (downloads included) finish,
 * and event streams tell their clients to reconnect. server/index.ts decides
 * when it begins and how long the rest may take.
 */
export class Drain {
  readonly #controller = new AbortController();

  get draining(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Aborted when draining begins: long-lived streams listen to it to close themselves. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  begin(): void {
    this.#controller.abort();
  }
}

/** Refuses every request that arrives once draining has begun, closing its connection. */
export function refuseWhileDraining(drain: Drain): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!drain.draining) return next();
    throw new AppError(
      503,
      'Service unavailable',
      'The server is shutting down; try again in a moment',
      undefined,
      { 'Retry-After': String(RETRY_AFTER_S), Connection: 'close' },
      c.req.path === '/api/health' ? { health: 'draining' } : undefined,
    );
  };
}
