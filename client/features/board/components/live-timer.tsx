import { useCallback } from 'react';
import { describeElapsed, formatElapsed } from '#client/lib/format.ts';
import { useNow, useTick } from '#client/lib/ticker.ts';

/**
 * The elapsed time since `since` (epoch ms), ticking with the page's shared
 * clock. It is the only part of a row that renders every second. Computed
 * from UTC instants, so neither DST nor the viewer's zone can skew it.
 */
export function LiveTimer({ since, skewMs = 0 }: { since: number; skewMs?: number }) {
  const now = useNow() + skewMs;
  const elapsed = now - since;
  return (
    <span className="timer" role="timer" aria-label={`Waiting ${describeElapsed(elapsed)}`}>
      {formatElapsed(elapsed)}
    </span>
  );
}

/** The whole minutes since `since`: for labels that change once a minute, not every second. */
export function useMinutesSince(since: number, skewMs = 0): number {
  const select = useCallback((now: number) => Math.floor((now + skewMs - since) / 60_000), [since, skewMs]);
  return useTick(select);
}
