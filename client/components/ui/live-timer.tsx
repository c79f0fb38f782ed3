import { formatDuration } from '#client/lib/format.ts';
import { useNow } from '#client/lib/ticker.ts';

export interface LiveTimerProps {
  /** When the wait began: epoch ms or an ISO instant. */
  since: number | string;
  /** How far the server's clock runs ahead of this browser's, so a wrong clock still shows the true wait. */
  skewMs?: number;
  className?: string;
}

/**
 * The elapsed time since `since`, ticking with the page's shared clock: the
 * only part of a row that renders every second. Computed from UTC instants,
 * so neither DST nor the viewer's zone can skew it.
 */
export function LiveTimer({ since, skewMs = 0, className = 'timer' }: LiveTimerProps) {
  const start = typeof since === 'number' ? since : Date.parse(since);
  const elapsed = useNow() + skewMs - start;
  return (
    <span className={className} role="timer" aria-label={`Waiting ${formatDuration(elapsed, 'spoken')}`}>
      {formatDuration(elapsed, 'timer')}
    </span>
  );
}
