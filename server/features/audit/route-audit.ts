import type { MiddlewareHandler } from 'hono';
import type { AuditType } from '#shared/schemas/audit.ts';
import type { AppEnv } from '../../lib/context.ts';
import { byUser, recordAudit } from './service.ts';

interface AuditedRoute {
  method: string;
  path: RegExp;
  type: AuditType;
  /** The kind of object a created one's id (from the answer) or the path's id names. */
  kind?: string;
}

/**
 * Routes whose every use is in the audit log, recorded as their answer goes
 * out: bulk data leaving or entering (an export streams, so its entry is
 * written when it starts), and the configuration of outbound deliveries.
 * Features whose writes record their own entries in their transaction do
 * not need to be listed here.
 */
const AUDITED: AuditedRoute[] = [
  { method: 'GET', path: /^\/api\/export$/, type: 'data.exported' },
  { method: 'POST', path: /^\/api\/import$/, type: 'data.imported' },
  { method: 'POST', path: /^\/api\/webhooks$/, type: 'webhook.created', kind: 'webhook' },
  { method: 'PATCH', path: /^\/api\/webhooks\/([^/]+)$/, type: 'webhook.updated', kind: 'webhook' },
  { method: 'DELETE', path: /^\/api\/webhooks\/([^/]+)$/, type: 'webhook.deleted', kind: 'webhook' },
  { method: 'POST', path: /^\/api\/webhooks\/([^/]+)\/test$/, type: 'webhook.tested', kind: 'webhook' },
  { method: 'POST', path: /^\/api\/webhooks\/([^/]+)\/deliveries\/[^/]+\/resend$/, type: 'webhook.resent', kind: 'webhook' },
  { method: 'POST', path: /^\/api\/alert-rules$/, type: 'alert_rule.created', kind: 'alert_rule' },
  { method: 'PATCH', path: /^\/api\/alert-rules\/([^/]+)$/, type: 'alert_rule.updated', kind: 'alert_rule' },
  { method: 'DELETE', path: /^\/api\/alert-rules\/([^/]+)$/, type: 'alert_rule.deleted', kind: 'alert_rule' },
];

/** What of a small JSON answer is worth keeping: counts and the id, never secrets. */
const KEPT = new Set(['id', 'created', 'skipped', 'dryRun', 'ministries', 'officials', 'calls', 'url', 'name', 'enabled', 'kind']);

async function summary(res: Response): Promise<Record<string, unknown>> {
  if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) return {};
  try {
    const body: unknown = await res.clone().json();
    if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
    return Object.fromEntries(Object.entries(body).filter(([key, value]) => KEPT.has(key) && (typeof value !== 'object' || value === null)));
  } catch {
    return {};
  }
}

export const routeAudit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const route = AUDITED.find((r) => r.method === c.req.method && r.path.test(c.req.path));
  await next();
  const user = c.var.user;
  // Refusals of the role are access.denied's; a change to an object is recorded once it was made (bad input stores nothing).
  if (!route || !user || c.res.status === 401 || c.res.status === 403 || (route.kind && !c.res.ok)) return;
  const streamed = route.type === 'data.exported';
  const answer = streamed ? {} : await summary(c.res);
  const id = route.path.exec(c.req.path)?.[1] ?? (typeof answer.id === 'string' ? answer.id : undefined);
  await recordAudit(c.var.deps, {
    type: route.type,
    ...byUser(user),
    target: route.kind && id ? `${route.kind}:${id}` : null,
    detail: { status: c.res.status, query: c.req.query(), ...answer },
  });
};
