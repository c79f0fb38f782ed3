import { useCallback } from 'react';
import { formatDuration, formatPromiseTime } from '#client/lib/format.ts';
import { useTick } from '#client/lib/ticker.ts';
import { promiseState } from '#shared/domain/promises.ts';

export interface PromiseNoteProps {
  status: string;
  promisedBy: string | null;
  acknowledgedAt: string | null;
  /** The callee's zone: the promise is read in their time. */
  timeZone: string;
  skewMs?: number;
}

/**
 * "promised by Fri 18:00 Moscow time — 3 h left", then "promise broken", and
 * "acknowledged by an aide"; nothing for a call with neither. Re-renders once
 * a minute (the hours left), never every second.
 */
export function PromiseNote({ status, promisedBy, acknowledgedAt, timeZone, skewMs = 0 }: PromiseNoteProps) {
  const minutesLeft = useTick(
    useCallback((now: number) => {
      const state = promiseState({ status, promisedBy }, now - skewMs);
      return state.state === 'pending' ? Math.ceil(state.leftMs / 60_000) : state.state === 'broken' ? -1 : null;
    }, [status, promisedBy, skewMs]),
  );
  const acknowledged = acknowledgedAt && status === 'awaiting' ? 'acknowledged by an aide' : null;
  if (minutesLeft === null && !acknowledged) return null;
  const by = promisedBy ? formatPromiseTime(promisedBy, timeZone) : '';
  const promise = minutesLeft === -1 ? `promise broken (by ${by})` : minutesLeft !== null ? `promised by ${by} — ${formatDuration(minutesLeft * 60_000, 'hours')} left` : null;
  return (
    <p className="promise-note" title={[promise, acknowledged].filter(Boolean).join(' · ')}>
      {promise ? <span className={minutesLeft === -1 ? 'promise-broken' : undefined}>{promise}</span> : null}
      {promise && acknowledged ? ' · ' : null}
      {acknowledged}
    </p>
  );
}
