import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { LiveTimer } from '#client/components/ui/live-timer.tsx';
import { useRecordAttempt } from '#client/features/calls/api/attempts.ts';
import { anyCallQuery } from '#client/features/calls/api/calls.ts';
import { roundOptionsQuery } from '#client/features/rounds/api/rounds.ts';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { formatDateTime, ordinal } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import { boardLayoutStore, thresholdsStore } from '#client/lib/preferences.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { useAwaiting } from '../api/awaiting.ts';
import { useRecordOutcome } from '../api/record-outcome.ts';
import { useBoardMarks } from '../lib/board-marks.ts';
import { nextAvailabilityChange } from '../lib/working-clock.ts';
import { AwaitingList } from './awaiting-list.tsx';
import { BoardSummary } from './board-summary.tsx';

// The dialogs load when a row's button first asks for one: the board's first
// rows do not need them.
const OutcomeDialog = lazy(() => import('./outcome-dialog.tsx').then((module) => ({ default: module.OutcomeDialog })));
const AttemptDialog = lazy(() => import('#client/components/ui/attempt-dialog.tsx').then((module) => ({ default: module.AttemptDialog })));

/** Text a filter matches: both parties, the callee's ministry and country, the topic. */
export function matchesFilter(call: AwaitingCall, needle: string): boolean {
  if (!needle) return true;
  const haystack = [call.caller.name, call.callee.name, call.callee.ministry.shortName, call.callee.ministry.name, call.callee.ministry.country, call.topic]
    .join(' ')
    .toLowerCase();
  return needle
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

/** Fetches the board again when a callee's availability next changes (their hours end, a trip is over). */
function useRefetchWhenAvailabilityChanges(items: readonly AwaitingCall[] | undefined, skewMs: number) {
  const client = useQueryClient();
  const next = useMemo(() => (items ? nextAvailabilityChange(items) : null), [items]);
  useEffect(() => {
    if (next === null) return;
    // Timers cap at about 24.8 days; a later change is picked up by any refetch before then.
    const delay = Math.min(2 ** 31 - 1, Math.max(1_000, next - skewMs - Date.now() + 1_000));
    const timer = setTimeout(() => void client.invalidateQueries({ queryKey: queryRoots.awaiting }), delay);
    return () => clearTimeout(timer);
  }, [client, next, skewMs]);
}

function AttemptLine({ call, skewMs }: { call: AwaitingCall; skewMs: number }) {
  return (
    <>
      {call.caller.name} → <strong>{call.callee.name}</strong> ({call.callee.ministry.shortName}), first tried {formatDateTime(call.placedAt)}; waiting{' '}
      <LiveTimer since={Date.parse(call.placedAt)} skewMs={skewMs} />
      {call.attempts > 1 ? `, ${call.attempts} tries so far` : ''}.
    </>
  );
}

/** An empty board: on a fresh install, nothing has been logged yet — it says so rather than "all answered". */
function NothingAwaiting({ canRecord }: { canRecord: boolean }) {
  const any = useQuery(anyCallQuery());
  if (any.isPending) return null;
  const logLink = canRecord ? <Link to="/log">{any.data === false ? 'Log the first call' : 'Log a call'}</Link> : null;
  return any.data === false ? (
    <EmptyState title="No calls logged yet">Calls you log appear here while they wait for a reply, longest wait first. {logLink}</EmptyState>
  ) : (
    <EmptyState title="Nobody owes you a call">Every call logged so far has been answered, returned, declined or withdrawn. {logLink}</EmptyState>
  );
}

/** A select of rounds (the rounds feature's), composed in by the page: the board filters to one round. */
export type RenderRoundFilter = (props: { id: string; value: string; onChange: (roundId: string) => void; emptyLabel: string }) => ReactNode;

/** Each round's title by id, for the headings of a board grouped by round; null while not grouped. */
function useRoundTitles(grouped: boolean): ReadonlyMap<string, string> | null {
  const rounds = useQuery({ ...roundOptionsQuery, enabled: grouped });
  return useMemo(() => (grouped ? new Map((rounds.data?.items ?? []).map((round) => [round.id, round.title])) : null), [grouped, rounds.data]);
}

/** The awaiting-callback board: every open call, longest wait first, with live timers. */
export function AwaitingBoard({ canRecord, renderRoundFilter }: { canRecord: boolean; renderRoundFilter?: RenderRoundFilter }) {
  const [params, setParams] = useSearchParams();
  const roundId = params.get('roundId') ?? '';
  const { query: awaiting, board, complete } = useAwaiting(roundId || undefined);
  const thresholds = thresholdsStore.useValue();
  const layout = boardLayoutStore.useValue();
  const roundTitles = useRoundTitles(layout.groupByRound && !roundId);
  const record = useRecordOutcome();
  const attempt = useRecordAttempt();
  const [recording, setRecording] = useState<AwaitingCall | null>(null);
  const [trying, setTrying] = useState<AwaitingCall | null>(null);
  // Once loaded, the dialogs stay mounted (closed) like any other: closing
  // one then returns focus to the row's button, as <dialog> does.
  const [dialogsWanted, setDialogsWanted] = useState(false);
  const [filter, setFilter] = useState('');
  const needle = useDeferredValue(filter.trim());
  const onRecord = useCallback((call: AwaitingCall) => {
    setDialogsWanted(true);
    setRecording(call);
  }, []);
  const onAttempt = useCallback((call: AwaitingCall) => {
    setDialogsWanted(true);
    setTrying(call);
  }, []);
  const roundFilterId = useId();
  const setRound = (next: string) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('roundId', next);
        else updated.delete('roundId');
        return updated;
      },
      { replace: true },
    );

  const all = awaiting.data ? board.items : undefined;
  useRefetchWhenAvailabilityChanges(all, board.skewMs);
  useBoardMarks(all?.length ?? 0, complete);
  const items = useMemo(() => (all && needle ? all.filter((call) => matchesFilter(call, needle)) : (all ?? [])), [all, needle]);

  if (awaiting.isPending) return <Loading label="Loading the open calls…" />;
  if (awaiting.isError) return <Alert title="The board could not be loaded">{awaiting.error.message}</Alert>;

  const skewMs = board.skewMs;
  return (
    <section aria-label="Awaiting callback">
      <BoardSummary items={all ?? []} skewMs={skewMs} thresholds={thresholds} complete={complete} />
      {(all && all.length > 0) || roundId ? (
        <div className="board-tools">
          <label className="board-filter">
            <span className="visually-hidden">Filter the board</span>
            <input type="search" placeholder="Filter by name, ministry, country or topic" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          {renderRoundFilter ? (
            <span className="board-round-filter">
              <label htmlFor={roundFilterId}>Round</label>
              {renderRoundFilter({ id: roundFilterId, value: roundId, onChange: setRound, emptyLabel: 'Every round' })}
            </span>
          ) : null}
          <label className="board-group-toggle">
            <input
              type="checkbox"
              checked={layout.groupByRound}
              disabled={Boolean(roundId)}
              onChange={(e) => boardLayoutStore.write({ ...layout, groupByRound: e.target.checked })}
            />{' '}
            Group by round
          </label>
          {needle ? (
            <span className="muted" role="status">
              {items.length} of {all?.length ?? 0} shown
            </span>
          ) : null}
        </div>
      ) : null}
      {all && all.length === 0 && roundId ? (
        <EmptyState title="Nobody in this round owes you a call">
          Every call of this round has had its reply or was withdrawn. <Link to={`/rounds/${encodeURIComponent(roundId)}`}>See the round</Link>
        </EmptyState>
      ) : all && all.length === 0 ? (
        <NothingAwaiting canRecord={canRecord} />
      ) : items.length === 0 ? (
        <EmptyState title="No open call matches the filter" />
      ) : (
        <AwaitingList items={items} skewMs={skewMs} thresholds={thresholds} onRecord={onRecord} onAttempt={onAttempt} canRecord={canRecord} roundTitles={roundTitles} />
      )}
      {dialogsWanted ? (
        <Suspense fallback={null}>
          <OutcomeDialog
            call={recording}
            skewMs={skewMs}
            onClose={() => setRecording(null)}
            onRecord={(status, at) => {
              if (recording) record.mutate({ call: recording, status, at });
              setRecording(null);
            }}
          />
          <AttemptDialog
            call={trying}
            description={trying ? <AttemptLine call={trying} skewMs={skewMs} /> : undefined}
            onClose={() => setTrying(null)}
            onSubmit={async (body) => {
              if (!trying) return;
              await attempt.mutateAsync({ callId: trying.id, body });
              notify(`Recorded: the ${ordinal(trying.attempts + 1)} attempt to reach ${trying.callee.name}. The wait still runs from the first try.`, 'success');
              setTrying(null);
            }}
          />
        </Suspense>
      ) : null}
    </section>
  );
}
