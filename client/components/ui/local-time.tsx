import { localTimeIn } from '#client/lib/format.ts';
import { useMinute } from '#client/lib/ticker.ts';

/**
 * "02:14 in Moscow, night": the wall clock of a zone (an official's), from
 * the page's shared clock, re-rendered once a minute. `showOffset` adds the
 * zone's current UTC offset.
 */
export function LocalTime({ timeZone, showOffset = false }: { timeZone: string; showOffset?: boolean }) {
  const local = localTimeIn(timeZone, useMinute());
  const offset = `UTC${local.offset === 'Z' ? '' : local.offset}`;
  return (
    <span className={`local-time daypart-${local.dayPart}`} title={`${timeZone} (${offset})`}>
      <span className="local-time-clock">{local.time}</span> in {local.city}, <span className="local-time-part">{local.dayPart}</span>
      {showOffset ? <span className="muted"> ({offset})</span> : null}
    </span>
  );
}
