import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { WaitThresholds } from '#client/lib/preferences.ts';
import { useMediaQuery } from '#client/lib/use-media-query.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { AwaitingRow } from './awaiting-row.tsx';

/** Row heights per layout (px, including the gap below): fixed, so 10,000 rows need no measuring. */
export const ROW_HEIGHT = { wide: 96, medium: 132, phone: 300 } as const;
/** A round's heading when the board is grouped by round. */
export const GROUP_HEIGHT = 48;

export type BoardEntry = { kind: 'call'; call: AwaitingCall; position: number } | { kind: 'group'; key: string; title: string; count: number };

/**
 * The board's rows under a heading per round: the round whose call has
 * waited longest first (the items come longest wait first), calls in no
 * round last. `titles` names each round by id.
 */
export function groupByRound(items: readonly AwaitingCall[], titles: ReadonlyMap<string, string>): BoardEntry[] {
  const groups = new Map<string, AwaitingCall[]>();
  for (const call of items) {
    const key = call.roundId ?? '';
    const group = groups.get(key);
    if (group) group.push(call);
    else groups.set(key, [call]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0));
  const entries: BoardEntry[] = [];
  let position = 0;
  for (const key of keys) {
    const calls = groups.get(key)!;
    entries.push({ kind: 'group', key: `round-${key || 'none'}`, title: key ? (titles.get(key) ?? 'A round') : 'In no round', count: calls.length });
    for (const call of calls) entries.push({ kind: 'call', call, position: ++position });
  }
  return entries;
}

export interface AwaitingListProps {
  items: readonly AwaitingCall[];
  skewMs: number;
  thresholds: WaitThresholds;
  onRecord: (call: AwaitingCall) => void;
  onAttempt: (call: AwaitingCall) => void;
  canRecord: boolean;
  /** Grouped by round: each round's title by id; null or absent, one list, longest wait first. */
  roundTitles?: ReadonlyMap<string, string> | null;
}

/**
 * The board's rows, virtualised against the window's scroll: only the rows
 * in view (plus a few either side) are in the DOM, however many calls wait.
 */
export function AwaitingList({ items, skewMs, thresholds, onRecord, onAttempt, canRecord, roundTitles }: AwaitingListProps) {
  const wide = useMediaQuery('(min-width: 1100px)');
  const phone = useMediaQuery('(max-width: 760px)');
  const rowHeight = wide ? ROW_HEIGHT.wide : phone ? ROW_HEIGHT.phone : ROW_HEIGHT.medium;
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // Where the list starts on the page: it moves when the summary above it wraps.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const measure = () => setScrollMargin(Math.round(list.getBoundingClientRect().top + window.scrollY));
    measure();
    window.addEventListener('resize', measure);
    const observer = typeof ResizeObserver === 'function' && list.parentElement ? new ResizeObserver(measure) : null;
    if (observer && list.parentElement) observer.observe(list.parentElement);
    return () => {
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, []);

  const entries = useMemo<BoardEntry[]>(
    () => (roundTitles ? groupByRound(items, roundTitles) : items.map((call, index) => ({ kind: 'call', call, position: index + 1 }))),
    [items, roundTitles],
  );
  const virtualizer = useWindowVirtualizer({
    count: entries.length,
    estimateSize: (index) => (entries[index]?.kind === 'group' ? GROUP_HEIGHT : rowHeight),
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => {
      const entry = entries[index];
      return entry ? (entry.kind === 'call' ? entry.call.id : entry.key) : index;
    },
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [rowHeight, roundTitles, virtualizer]);

  return (
    <ul ref={listRef} className="board-list" aria-label="Calls awaiting a callback, longest wait first" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((row) => {
        const entry = entries[row.index];
        if (!entry) return null;
        if (entry.kind === 'group') {
          return (
            <li key={row.key} className="board-group" style={{ transform: `translateY(${row.start - scrollMargin}px)`, height: GROUP_HEIGHT - 4 }}>
              <h2>{entry.title}</h2>
              <span className="muted">{entry.count} awaiting</span>
            </li>
          );
        }
        const { call } = entry;
        return (
          <AwaitingRow
            key={row.key}
            call={call}
            skewMs={skewMs}
            thresholds={thresholds}
            onRecord={onRecord}
            onAttempt={onAttempt}
            canRecord={canRecord}
            position={entry.position}
            total={items.length}
            offset={row.start - scrollMargin}
            height={rowHeight - 8}
          />
        );
      })}
    </ul>
  );
}
