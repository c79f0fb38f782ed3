import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { callsListQuery } from '../api/calls.ts';
import { hasActiveFilters, type CallFilters } from '../lib/call-filters.ts';
import { CallsTable } from './calls-table.tsx';

/** The filtered log, a page at a time ("Load more" follows the server's cursor). */
export function CallsList({ filters, onClearFilters }: { filters: CallFilters; onClearFilters: () => void }) {
  const query = useInfiniteQuery({ ...callsListQuery(filters), refetchInterval: useLiveRefetchInterval(), placeholderData: keepPreviousData });
  if (query.isPending) return <Loading label="Loading calls…" />;
  // A failed "Load more" keeps the pages already shown; only a failed first page replaces them.
  if (!query.data)
    return (
      <Alert title="The calls could not be loaded">
        {query.error?.message}{' '}
        <Button size="small" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </Alert>
    );
  const calls = query.data.pages.flatMap((page) => page.items);
  if (calls.length === 0) {
    return hasActiveFilters(filters) ? (
      <EmptyState title="No calls match these filters">
        <Button size="small" onClick={onClearFilters}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title="No calls logged yet">
        <Link to="/log">Log the first call</Link> (or press <kbd>n</kbd> anywhere).
      </EmptyState>
    );
  }
  return (
    <>
      <p className="list-count muted" aria-live="polite">
        {calls.length} call{calls.length === 1 ? '' : 's'} shown{query.hasNextPage ? ', more available' : ''}
        {query.isFetching && !query.isFetchingNextPage ? ' · updating…' : ''}
      </p>
      <CallsTable calls={calls} caption="Calls matching the filters" />
      {query.hasNextPage ? (
        <div className="load-more">
          <Button busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
      {query.isFetchNextPageError ? <Alert title="The next page could not be loaded">Try “Load more” again.</Alert> : null}
    </>
  );
}
