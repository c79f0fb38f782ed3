import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { type AlertChannel, type AlertKind, type AlertRule, AlertRuleCreate, type AlertRulePatch, alertRuleProblems } from '#shared/schemas/alerts.ts';

export const KIND_LABELS: Record<AlertKind, string> = {
  wait_exceeds: 'A wait exceeds a number of hours',
  unusual_wait: 'A wait is unusual for the ministry',
  promise_broken: 'A promised callback is broken',
  replied: 'A reply arrived',
};

export const CHANNEL_LABELS: Record<AlertChannel, string> = { app: 'In the app', email: 'By email', webhook: 'To a webhook' };

export interface RuleFormValues {
  name: string;
  kind: AlertKind;
  hours: string;
  ministryId: string;
  roundId: string;
  channels: AlertChannel[];
  webhookId: string;
  enabled: boolean;
}

const HOUR = 3600_000;

export function ruleFormValues(rule?: AlertRule): RuleFormValues {
  return {
    name: rule?.name ?? '',
    kind: rule?.kind ?? 'wait_exceeds',
    hours: rule?.thresholdMs ? String(rule.thresholdMs / HOUR) : rule ? '' : '72',
    ministryId: rule?.ministryId ?? '',
    roundId: rule?.roundId ?? '',
    channels: rule?.channels ?? ['app'],
    webhookId: rule?.webhookId ?? '',
    enabled: rule?.enabled ?? true,
  };
}

/** The form as a create body, checked with the server's own schema and rules; a threshold in hours becomes ms. */
export function ruleBodyFromForm(values: RuleFormValues): { ok: true; body: AlertRuleCreate & AlertRulePatch } | { ok: false; errors: FieldErrors } {
  const hours = Number(values.hours);
  const thresholdMs = values.kind === 'wait_exceeds' ? (values.hours.trim() === '' || !Number.isFinite(hours) ? null : Math.round(hours * HOUR)) : null;
  const body = {
    name: values.name,
    kind: values.kind,
    thresholdMs,
    ministryId: values.ministryId || null,
    roundId: values.roundId.trim() || null,
    channels: values.channels,
    webhookId: values.channels.includes('webhook') ? values.webhookId.trim() || null : null,
    enabled: values.enabled,
  };
  const parsed = AlertRuleCreate.safeParse(body);
  const problems = alertRuleProblems(body);
  if (!parsed.success || problems.length > 0) {
    const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...fieldErrors(problems) };
    // The form asks for hours: say it in hours.
    if (errors.thresholdMs) errors.hours = values.kind === 'wait_exceeds' && thresholdMs !== null ? 'must be between 1 minute and a year' : 'is required';
    return { ok: false, errors };
  }
  return { ok: true, body };
}
