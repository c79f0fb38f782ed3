import { Link } from 'react-router';
import { AttemptNote } from '#client/components/ui/attempt-note.tsx';
import { LiveTimer } from '#client/components/ui/live-timer.tsx';
import { formatDateTime, formatDuration } from '#client/lib/format.ts';
import { STATUS_LABELS } from '#shared/domain/call-labels.ts';
import type { RoundCall } from '#shared/schemas/rounds.ts';

/** How a member's wait reads: a live timer while it awaits (the board's shared clock), else how long the reply took. */
function Wait({ call, skewMs }: { call: RoundCall; skewMs: number }) {
  if (call.status === 'awaiting') return <LiveTimer since={call.placedAt} skewMs={skewMs} />;
  if (call.responseMs !== null) return <span className="tabular">replied after {formatDuration(call.responseMs)}</span>;
  if (call.closedAt) return <span className="tabular muted">withdrawn after {formatDuration(Date.parse(call.closedAt) - Date.parse(call.placedAt))}</span>;
  return null;
}

/** The round's calls: each callee, their status, their wait (live) or reply time, and how often they were tried. */
export function RoundMembers({ calls, skewMs }: { calls: readonly RoundCall[]; skewMs: number }) {
  return (
    <table className="table round-members">
      <caption className="visually-hidden">The round’s calls, still awaiting first, longest wait first</caption>
      <thead>
        <tr>
          <th scope="col">Callee</th>
          <th scope="col">Status</th>
          <th scope="col">Wait</th>
          <th scope="col">Tries</th>
          <th scope="col">First tried</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr key={call.id} data-call-id={call.id}>
            <th scope="row">
              <Link to={`/calls/${encodeURIComponent(call.id)}`}>{call.callee.name}</Link>
              <span className="round-member-sub">
                {call.callee.title} · {call.callee.ministry.shortName} ({call.callee.ministry.country})
              </span>
            </th>
            <td>
              <span className={`badge status-${call.status}`}>{STATUS_LABELS[call.status]}</span>
            </td>
            <td>
              <Wait call={call} skewMs={skewMs} />
            </td>
            <td>
              {call.attempts > 1 ? <AttemptNote attempts={call.attempts} lastAttemptAt={call.lastAttemptAt} skewMs={skewMs} /> : <span className="muted">1 try</span>}
            </td>
            <td>
              <time dateTime={call.placedAt}>{formatDateTime(call.placedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
