import { createContext, useContext } from 'react';
import type { StatsClock } from '#shared/schemas/stats.ts';

/** Which clock the page's figures are on; every chart and table reads it for its words. */
export const ClockContext = createContext<StatsClock>('wall');

export const CLOCK_OPTIONS: readonly { value: StatsClock; label: string }[] = [
  { value: 'wall', label: 'Wall clock' },
  { value: 'working', label: 'Counterpart’s working hours' },
];

/** "h" or "working h", and the curves' axis, for the page's clock. */
export function useClockWords() {
  const clock = useContext(ClockContext);
  return clock === 'working'
    ? { hours: 'working h', axis: 'working time since the call was placed (the callee’s hours)' }
    : { hours: 'h', axis: 'time since the call was placed' };
}
