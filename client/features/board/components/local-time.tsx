import { useCallback } from 'react';
import { localTimeIn } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';

/** "02:14 in Moscow, night": the callee's wall clock, re-rendered once a minute. */
export function LocalTime({ timeZone }: { timeZone: string }) {
  const minute = useTick(useCallback((now: number) => Math.floor(now / 60_000), []));
  const local = localTimeIn(timeZone, minute * 60_000);
  return (
    <span className={`local-time daypart-${local.dayPart}`} title={`${timeZone} (UTC${local.offset})`}>
      <span className="local-time-clock">{local.time}</span> in {local.city}, <span className="local-time-part">{local.dayPart}</span>
    </span>
  );
}
