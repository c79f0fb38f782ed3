import type { CallStatus, Channel } from '#shared/schemas/calls.ts';

export const STATUS_LABELS: Record<CallStatus, string> = {
  awaiting: 'Awaiting',
  answered: 'Answered',
  returned: 'Returned',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  video: 'Video',
  message: 'Message',
  in_person: 'In person',
  other: 'Other',
};

export function StatusBadge({ status }: { status: CallStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
