import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { WaitThresholds } from '#client/lib/preferences.ts';
import { useMediaQuery } from '#client/lib/use-media-query.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { AwaitingRow } from './awaiting-row.tsx';

/** Row heights per layout (px, including the gap below): fixed, so 10,000 rows need no measuring. */
export const ROW_HEIGHT = { wide: 96, medium: 132, phone: 300 } as const;

export interface AwaitingListProps {
  items: readonly AwaitingCall[];
  skewMs: number;
  thresholds: WaitThresholds;
  onRecord: (call: AwaitingCall) => void;
  canRecord: boolean;
}

/**
 * The board's rows, virtualised against the window's scroll: only the rows
 * in view (plus a few either side) are in the DOM, however many calls wait.
 */
export function AwaitingList({ items, skewMs, thresholds, onRecord, canRecord }: AwaitingListProps) {
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

  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  return (
    <ul ref={listRef} className="board-list" aria-label="Calls awaiting a callback, longest wait first" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((row) => {
        const call = items[row.index];
        if (!call) return null;
        return (
          <AwaitingRow
            key={row.key}
            call={call}
            skewMs={skewMs}
            thresholds={thresholds}
            onRecord={onRecord}
            canRecord={canRecord}
            position={row.index + 1}
            total={items.length}
            offset={row.start - scrollMargin}
            height={rowHeight - 8}
          />
        );
      })}
    </ul>
  );
}
