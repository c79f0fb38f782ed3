import { useCallback } from 'react';
import { formatDuration } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';

/** "3d 4h" since an instant, re-rendering once a minute (a leaf: lists never subscribe themselves). */
export function WaitingSince({ since }: { since: string }) {
  const start = Date.parse(since);
  const minutes = useTick(useCallback((now: number) => Math.floor((now - start) / 60_000), [start]));
  return <>{formatDuration(minutes * 60_000)}</>;
}
