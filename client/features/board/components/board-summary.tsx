import { useCallback, useMemo } from 'react';
import { formatDuration } from '#client/lib/format.ts';
import { useLiveMode, POLL_INTERVAL_MS } from '#client/lib/live-mode.ts';
import type { WaitThresholds } from '#client/lib/preferences.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';

/** "12 awaiting · 3 over 72 h · longest 3 days, 1 hour" and whether the board is live. */
export interface BoardSummaryProps {
  items: readonly AwaitingCall[];
  skewMs: number;
  thresholds: WaitThresholds;
  /** False while later pages are still loading: the counts are then "at least". */
  complete: boolean;
}

export function BoardSummary({ items, skewMs, thresholds, complete }: BoardSummaryProps) {
  const starts = useMemo(() => items.map((call) => Date.parse(call.placedAt)), [items]);
  // Counted on each tick but re-rendered only when a count changes.
  const overRed = useTick(useCallback((now: number) => countOver(starts, now + skewMs - thresholds.redHours * 3_600_000), [starts, skewMs, thresholds.redHours]));
  const overAmber = useTick(useCallback((now: number) => countOver(starts, now + skewMs - thresholds.amberHours * 3_600_000), [starts, skewMs, thresholds.amberHours]));
  const oldest = useMemo(() => starts.reduce((min, start) => Math.min(min, start), Infinity), [starts]);
  const longestMinutes = useTick(useCallback((now: number) => (Number.isFinite(oldest) ? Math.floor((now + skewMs - oldest) / 60_000) : 0), [oldest, skewMs]));
  const mode = useLiveMode();
  return (
    <div className="board-summary">
      <p className="board-counts">
        <span>
          <strong>{items.length}</strong>
          {complete ? '' : '+'} awaiting
        </span>
        {complete ? null : <span className="muted">loading the rest…</span>}
        {overAmber - overRed > 0 ? (
          <span className="count-amber">
            <strong>{overAmber - overRed}</strong> over {thresholds.amberHours} h
          </span>
        ) : null}
        {overRed > 0 ? (
          <span className="count-red">
            <strong>{overRed}</strong> over {thresholds.redHours} h
          </span>
        ) : null}
        {items.length ? <span className="muted">longest {formatDuration(longestMinutes * 60_000, 'spoken')}</span> : null}
      </p>
      <p className={`live-indicator live-${mode}`} title={mode === 'live' ? 'Changes by other analysts appear as they happen' : `Refreshing every ${POLL_INTERVAL_MS / 1000} s`}>
        <span className="live-dot" aria-hidden="true" /> {mode === 'live' ? 'Live' : `Refreshing every ${POLL_INTERVAL_MS / 1000} s`}
      </p>
    </div>
  );
}

/** How many start before `cutoff` (the list is sorted oldest first, but this does not rely on it). */
function countOver(starts: readonly number[], cutoff: number): number {
  let count = 0;
  for (const start of starts) if (start <= cutoff) count++;
  return count;
}
