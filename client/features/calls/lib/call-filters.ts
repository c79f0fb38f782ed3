import { dayStartIso } from '#client/lib/format.ts';
import { CallStatus } from '#shared/schemas/calls.ts';

/**
 * The calls page's filters, as they live in the URL (so a filtered view can be
 * bookmarked, shared and restored with Back). Dates are the viewer's calendar
 * days, both ends inclusive.
 */
export interface CallFilters {
  status: CallStatus[];
  ministryId?: string;
  officialId?: string;
  from?: string;
  to?: string;
  q?: string;
  order: 'desc' | 'asc';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseFilters(params: URLSearchParams): CallFilters {
  const status = (params.get('status') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is CallStatus => CallStatus.safeParse(s).success);
  const filters: CallFilters = { status: [...new Set(status)].sort(byStatusOrder), order: params.get('order') === 'asc' ? 'asc' : 'desc' };
  const ministryId = params.get('ministry')?.trim();
  const officialId = params.get('official')?.trim();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const q = params.get('q')?.trim();
  if (ministryId) filters.ministryId = ministryId;
  if (officialId) filters.officialId = officialId;
  if (DAY.test(from)) filters.from = from;
  if (DAY.test(to)) filters.to = to;
  if (q) filters.q = q.slice(0, 200);
  return filters;
}

export function toSearchParams(filters: CallFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.ministryId) params.set('ministry', filters.ministryId);
  if (filters.officialId) params.set('official', filters.officialId);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.q) params.set('q', filters.q);
  if (filters.order === 'asc') params.set('order', 'asc');
  return params;
}

/** The GET /api/calls query for these filters. */
export function toApiQuery(filters: CallFilters): Record<string, string | undefined> {
  return {
    status: filters.status.length ? filters.status.join(',') : undefined,
    ministryId: filters.ministryId,
    officialId: filters.officialId,
    from: filters.from ? (dayStartIso(filters.from) ?? undefined) : undefined,
    to: filters.to ? (dayStartIso(filters.to, true) ?? undefined) : undefined,
    q: filters.q,
    order: filters.order,
  };
}

export function hasActiveFilters(filters: CallFilters): boolean {
  return filters.status.length > 0 || Boolean(filters.ministryId || filters.officialId || filters.from || filters.to || filters.q);
}

function byStatusOrder(a: CallStatus, b: CallStatus): number {
  return CallStatus.options.indexOf(a) - CallStatus.options.indexOf(b);
}
