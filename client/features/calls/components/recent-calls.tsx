import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { recentCallsQuery } from '../api/calls.ts';
import { CallsTable } from './calls-table.tsx';

const RECENT = 20;

/** An official's latest calls, either side, with a link to the full filtered log. */
export function RecentCallsOf({ officialId }: { officialId: string }) {
  const query = useQuery({ ...recentCallsQuery(officialId, RECENT), refetchInterval: useLiveRefetchInterval() });
  if (query.isPending) return <Loading label="Loading calls…" />;
  if (query.isError) return <Alert title="The calls could not be loaded">{query.error.message}</Alert>;
  if (query.data.items.length === 0) return <EmptyState title="No calls logged with this official yet" />;
  return (
    <>
      <CallsTable calls={query.data.items} caption="Recent calls of this official, newest first" />
      <p>
        <Link to={`/calls?official=${encodeURIComponent(officialId)}`}>{query.data.nextCursor ? 'See all their calls' : 'Open in the call log'} →</Link>
      </p>
    </>
  );
}
