import { meta, z } from './zod.ts';
import { Cursor, Limit, Timestamp, listOf } from './common.ts';

/**
 * Every kind of entry the audit log holds, by area. A feature that records a
 * new kind adds it here, so the filter in the dashboard and the API document
 * list it too.
 */
export const AUDIT_TYPES = [
  'auth.setup',
  'auth.login',
  'auth.login_failed',
  'auth.lockout',
  'auth.logout',
  'auth.logout_all',
  'auth.password_changed',
  'auth.reauthenticated',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.recovery_codes_regenerated',
  'mfa.recovery_code_used',
  'mfa.reset',
  'session.revoked',
  'token.created',
  'token.revoked',
  'token.invalid',
  'access.denied',
  'access.cross_site_refused',
  'access.host_refused',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'data.exported',
  'data.imported',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.tested',
  'webhook.resent',
  'webhook.auto_disabled',
  'alert_rule.created',
  'alert_rule.updated',
  'alert_rule.deleted',
  'audit.exported',
  'audit.pruned',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export const AuditEntry = meta(
  z.object({
    seq: meta(z.number().check(z.int()), { description: 'Position in the log; grows by one per entry' }),
    at: Timestamp,
    type: meta(z.string(), { description: `One of: ${AUDIT_TYPES.join(', ')}` }),
    actor: meta(z.nullable(z.string()), { description: 'Username of who acted (or who tried to log in); null when nobody was identified' }),
    ip: meta(z.nullable(z.string()), { description: 'The client address (see TRUST_PROXY)' }),
    userAgent: z.nullable(z.string()),
    via: meta(z.nullable(z.enum(['session', 'token'])), { description: 'How the actor proved who they were' }),
    target: meta(z.nullable(z.string()), { description: 'What was acted on, as `<kind>:<id>`, e.g. `user:8c1f…` or `token:…`' }),
    detail: z.record(z.string(), z.unknown()),
    hash: meta(z.string(), { description: 'SHA-256 (hex) over this entry and the previous entry’s hash' }),
  }),
  { id: 'AuditEntry' },
);
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = meta(listOf(AuditEntry), { id: 'AuditList' });

const filters = {
  type: meta(
    z.optional(
      z.string().check(z.maxLength(500), z.regex(/^[a-z_.]+(,[a-z_.]+)*$/, 'must be one or more entry types (or areas such as "auth"), comma-separated')),
    ),
    { description: 'Entry types, comma-separated; an area without a dot ("auth", "mfa") matches every type in it' },
  ),
  actor: meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64), z.toLowerCase())), { description: 'Username of the actor' }),
  from: meta(z.optional(Timestamp), { description: 'Entries at or after this instant' }),
  to: meta(z.optional(Timestamp), { description: 'Entries before this instant' }),
};

export const AuditQuery = z.strictObject({ ...filters, limit: z._default(Limit, 50), cursor: z.optional(Cursor) });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditExportQuery = z.strictObject({ ...filters, format: z._default(z.enum(['csv', 'json']), 'csv') });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditVerification = meta(
  z.object({
    valid: meta(z.boolean(), { description: 'True when every kept entry is unchanged and none is missing' }),
    entries: meta(z.number().check(z.int()), { description: 'Entries checked' }),
    headSeq: z.number().check(z.int()),
    headHash: meta(z.string(), { description: 'The newest entry’s hash: note it somewhere else to detect a rewritten log later' }),
    prunedThrough: meta(z.number().check(z.int()), { description: 'Entries up to this seq were removed by the retention setting' }),
    problems: meta(z.array(z.object({ seq: z.number().check(z.int()), problem: z.string() })), { description: 'The first problems found (at most 20)' }),
  }),
  { id: 'AuditVerification' },
);
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AUDIT_EXPORT_COLUMNS = ['seq', 'at', 'type', 'actor', 'ip', 'userAgent', 'via', 'target', 'detail', 'hash'] as const;
