import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { countryLabel } from '#client/lib/country.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { ministriesListQuery, type MinistryFilters } from '../api/ministries.ts';

export function MinistriesList({ filters, emptyAction }: { filters: MinistryFilters; emptyAction?: ReactNode }) {
  const q = useDeferredValue(filters.q?.trim() || undefined);
  const query = useInfiniteQuery({ ...ministriesListQuery({ q, country: filters.country || undefined }), refetchInterval: useLiveRefetchInterval(), placeholderData: keepPreviousData });
  if (query.isPending) return <Loading label="Loading ministries…" />;
  if (!query.data) return <Alert title="The ministries could not be loaded">{query.error?.message}</Alert>;
  const ministries = query.data.pages.flatMap((page) => page.items);
  if (ministries.length === 0) return <EmptyState title={filters.q || filters.country ? 'No ministry matches' : 'No ministries yet'}>{emptyAction}</EmptyState>;
  return (
    <>
      <table className="table records-table">
        <caption className="visually-hidden">Ministries</caption>
        <thead>
          <tr>
            <th scope="col">Short name</th>
            <th scope="col">Name</th>
            <th scope="col">Country</th>
          </tr>
        </thead>
        <tbody>
          {ministries.map((ministry) => (
            <tr key={ministry.id}>
              <td data-label="Short name">
                <Link to={`/ministries/${encodeURIComponent(ministry.id)}`}>{ministry.shortName}</Link>
              </td>
              <td data-label="Name">{ministry.name}</td>
              <td data-label="Country">
                {countryLabel(ministry.country)} <span className="muted small">({ministry.country})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore pages={query} />
    </>
  );
}
