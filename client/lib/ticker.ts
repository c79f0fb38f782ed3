import { useCallback, useSyncExternalStore } from 'react';

export interface Ticker {
  /** The time of the latest tick, epoch ms. */
  now(): number;
  subscribe(listener: () => void): () => void;
  /** How many components are listening (the interval runs only while any are). */
  listenerCount(): number;
}

/**
 * One clock for the whole page: a single interval that wakes every
 * subscriber once per tick. Every live timer reads the same instant, so
 * timers never drift apart, and 10,000 timers cost one interval, not 10,000.
 * Ticks are aligned to the wall clock's second boundary so seconds change
 * together with the system clock.
 */
export function createTicker(intervalMs = 1000, clock: () => number = () => Date.now()): Ticker {
  const listeners = new Set<() => void>();
  let current = clock();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule() {
    const delay = intervalMs - (clock() % intervalMs) || intervalMs;
    timer = setTimeout(tick, delay);
  }

  function tick() {
    current = clock();
    listeners.forEach((listener) => listener());
    if (listeners.size > 0) schedule();
    else timer = undefined;
  }

  return {
    now: () => current,
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        // A component mounting after a pause must not show a stale instant.
        current = clock();
        schedule();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
    listenerCount: () => listeners.size,
  };
}

/** The current instant, for event handlers (render code reads the ticker instead). */
export function nowMs(): number {
  return Date.now();
}

/** The page's shared clock. */
export const appTicker = createTicker(1000);

/** Re-renders once per tick with the current instant (epoch ms). */
export function useNow(ticker: Ticker = appTicker): number {
  return useSyncExternalStore(ticker.subscribe, ticker.now, ticker.now);
}

/**
 * Re-renders only when `select(now)` changes: a row's colour changes a few
 * times a day, a local clock once a minute, so they subscribe to the same
 * ticker without re-rendering every second. `select` must return a primitive.
 */
export function useTick<T extends string | number | boolean | null>(select: (now: number) => T, ticker: Ticker = appTicker): T {
  const getSnapshot = useCallback(() => select(ticker.now()), [select, ticker]);
  return useSyncExternalStore(ticker.subscribe, getSnapshot, getSnapshot);
}

/** The start of the current minute (epoch ms, `skewMs` added): for labels that change once a minute, not every second. */
export function useMinute(skewMs = 0, ticker: Ticker = appTicker): number {
  const select = useCallback((now: number) => Math.floor((now + skewMs) / 60_000) * 60_000, [skewMs]);
  return useTick(select, ticker);
}
