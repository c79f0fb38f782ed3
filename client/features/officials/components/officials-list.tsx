import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { LocalTime } from '#client/components/ui/local-time.tsx';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import type { Official } from '#shared/schemas/officials.ts';
import { officialsListQuery, type OfficialFilters } from '../api/officials.ts';

/** Officials matching the filters, by name, a hundred at a time. */
export function OfficialsList({ filters, emptyAction, hideMinistry = false }: { filters: OfficialFilters; emptyAction?: ReactNode; hideMinistry?: boolean }) {
  const q = useDeferredValue(filters.q?.trim() || undefined);
  const query = useInfiniteQuery({ ...officialsListQuery({ q, ministryId: filters.ministryId || undefined }), refetchInterval: useLiveRefetchInterval(), placeholderData: keepPreviousData });
  if (query.isPending) return <Loading label="Loading officials…" />;
  if (!query.data) return <Alert title="The officials could not be loaded">{query.error?.message}</Alert>;
  const officials = query.data.pages.flatMap((page) => page.items);
  if (officials.length === 0)
    return <EmptyState title={filters.q || (filters.ministryId && !hideMinistry) ? 'No official matches' : 'No officials yet'}>{emptyAction}</EmptyState>;
  return (
    <>
      <OfficialsTable officials={officials} hideMinistry={hideMinistry} />
      <LoadMore pages={query} />
    </>
  );
}

export function OfficialsTable({ officials, hideMinistry }: { officials: readonly Official[]; hideMinistry?: boolean }) {
  return (
    <table className="table records-table">
      <caption className="visually-hidden">Officials</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Title</th>
          {hideMinistry ? null : <th scope="col">Ministry</th>}
          <th scope="col">Local time now</th>
        </tr>
      </thead>
      <tbody>
        {officials.map((official) => (
          <tr key={official.id}>
            <td data-label="Name">
              <Link to={`/officials/${encodeURIComponent(official.id)}`}>{official.name}</Link>
            </td>
            <td data-label="Title">{official.title}</td>
            {hideMinistry ? null : (
              <td data-label="Ministry">
                {official.ministry.shortName} <span className="muted small">({official.ministry.country})</span>
              </td>
            )}
            <td data-label="Local time now">
              <LocalTime timeZone={official.timeZone} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
