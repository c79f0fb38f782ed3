import { z } from 'zod';
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

export const AuditEntry = z
  .object({
    seq: z.number().int().meta({ description: 'Position in the log; grows by one per entry' }),
    at: Timestamp,
    type: z.string().meta({ description: `One of: ${AUDIT_TYPES.join(', ')}` }),
    actor: z.string().nullable().meta({ description: 'Username of who acted (or who tried to log in); null when nobody was identified' }),
    ip: z.string().nullable().meta({ description: 'The client address (see TRUST_PROXY)' }),
    userAgent: z.string().nullable(),
    via: z.enum(['session', 'token']).nullable().meta({ description: 'How the actor proved who they were' }),
    target: z.string().nullable().meta({ description: 'What was acted on, as `<kind>:<id>`, e.g. `user:8c1f…` or `token:…`' }),
    detail: z.record(z.string(), z.unknown()),
    hash: z.string().meta({ description: 'SHA-256 (hex) over this entry and the previous entry’s hash' }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = listOf(AuditEntry).meta({ id: 'AuditList' });

const filters = {
  type: z
    .string()
    .max(500)
    .regex(/^[a-z_.]+(,[a-z_.]+)*$/, 'must be one or more entry types (or areas such as "auth"), comma-separated')
    .optional()
    .meta({ description: 'Entry types, comma-separated; an area without a dot ("auth", "mfa") matches every type in it' }),
  actor: z.string().trim().min(1).max(64).toLowerCase().optional().meta({ description: 'Username of the actor' }),
  from: Timestamp.optional().meta({ description: 'Entries at or after this instant' }),
  to: Timestamp.optional().meta({ description: 'Entries before this instant' }),
};

export const AuditQuery = z.strictObject({ ...filters, limit: Limit.default(50), cursor: Cursor.optional() });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditExportQuery = z.strictObject({ ...filters, format: z.enum(['csv', 'json']).default('csv') });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditVerification = z
  .object({
    valid: z.boolean().meta({ description: 'True when every kept entry is unchanged and none is missing' }),
    entries: z.number().int().meta({ description: 'Entries checked' }),
    headSeq: z.number().int(),
    headHash: z.string().meta({ description: 'The newest entry’s hash: note it somewhere else to detect a rewritten log later' }),
    prunedThrough: z.number().int().meta({ description: 'Entries up to this seq were removed by the retention setting' }),
    problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })).meta({ description: 'The first problems found (at most 20)' }),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AUDIT_EXPORT_COLUMNS = ['seq', 'at', 'type', 'actor', 'ip', 'userAgent', 'via', 'target', 'detail', 'hash'] as const;
