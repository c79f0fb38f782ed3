import { useCallback } from 'react';
import { useTick } from '#client/lib/ticker.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { workingMsAt } from '../lib/working-clock.ts';

const HOUR = 3_600_000;

/** "74 h · 31 working h": the wait on both clocks, re-rendered only when a whole hour changes. */
export function TwoClocks({ call, skewMs }: { call: AwaitingCall; skewMs: number }) {
  const since = Date.parse(call.placedAt);
  const wall = useTick(useCallback((now: number) => Math.floor(Math.max(0, now + skewMs - since) / HOUR), [since, skewMs]));
  const working = useTick(useCallback((now: number) => Math.floor(workingMsAt(call, now + skewMs) / HOUR), [call, skewMs]));
  return (
    <span className="two-clocks" title="Waiting on the wall clock, and in the callee’s working hours (their time zone, without holidays and absences)">
      {wall} h · {working} working h
    </span>
  );
}
