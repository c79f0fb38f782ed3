import { Link } from 'react-router';
import { formatDateTime, formatDuration } from '#client/lib/format.ts';
import { CHANNEL_LABELS } from '#shared/domain/call-labels.ts';
import type { Call } from '#shared/schemas/calls.ts';
import { StatusBadge } from './call-labels.tsx';
import { WaitingSince } from './waiting-since.tsx';

/**
 * Calls as a table on wide screens and as stacked cards on a phone (the same
 * markup: each cell carries its column name for the narrow layout).
 */
export function CallsTable({ calls, caption }: { calls: readonly Call[]; caption: string }) {
  return (
    <table className="table records-table calls-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Placed</th>
          <th scope="col">Caller → callee</th>
          <th scope="col">Channel</th>
          <th scope="col">Topic</th>
          <th scope="col">Status</th>
          <th scope="col">Response time</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <CallRow key={call.id} call={call} />
        ))}
      </tbody>
    </table>
  );
}

function CallRow({ call }: { call: Call }) {
  return (
    <tr>
      <td data-label="Placed" className="nowrap tabular">
        <time dateTime={call.placedAt}>{formatDateTime(call.placedAt)}</time>
      </td>
      <td data-label="Caller → callee" className="parties-cell">
        <span className="call-parties">
          <span>
            {call.caller.name} <span className="muted small">({call.caller.ministry.shortName})</span>
          </span>
          <span aria-hidden="true" className="muted">
            {' → '}
          </span>
          <span className="visually-hidden"> to </span>
          <span>
            {call.callee.name} <span className="muted small">({call.callee.ministry.shortName})</span>
          </span>
        </span>
      </td>
      <td data-label="Channel">{CHANNEL_LABELS[call.channel]}</td>
      <td data-label="Topic" className="topic-cell">
        <Link to={`/calls/${encodeURIComponent(call.id)}`}>{call.topic}</Link>
      </td>
      <td data-label="Status">
        <StatusBadge status={call.status} />
      </td>
      <td data-label="Response time" className="nowrap tabular">
        <ResponseTime call={call} />
      </td>
    </tr>
  );
}

/** The reply's delay; for an open call, how long it has waited so far. */
export function ResponseTime({ call }: { call: Pick<Call, 'status' | 'responseMs' | 'placedAt'> }) {
  // An answered call was taken when placed: "0s" would read like missing data.
  if (call.status === 'answered' && (call.responseMs ?? 0) < 60_000) return <span title="The callee took the call when it was placed">at once</span>;
  if (call.responseMs !== null) return <>{formatDuration(call.responseMs)}</>;
  if (call.status === 'awaiting')
    return (
      <span className="muted">
        waiting <WaitingSince since={call.placedAt} />
      </span>
    );
  return (
    <span className="muted" aria-label="none">
      —
    </span>
  );
}
