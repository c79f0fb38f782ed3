import { formatDateTime } from '#client/lib/format.ts';
import { CHANNEL_LABELS, STATUS_LABELS } from '#shared/domain/call-labels.ts';
import { CallStatus, Channel } from '#shared/schemas/calls.ts';
import { CALL_FIELD_LABELS, DERIVED_FIELD_LABELS, type CallField } from '../lib/call-diff.ts';
import { SourceText } from '#client/components/ui/source-text.tsx';

export function fieldLabel(field: string): string {
  return CALL_FIELD_LABELS[field as CallField] ?? DERIVED_FIELD_LABELS[field] ?? field;
}

interface Named {
  id?: unknown;
  name?: unknown;
}

/**
 * One field's value as an analyst reads it: names instead of ids (taken from
 * the snapshot that holds the value, or from `names`), dates in their zone,
 * labels instead of codes, and "empty" for nothing.
 */
export function FieldValue({ field, value, snapshot, names }: { field: string; value: unknown; snapshot?: Record<string, unknown> | null; names?: Record<string, string> }) {
  if (value === null || value === undefined || value === '') return <span className="muted">empty</span>;
  if ((field === 'callerId' || field === 'calleeId') && typeof value === 'string') {
    const party = snapshot?.[field === 'callerId' ? 'caller' : 'callee'] as Named | undefined;
    const name = party && party.id === value && typeof party.name === 'string' ? party.name : names?.[value];
    return <>{name ?? value}</>;
  }
  if ((field === 'placedAt' || field === 'respondedAt' || field === 'closedAt' || field === 'lastAttemptAt') && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return <time dateTime={value}>{formatDateTime(value)}</time>;
  }
  if (field === 'status' && CallStatus.safeParse(value).success) return <>{STATUS_LABELS[value as CallStatus]}</>;
  if (field === 'channel' && Channel.safeParse(value).success) return <>{CHANNEL_LABELS[value as Channel]}</>;
  if (field === 'source' && typeof value === 'string') return <SourceText source={value} />;
  if (typeof value === 'string') return <span className="prewrap">{value}</span>;
  return <>{JSON.stringify(value)}</>;
}
