import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime, formatRelative } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { User } from '#shared/schemas/users.ts';
import { usersQuery } from '../api/users.ts';

const minuteOf = (now: number) => Math.floor(now / 60_000) * 60_000;

/** Every account by username: role, whether it can log in, two-factor, last login. */
export function UsersList() {
  const query = useInfiniteQuery(usersQuery);
  const now = useTick(minuteOf);
  if (query.isPending) return <Loading label="Loading users…" />;
  if (query.isError) return <Alert title="The users could not be loaded">{query.error.message}</Alert>;
  const users = query.data.pages.flatMap((page) => page.items);
  return (
    <>
      <table className="table records-table users-table">
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Two-factor</th>
            <th scope="col">Last login</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td data-label="Name">
                <Link to={`/users/${encodeURIComponent(user.id)}`}>{user.displayName}</Link>
              </td>
              <td data-label="Username">{user.username}</td>
              <td data-label="Role">{user.role}</td>
              <td data-label="Status">
                <UserStatus user={user} />
              </td>
              <td data-label="Two-factor">{user.mfaEnabled ? <span className="badge badge-on">On</span> : <span className="muted">Off</span>}</td>
              <td data-label="Last login">
                {user.lastLoginAt ? (
                  <time dateTime={user.lastLoginAt} title={formatDateTime(user.lastLoginAt)}>
                    {formatRelative(user.lastLoginAt, now)}
                  </time>
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore pages={query} />
    </>
  );
}

export function UserStatus({ user }: { user: User }) {
  if (user.disabled) return <span className="badge badge-off">Disabled</span>;
  if (user.mustChangePassword) return <span className="badge badge-expired">Must set password</span>;
  return <span className="badge badge-on">Active</span>;
}
