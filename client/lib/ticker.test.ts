import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTicker } from './ticker.ts';

describe('the shared ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-28T12:00:00.400Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('wakes every subscriber once per second, on the second boundary', () => {
    const ticker = createTicker(1000);
    const a = vi.fn();
    const b = vi.fn();
    ticker.subscribe(a);
    ticker.subscribe(b);
    vi.advanceTimersByTime(599);
    expect(a).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(ticker.now()).toBe(Date.parse('2026-11-28T12:00:01.000Z'));
    vi.advanceTimersByTime(3000);
    expect(a).toHaveBeenCalledTimes(4);
    expect(ticker.now()).toBe(Date.parse('2026-11-28T12:00:04.000Z'));
  });

  it('runs one timer however many listen, and none once nobody does', () => {
    const ticker = createTicker(1000);
    const unsubscribers = Array.from({ length: 10_000 }, () => ticker.subscribe(() => undefined));
    expect(vi.getTimerCount()).toBe(1);
    expect(ticker.listenerCount()).toBe(10_000);
    unsubscribers.forEach((unsubscribe) => unsubscribe());
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reads the clock afresh when the first listener comes back', () => {
    const ticker = createTicker(1000);
    ticker.subscribe(() => undefined)();
    vi.setSystemTime(new Date('2026-11-28T13:00:00.000Z'));
    ticker.subscribe(() => undefined);
    expect(ticker.now()).toBe(Date.parse('2026-11-28T13:00:00.000Z'));
  });
});
