import { useCallback } from 'react';
import { describeElapsed, formatDuration, formatElapsed } from '#client/lib/format.ts';
import { useNow, useTick } from '#client/lib/ticker.ts';

/** "3d 4h" since an instant, re-rendering once a minute (a leaf: lists never subscribe themselves). */
export function WaitingSince({ since }: { since: string }) {
  const start = Date.parse(since);
  const select = useCallback((now: number) => Math.floor((now - start) / 60_000), [start]);
  const minutes = useTick(select);
  return <>{formatDuration(minutes * 60_000)}</>;
}

/** A ticking "73h 04m 12s" timer from an instant. */
export function LiveTimer({ since }: { since: string }) {
  const elapsed = useNow() - Date.parse(since);
  return (
    <span className="tabular" role="timer" aria-label={`Waiting ${describeElapsed(elapsed)}`}>
      {formatElapsed(elapsed)}
    </span>
  );
}
