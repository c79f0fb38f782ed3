import { createContext, memo, useContext, type MouseEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { AttemptNote } from '#client/components/ui/attempt-note.tsx';
import { LiveTimer } from '#client/components/ui/live-timer.tsx';
import { LocalTime } from '#client/components/ui/local-time.tsx';
import { PromiseNote } from '#client/components/ui/promise-note.tsx';
import { countryLabel, flagEmoji, supportsFlagEmoji } from '#client/lib/country.ts';
import type { WaitThresholds } from '#client/lib/preferences.ts';
import { CHANNEL_LABELS } from '#shared/domain/call-labels.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { AvailabilityLine } from './availability-line.tsx';
import { PlacedAt } from './placed-at.tsx';
import { TwoClocks } from './two-clocks.tsx';
import { levelLabel, useWaitLevel } from './wait-level.ts';

/**
 * Extra content under a row's timer, supplied by the page (the statistics
 * feature's "is this wait unusual?" line), so the board does not depend on it.
 */
export const RowTimerExtra = createContext<((call: AwaitingCall) => ReactNode) | null>(null);

/** The call's own page. */
export const callPath = (call: AwaitingCall) => `/calls/${encodeURIComponent(call.id)}`;

/** A click on the row, not on one of its controls and not ending a text selection. */
function isRowClick(event: MouseEvent<HTMLElement>): boolean {
  if (event.button !== 0 || event.defaultPrevented) return false;
  if (event.target instanceof Element && event.target.closest('a, button, input, select, textarea, summary, [role="button"]')) return false;
  return !window.getSelection()?.toString();
}

export interface AwaitingRowProps {
  call: AwaitingCall;
  skewMs: number;
  thresholds: WaitThresholds;
  onRecord: (call: AwaitingCall) => void;
  /** "Tried again": another attempt to reach the callee. */
  onAttempt: (call: AwaitingCall) => void;
  position: number;
  total: number;
  /** Where the row sits in the list (px), and its height: primitives, so memo holds while scrolling. */
  offset: number;
  height: number;
  canRecord: boolean;
}

/**
 * One open call. Memoised: a tick re-renders only its timer (and its colour
 * band when a threshold is crossed), never the row or the list.
 */
export const AwaitingRow = memo(function AwaitingRow({ call, skewMs, thresholds, onRecord, onAttempt, position, total, offset, height, canRecord }: AwaitingRowProps) {
  const since = Date.parse(call.placedAt);
  const band = useWaitLevel(call, skewMs, thresholds);
  const level = band.level;
  const label = levelLabel(band, thresholds);
  const timerExtra = useContext(RowTimerExtra);
  const navigate = useNavigate();
  const { caller, callee } = call;
  const country = callee.ministry.country;
  // The callee's name is the link (Enter, middle click); a click anywhere else on the row follows it too.
  return (
    <li
      className={`board-row level-${level}`}
      style={{ transform: `translateY(${offset}px)`, height }}
      aria-posinset={position}
      aria-setsize={total}
      data-call-id={call.id}
      onClick={(event) => {
        if (isRowClick(event)) void navigate(callPath(call));
      }}
    >
      <div className="cell-timer">
        <LiveTimer since={since} skewMs={skewMs} />
        <TwoClocks call={call} skewMs={skewMs} />
        {label || call.attempts > 1 ? (
          <span className="timer-flags">
            {label ? <span className="level-label">{label}</span> : null}
            <AttemptNote attempts={call.attempts} lastAttemptAt={call.lastAttemptAt} skewMs={skewMs} />
          </span>
        ) : null}
        {timerExtra?.(call)}
      </div>
      <div className="cell-parties">
        <p className="parties">
          <span className="caller">{caller.name}</span>
          <span className="arrow" aria-label="called">
            {' → '}
          </span>
          <Link to={callPath(call)} className="callee">
            <strong>{callee.name}</strong>
          </Link>
        </p>
        <p className="sub">
          {supportsFlagEmoji() ? (
            <span className="flag" aria-hidden="true">
              {flagEmoji(country)}{' '}
            </span>
          ) : null}
          <abbr title={countryLabel(country)}>{country}</abbr> · <span title={callee.ministry.name}>{callee.ministry.shortName}</span> · {callee.title}
        </p>
        <AvailabilityLine availability={call.availability} timeZone={callee.timeZone} skewMs={skewMs} />
      </div>
      <div className="cell-local">
        <LocalTime timeZone={callee.timeZone} />
      </div>
      <div className="cell-topic">
        <p className="topic" title={call.topic}>
          {call.topic}
        </p>
        <p className="sub">
          {CHANNEL_LABELS[call.channel]} · logged by {call.createdBy}
        </p>
        <PromiseNote status={call.status} promisedBy={call.promisedBy} acknowledgedAt={call.acknowledgedAt} timeZone={callee.timeZone} skewMs={skewMs} />
      </div>
      <div className="cell-placed">
        <PlacedAt iso={call.placedAt} skewMs={skewMs} />
      </div>
      <div className="cell-action">
        {canRecord ? (
          <>
            <button type="button" className="btn btn-small btn-secondary" onClick={() => onRecord(call)}>
              Record outcome<span className="visually-hidden"> of the call to {callee.name}</span>
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => onAttempt(call)}>
              Tried again<span className="visually-hidden"> to reach {callee.name}</span>
            </button>
          </>
        ) : null}
      </div>
    </li>
  );
});
