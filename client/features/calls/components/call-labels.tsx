import { STATUS_LABELS } from '#shared/domain/call-labels.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';

export function StatusBadge({ status }: { status: CallStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
