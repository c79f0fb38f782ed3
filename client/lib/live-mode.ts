import { useSyncExternalStore } from 'react';

/**
 * How this page learns of other analysts' changes: 'live' while the event
 * stream is open, 'polling' while it is not (the lists then refetch every
 * POLL_INTERVAL_MS). Lists read it to choose their refetchInterval.
 */
export type LiveMode = 'live' | 'polling';

export const POLL_INTERVAL_MS = 15_000;

const listeners = new Set<() => void>();
let mode: LiveMode = 'polling';

export function setLiveMode(next: LiveMode) {
  if (next === mode) return;
  mode = next;
  listeners.forEach((listener) => listener());
}

export function getLiveMode(): LiveMode {
  return mode;
}

export function useLiveMode(): LiveMode {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getLiveMode,
    getLiveMode,
  );
}

/** The refetchInterval for a list that should stay current: none while events arrive. */
export function useLiveRefetchInterval(): number | false {
  return useLiveMode() === 'live' ? false : POLL_INTERVAL_MS;
}
