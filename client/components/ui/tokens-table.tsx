import type { ReactNode } from 'react';
import { formatDate, formatDateTime, formatRelative } from '#client/lib/format.ts';
import type { ApiToken } from '#shared/schemas/users.ts';

/** API tokens with their last use and expiry; what to do with each comes from `action`. */
export function TokensTable({ tokens, now, action, caption }: { tokens: readonly ApiToken[]; now: number; action: (token: ApiToken) => ReactNode; caption: string }) {
  return (
    <table className="table records-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => {
          const expired = Date.parse(token.expiresAt) <= now;
          return (
            <tr key={token.id}>
              <td data-label="Name" className="break-anywhere">
                {token.name}
              </td>
              <td data-label="Created">
                <time dateTime={token.createdAt} title={formatDateTime(token.createdAt)}>
                  {formatDate(token.createdAt)}
                </time>
              </td>
              <td data-label="Last used">
                {token.lastUsedAt ? (
                  <time dateTime={token.lastUsedAt} title={formatDateTime(token.lastUsedAt)}>
                    {formatRelative(token.lastUsedAt, now)}
                  </time>
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
              <td data-label="Expires">
                {expired ? <span className="badge badge-expired">Expired</span> : null}{' '}
                <time dateTime={token.expiresAt} title={formatDateTime(token.expiresAt)}>
                  {formatDate(token.expiresAt)}
                </time>
              </td>
              <td data-label="" className="actions-cell">
                {action(token)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
