import { formatDateTime, formatRelative } from '#client/lib/format.ts';
import { useMinute } from '#client/lib/ticker.ts';

/** When the call was placed, in the viewer's zone, and how long ago (updated once a minute). */
export function PlacedAt({ iso, skewMs = 0 }: { iso: string; skewMs?: number }) {
  const minute = useMinute(skewMs);
  return (
    <>
      <time dateTime={iso} className="placed-at">
        {formatDateTime(iso)}
      </time>
      <span className="placed-ago">{formatRelative(iso, minute)}</span>
    </>
  );
}
