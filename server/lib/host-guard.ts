import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import { recordWithinBudget } from '../features/audit/budget.ts';
import type { AppEnv } from './context.ts';
import { AppError, problemResponse } from './errors.ts';

/**
 * Which `Host` a request may name. With PUBLIC_URL, exactly its host (and
 * port). Without, the loopback names and HOST, at PORT: a browser on the
 * same machine, or whatever name HOST was given. A port-less Host is taken
 * as that too (scripts and in-process requests send none); PORT=0 (a port
 * chosen at start) checks no port.
 */
export function hostAllowed(config: Config, url: URL): boolean {
  if (config.PUBLIC_URL.length > 0) return config.PUBLIC_URL.some((origin) => new URL(origin).host === url.host);
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', config.HOST.toLowerCase()]);
  const portOk = config.PORT === 0 || url.port === '' || Number(url.port) === config.PORT;
  return names.has(url.hostname.toLowerCase()) && portOk;
}

/**
 * Refuses (421 Misdirected Request) a request for another host. A web page
 * on any site can make a browser send requests to this server under its own
 * name once its DNS points there (DNS rebinding); the Host then names that
 * site, which is not this app's. The health check stays open to load balancers
 * and orchestrators, which name the server by its address.
 */
export function hostGuard(config: Config): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (hostAllowed(config, url) || (c.req.method === 'GET' && url.pathname === '/api/health')) return next();
    await recordWithinBudget(c.var.deps, c.var.request.ip ?? '-', {
      type: 'access.host_refused',
      ip: c.var.request.ip,
      userAgent: c.var.request.userAgent,
      detail: { host: url.host.slice(0, 200), method: c.req.method, path: url.pathname.slice(0, 200) },
    });
    const names = [...new Set(['localhost', '127.0.0.1', config.HOST])].join(', ');
    const expected = config.PUBLIC_URL.length ? config.PUBLIC_URL.join(', ') : `${names} at port ${config.PORT}`;
    return problemResponse(
      c,
      new AppError(421, 'Misdirected request', `This server answers for ${expected}, not for ${url.host}. Behind another name, set PUBLIC_URL to the address users open.`),
    );
  };
}
