import { useCallback } from 'react';
import { formatDateTime, formatRelative } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';

/** When the call was placed, in the viewer's zone, and how long ago (updated once a minute). */
export function PlacedAt({ iso, skewMs = 0 }: { iso: string; skewMs?: number }) {
  const minute = useTick(useCallback((now: number) => Math.floor((now + skewMs) / 60_000), [skewMs]));
  return (
    <>
      <time dateTime={iso} className="placed-at">
        {formatDateTime(iso)}
      </time>
      <span className="placed-ago">{formatRelative(iso, minute * 60_000)}</span>
    </>
  );
}
