import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import { callHistoryQuery } from '../api/calls.ts';
import { CallHistory } from './call-history.tsx';

/**
 * The page of a call that is no longer there: from its history, what was
 * deleted, by whom and when (the history keeps the call as it was); a plain
 * "not found" when there is no history either.
 */
export function DeletedCall({ id }: { id: string }) {
  const history = useInfiniteQuery(callHistoryQuery(id));
  const entries = history.data?.pages.flatMap((page) => page.items) ?? [];
  const deletion = entries.findLast((entry) => entry.action === 'delete');
  const topic = typeof deletion?.before?.topic === 'string' ? deletion.before.topic : null;
  return (
    <>
      <PageHeader title={deletion ? `Deleted: ${topic ?? 'a call'}` : 'Call not found'} />
      <Alert
        tone="warning"
        title={deletion ? `This call was deleted by ${deletion.actorName} on ${formatDateTime(deletion.at)}.` : 'This call does not exist or was deleted.'}
      >
        {deletion ? 'What it held when it was deleted is in its history below. ' : null}
        <Link to="/calls">Back to all calls</Link>
      </Alert>
      {entries.length > 0 || history.isPending ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <CallHistory callId={id} />
        </section>
      ) : null}
    </>
  );
}
