import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { useMinute } from '#client/lib/ticker.ts';
import type { Round } from '#shared/schemas/rounds.ts';
import { roundsListQuery } from '../api/rounds.ts';
import { progressLine } from '../lib/headline.ts';
import '../rounds.css';

export const roundPath = (id: string) => `/rounds/${encodeURIComponent(id)}`;

/** "4 called · 3 replied · 1 awaiting 74 h", the hours moving on once a minute after the list arrived. */
function Progress({ round, receivedAt }: { round: Round; receivedAt: number }) {
  const minute = useMinute();
  return <p className="round-progress">{progressLine(round.summary, Math.max(0, minute - receivedAt))}</p>;
}

function RoundItem({ round, receivedAt }: { round: Round; receivedAt: number }) {
  const when = round.triggerAt ?? round.createdAt;
  return (
    <li className={`card round-item${round.summary.awaiting > 0 ? ' round-open' : ''}`}>
      <div>
        <p className="round-item-title">
          <Link to={roundPath(round.id)}>{round.title}</Link>
        </p>
        <p className="muted">
          {round.trigger !== round.title ? `${round.trigger} · ` : ''}
          <time dateTime={when}>{formatDateTime(when)}</time>
          {round.initiator ? ` · by ${round.initiator.name}` : ''}
        </p>
      </div>
      <Progress round={round} receivedAt={receivedAt} />
    </li>
  );
}

/** One part of the list: the open rounds, or the settled ones. */
function RoundSection({ open, title, empty }: { open: boolean; title: string; empty: string }) {
  const query = useInfiniteQuery({ ...roundsListQuery(open), refetchInterval: useLiveRefetchInterval() });
  const id = open ? 'rounds-open-title' : 'rounds-settled-title';
  if (query.isPending) return <Loading label="Loading the rounds…" />;
  if (query.isError) return <Alert title="The rounds could not be loaded">{query.error.message}</Alert>;
  // The full list holds the open rounds too: they are shown above.
  const rounds = query.data.pages.flatMap((page) => page.items).filter((round) => open || round.summary.awaiting === 0);
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rounds.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="rounds-list">
          {rounds.map((round) => (
            <RoundItem key={round.id} round={round} receivedAt={query.dataUpdatedAt} />
          ))}
        </ul>
      )}
      <LoadMore pages={query} />
    </section>
  );
}

/** Every round, open ones (a call still awaiting) first, each with its progress at a glance. */
export function RoundsList({ canLog }: { canLog: boolean }) {
  const any = useInfiniteQuery(roundsListQuery(false));
  if (any.isSuccess && any.data.pages[0]?.items.length === 0) {
    return (
      <EmptyState title="No rounds logged yet">
        A round is the calls placed because of one event: the trigger, who reached out, and everyone called. {canLog ? <Link to="/rounds/new">Log a round</Link> : null}
      </EmptyState>
    );
  }
  return (
    <>
      <RoundSection open title="Still awaiting replies" empty="Every round has had all its replies." />
      <RoundSection open={false} title="Settled" empty="No round is settled yet: each still waits for a reply." />
    </>
  );
}
