import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { anyCallQuery } from '#client/features/calls/api/calls.ts';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { thresholdsStore } from '#client/lib/preferences.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { useAwaiting } from '../api/awaiting.ts';
import { useRecordOutcome } from '../api/record-outcome.ts';
import { useBoardMarks } from '../lib/board-marks.ts';
import { nextAvailabilityChange } from '../lib/working-clock.ts';
import { AwaitingList } from './awaiting-list.tsx';
import { BoardSummary } from './board-summary.tsx';
import { OutcomeDialog } from './outcome-dialog.tsx';

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

/** The awaiting-callback board: every open call, longest wait first, with live timers. */
export function AwaitingBoard({ canRecord }: { canRecord: boolean }) {
  const { query: awaiting, board, complete } = useAwaiting();
  const thresholds = thresholdsStore.useValue();
  const record = useRecordOutcome();
  const [recording, setRecording] = useState<AwaitingCall | null>(null);
  const [filter, setFilter] = useState('');
  const needle = useDeferredValue(filter.trim());
  const onRecord = useCallback((call: AwaitingCall) => setRecording(call), []);

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
      {all && all.length > 0 ? (
        <div className="board-tools">
          <label className="board-filter">
            <span className="visually-hidden">Filter the board</span>
            <input type="search" placeholder="Filter by name, ministry, country or topic" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          {needle ? (
            <span className="muted" role="status">
              {items.length} of {all.length} shown
            </span>
          ) : null}
        </div>
      ) : null}
      {all && all.length === 0 ? (
        <NothingAwaiting canRecord={canRecord} />
      ) : items.length === 0 ? (
        <EmptyState title="No open call matches the filter" />
      ) : (
        <AwaitingList items={items} skewMs={skewMs} thresholds={thresholds} onRecord={onRecord} canRecord={canRecord} />
      )}
      <OutcomeDialog
        call={recording}
        skewMs={skewMs}
        onClose={() => setRecording(null)}
        onRecord={(status, at) => {
          if (recording) record.mutate({ call: recording, status, at });
          setRecording(null);
        }}
      />
    </section>
  );
}
