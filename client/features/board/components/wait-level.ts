import { useCallback } from 'react';
import { waitLevel, workingWaitLevel, type WaitLevel, type WaitThresholds } from '#client/lib/preferences.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { workingMsAt } from '../lib/working-clock.ts';

const RANK: Record<WaitLevel, number> = { normal: 0, amber: 1, red: 2 };

/** A row's band on one clock, encoded as a string so a tick re-renders the row only when it changes. */
export type RowLevel = `${WaitLevel}:${'wall' | 'working'}`;

/**
 * The row's colour band: the more urgent of the wall-clock and working-time
 * levels (each clock has its own thresholds); re-renders the row only when
 * the band changes, not every second.
 */
export function useWaitLevel(call: AwaitingCall, skewMs: number, thresholds: WaitThresholds): { level: WaitLevel; clock: 'wall' | 'working' } {
  const since = Date.parse(call.placedAt);
  const select = useCallback(
    (now: number): RowLevel => {
      const wall = waitLevel(now + skewMs - since, thresholds);
      const working = workingWaitLevel(workingMsAt(call, now + skewMs), thresholds);
      return RANK[working] > RANK[wall] ? `${working}:working` : `${wall}:wall`;
    },
    [call, since, skewMs, thresholds],
  );
  const [level, clock] = useTick(select).split(':') as [WaitLevel, 'wall' | 'working'];
  return { level, clock };
}

export function levelLabel({ level, clock }: { level: WaitLevel; clock: 'wall' | 'working' }, thresholds: WaitThresholds): string | null {
  if (level === 'normal') return null;
  if (clock === 'working') return `over ${level === 'red' ? thresholds.workingRedHours : thresholds.workingAmberHours} working h`;
  return `over ${level === 'red' ? thresholds.redHours : thresholds.amberHours} h`;
}
