import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

/** Where a request came from, as far as the server can tell, and what it says it is. */
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Long enough for any real browser's; a longer header is cut rather than stored whole. */
const MAX_USER_AGENT = 400;

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * The client's address. Behind a reverse proxy (TRUST_PROXY=true) it is the
 * last entry of X-Forwarded-For, the one the proxy itself added: entries
 * before it come from the client and could say anything. Otherwise the
 * header is ignored and the socket's peer is the client. Null when there is
 * no socket (a request handled in process, as in tests).
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  if (c.var.deps.config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').map((part) => part.trim()).filter(Boolean).pop();
    if (last && isIP(last)) return normalise(last);
  }
  try {
    const address = getConnInfo(c).remote.address;
    return address ? normalise(address) : null;
  } catch {
    return null;
  }
}

export function requestInfo(c: Context<AppEnv>): RequestInfo {
  const agent = c.req.header('user-agent');
  return { ip: clientAddress(c), userAgent: agent ? agent.slice(0, MAX_USER_AGENT) : null };
}
