import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from '#client/lib/format.ts';
import { describeUserAgent } from '#client/lib/user-agent.ts';
import type { Session } from '#shared/schemas/auth.ts';

/** Login sessions: which device, from where, since when; what to do with each comes from `action`. */
export function SessionsTable({ sessions, now, action, caption }: { sessions: readonly Session[]; now: number; action?: (session: Session) => ReactNode; caption: string }) {
  return (
    <table className="table records-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Address</th>
          <th scope="col">Logged in</th>
          <th scope="col">Last active</th>
          {action ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <td data-label="Device">
              <span title={session.userAgent ?? undefined}>{describeUserAgent(session.userAgent)}</span>
              {session.current ? <span className="badge badge-current">This session</span> : null}
            </td>
            <td data-label="Address">{session.ip ?? <span className="muted">Unknown</span>}</td>
            <td data-label="Logged in">
              <time dateTime={session.createdAt}>{formatDateTime(session.createdAt)}</time>
            </td>
            <td data-label="Last active">
              <time dateTime={session.lastSeenAt} title={formatDateTime(session.lastSeenAt)}>
                {formatRelative(session.lastSeenAt, now)}
              </time>
            </td>
            {action ? (
              <td data-label="" className="actions-cell">
                {action(session)}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
