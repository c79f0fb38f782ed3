import { useCallback } from 'react';
import { findWebAddresses } from '#client/components/ui/source-text.tsx';
import { formatClockDayIn, formatDayMonthIn, formatTimeAhead } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { Availability } from '#shared/schemas/availability.ts';

/** "in 5 h" to an instant, re-rendered once a minute. */
function TimeAhead({ iso, skewMs }: { iso: string; skewMs: number }) {
  const at = Date.parse(iso);
  const minutes = useTick(useCallback((now: number) => Math.max(0, Math.ceil((at - now - skewMs) / 60_000)), [at, skewMs]));
  return <>{formatTimeAhead(minutes * 60_000)}</>;
}

/** When work resumes, in the callee's own time: "back 09:00 Mon, in 5 h". */
function Back({ availability, timeZone, skewMs }: { availability: Availability; timeZone: string; skewMs: number }) {
  if (!availability.resumesAt) return null;
  return (
    <span className="availability-back">
      back {formatClockDayIn(availability.resumesAt, timeZone)}, <TimeAhead iso={availability.resumesAt} skewMs={skewMs} />
    </span>
  );
}

/** The absence's source in a few characters: a link to its first web address, else the text on hover. */
function SourceLink({ source }: { source: string }) {
  const url = findWebAddresses(source)[0]?.url;
  return (
    <>
      {' · '}
      {url ? (
        <a href={url} target="_blank" rel="noreferrer noopener" title={source}>
          source
        </a>
      ) : (
        <span className="muted" title={source}>
          source noted
        </span>
      )}
    </>
  );
}

/** The callee's availability now, as the board shows it beside the timer. */
export function AvailabilityLine({ availability, timeZone, skewMs }: { availability: Availability; timeZone: string; skewMs: number }) {
  switch (availability.state) {
    case 'working':
      return (
        <p className="availability">
          <span className="badge availability-working">Working</span>
        </p>
      );
    case 'off_hours':
      return (
        <p className="availability">
          <span className="badge availability-off_hours">Off hours</span> <Back availability={availability} timeZone={timeZone} skewMs={skewMs} />
        </p>
      );
    case 'holiday':
      return (
        <p className="availability">
          <span className="badge availability-holiday">Holiday</span> {availability.holiday} · <Back availability={availability} timeZone={timeZone} skewMs={skewMs} />
        </p>
      );
    case 'away': {
      const absence = availability.absence;
      return (
        <p className="availability">
          <span className="badge availability-away">Away</span>{' '}
          {absence ? (
            <>
              {absence.reason} until {formatDayMonthIn(absence.to, timeZone)}
              {absence.source ? <SourceLink source={absence.source} /> : null}
            </>
          ) : null}
        </p>
      );
    }
  }
}
