import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LiveTimer } from '#client/components/ui/live-timer.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { awaitingForMinistryQuery } from '../api/calls.ts';

/** Calls to a ministry still awaiting a reply, longest wait first, with live timers. */
export function OpenCallsToMinistry({ ministryId }: { ministryId: string }) {
  const query = useQuery({ ...awaitingForMinistryQuery(ministryId), refetchInterval: useLiveRefetchInterval() });
  if (query.isPending) return <Loading label="Loading open calls…" />;
  if (query.isError) return <Alert title="The open calls could not be loaded">{query.error.message}</Alert>;
  const calls = query.data.items;
  if (calls.length === 0) return <EmptyState title="No open calls">Every call to this ministry has had an outcome.</EmptyState>;
  return (
    <table className="table records-table">
      <caption className="visually-hidden">Open calls to this ministry, longest wait first</caption>
      <thead>
        <tr>
          <th scope="col">Waiting</th>
          <th scope="col">Callee</th>
          <th scope="col">Caller</th>
          <th scope="col">Topic</th>
          <th scope="col">Placed</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr key={call.id}>
            <td data-label="Waiting" className="nowrap">
              <LiveTimer since={call.placedAt} className="tabular" />
            </td>
            <td data-label="Callee">{call.callee.name}</td>
            <td data-label="Caller">
              {call.caller.name} <span className="muted small">({call.caller.ministry.shortName})</span>
            </td>
            <td data-label="Topic">
              <Link to={`/calls/${encodeURIComponent(call.id)}`}>{call.topic}</Link>
            </td>
            <td data-label="Placed" className="nowrap tabular">
              <time dateTime={call.placedAt}>{formatDateTime(call.placedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
