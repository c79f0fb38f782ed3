import type { AuditEntry } from '#shared/schemas/audit.ts';

/** What each kind of entry means, in words for the table and the filter. */
export const AUDIT_LABELS: Record<string, string> = {
  'auth.setup': 'First admin created',
  'auth.login': 'Logged in',
  'auth.login_failed': 'Login failed',
  'auth.lockout': 'Logins paused',
  'auth.logout': 'Logged out',
  'auth.logout_all': 'Logged out everywhere',
  'auth.password_changed': 'Changed own password',
  'auth.reauthenticated': 'Confirmed identity',
  'mfa.enabled': 'Two-factor turned on',
  'mfa.disabled': 'Two-factor turned off',
  'mfa.recovery_codes_regenerated': 'New recovery codes',
  'mfa.recovery_code_used': 'Recovery code used',
  'mfa.reset': 'Two-factor removed by admin',
  'session.revoked': 'Session ended',
  'token.created': 'Token created',
  'token.revoked': 'Token revoked',
  'token.invalid': 'Bad token used',
  'access.denied': 'Access denied',
  'access.cross_site_refused': 'Cross-site request refused',
  'access.host_refused': 'Foreign host refused',
  'user.created': 'User added',
  'user.updated': 'User renamed',
  'user.role_changed': 'Role changed',
  'user.disabled': 'User disabled',
  'user.enabled': 'User enabled',
  'user.password_reset': 'Password reset by admin',
  'data.exported': 'Data exported',
  'data.imported': 'Data imported',
  'webhook.created': 'Webhook added',
  'webhook.updated': 'Webhook changed',
  'webhook.deleted': 'Webhook deleted',
  'webhook.tested': 'Webhook test sent',
  'webhook.resent': 'Webhook delivery resent',
  'webhook.auto_disabled': 'Failing webhook disabled',
  'alert_rule.created': 'Alert rule added',
  'alert_rule.updated': 'Alert rule changed',
  'alert_rule.deleted': 'Alert rule deleted',
  'audit.exported': 'Audit log exported',
  'audit.pruned': 'Old entries removed',
};

export const AUDIT_AREAS: { value: string; label: string }[] = [
  { value: 'auth', label: 'Logins and logouts' },
  { value: 'mfa', label: 'Two-factor' },
  { value: 'session,token', label: 'Sessions and tokens' },
  { value: 'access', label: 'Refused requests' },
  { value: 'user', label: 'User changes' },
  { value: 'data', label: 'Exports and imports' },
  { value: 'webhook,alert_rule', label: 'Webhooks and alert rules' },
  { value: 'audit', label: 'The audit log itself' },
];

/** Entries whose type says something went wrong or was refused, shown with a warning colour. */
export function isWarning(entry: Pick<AuditEntry, 'type'>): boolean {
  return /login_failed|lockout|denied|refused|invalid|recovery_code_used|mfa\.disabled|mfa\.reset/.test(entry.type);
}

/** The detail object as short "key: value" parts, for one table cell. */
export function detailParts(detail: Record<string, unknown>): string[] {
  return Object.entries(detail).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}
