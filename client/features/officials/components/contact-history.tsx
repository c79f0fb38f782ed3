import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { officialContactsQuery } from '../api/officials.ts';

/** Between this official and each counterpart: attempts either way, replies, what is still open, the last real contact. */
export function ContactHistory({ officialId }: { officialId: string }) {
  const query = useInfiniteQuery({ ...officialContactsQuery(officialId), refetchInterval: useLiveRefetchInterval() });
  if (query.isPending) return <Loading label="Loading contact history…" />;
  if (!query.data) return <Alert title="The contact history could not be loaded">{query.error?.message}</Alert>;
  const contacts = query.data.pages.flatMap((page) => page.items);
  if (contacts.length === 0) return <EmptyState title="No contacts yet">No call to or from this official has been logged.</EmptyState>;
  return (
    <>
      <table className="table records-table contacts-table">
        <caption className="visually-hidden">Contact history with each counterpart, most recent attempt first</caption>
        <thead>
          <tr>
            <th scope="col">Counterpart</th>
            <th scope="col">Attempts</th>
            <th scope="col">Replies</th>
            <th scope="col">Awaiting</th>
            <th scope="col">Last successful contact</th>
            <th scope="col">Last attempt</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr key={contact.counterpart.id}>
              <td data-label="Counterpart">
                <Link to={`/officials/${encodeURIComponent(contact.counterpart.id)}`}>{contact.counterpart.name}</Link>
                <span className="muted small block">
                  {contact.counterpart.title}, {contact.counterpart.ministry.shortName}
                </span>
              </td>
              <td data-label="Attempts" className="tabular">
                {contact.attempts}{' '}
                <span className="muted small">
                  ({contact.outgoing} placed, {contact.incoming} received)
                </span>
              </td>
              <td data-label="Replies" className="tabular">
                {contact.replies}
              </td>
              <td data-label="Awaiting" className="tabular">
                {contact.awaiting ? <span className="badge status-awaiting">{contact.awaiting} open</span> : <span className="muted">0</span>}
              </td>
              <td data-label="Last successful contact">
                {contact.lastContactAt ? <time dateTime={contact.lastContactAt}>{formatDateTime(contact.lastContactAt)}</time> : <span className="muted">Never</span>}
              </td>
              <td data-label="Last attempt">
                <time dateTime={contact.lastAttemptAt}>{formatDateTime(contact.lastAttemptAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore pages={query} />
    </>
  );
}
