import { useCallback } from 'react';
import { waitLevel, type WaitLevel, type WaitThresholds } from '#client/lib/preferences.ts';
import { useTick } from '#client/lib/ticker.ts';

/** The row's colour band; re-renders the row only when the band changes, not every second. */
export function useWaitLevel(since: number, skewMs: number, thresholds: WaitThresholds): WaitLevel {
  const select = useCallback((now: number) => waitLevel(now + skewMs - since, thresholds), [since, skewMs, thresholds]);
  return useTick(select);
}

export function levelLabel(level: WaitLevel, thresholds: WaitThresholds): string | null {
  if (level === 'red') return `over ${thresholds.redHours} h`;
  if (level === 'amber') return `over ${thresholds.amberHours} h`;
  return null;
}
