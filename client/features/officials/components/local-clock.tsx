import { useCallback } from 'react';
import { localTimeIn } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';

/** "02:14 in Moscow, night", re-rendered once a minute from the page's shared clock. */
export function LocalClock({ timeZone }: { timeZone: string }) {
  const minute = useTick(useCallback((now: number) => Math.floor(now / 60_000), []));
  const local = localTimeIn(timeZone, minute * 60_000);
  return (
    <span className="tabular" title={`${timeZone} (UTC${local.offset})`}>
      {local.time} in {local.city}, {local.dayPart}
    </span>
  );
}
