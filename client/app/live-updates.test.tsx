// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getLiveMode } from '../lib/live-mode.ts';
import { changedKind, useLiveUpdates } from './live-updates.ts';

class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static last: FakeEventSource | undefined;
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener() {}
  close() {
    this.closed = true;
  }
}

function setup() {
  const client = new QueryClient();
  const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const hook = renderHook(() => useLiveUpdates(true), { wrapper });
  return { invalidate, hook, source: FakeEventSource.last! };
}

describe('live updates', () => {
  beforeEach(() => vi.stubGlobal('EventSource', FakeEventSource));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('map event types to the kind of object whose lists go stale', () => {
    expect(changedKind('call.created')).toBe('call');
    expect(changedKind('official.updated')).toBe('official');
    expect(changedKind('ministry.deleted')).toBe('ministry');
    expect(changedKind('round.created')).toBe('round');
    expect(changedKind('user.updated')).toBeNull();
    expect(changedKind(42)).toBeNull();
  });

  it('are live while the stream is open and invalidate what an event touches', () => {
    const { invalidate, source } = setup();
    expect(source.url).toBe('/api/events');
    expect(getLiveMode()).toBe('polling');
    source.onopen?.();
    expect(getLiveMode()).toBe('live');
    source.onmessage?.({ data: JSON.stringify({ type: 'call.updated', id: 'c1', seq: 3 }) });
    const keys = () => invalidate.mock.calls.map(([filters]) => filters?.queryKey?.[0]);
    // A call's change: lists, figures and the briefing refetch; the board fetches just that call (awaiting-cache).
    expect(keys()).toEqual(['calls', 'stats', 'rounds', 'briefing']);
    invalidate.mockClear();
    source.onmessage?.({ data: JSON.stringify({ type: 'official.updated', id: 'o1', seq: 4 }) });
    expect(keys()).toEqual(['officials', 'calls', 'awaiting', 'stats', 'briefing']);
    invalidate.mockClear();
    // A round's change: the rounds' lists and pages, and the calls it holds (a deletion clears their round).
    for (const type of ['round.created', 'round.updated', 'round.deleted']) {
      source.onmessage?.({ data: JSON.stringify({ type, id: 'r1', seq: 5 }) });
      expect(keys()).toEqual(['rounds', 'calls', 'awaiting', 'stats', 'briefing']);
      invalidate.mockClear();
    }
    source.onmessage?.({ data: 'not json' });
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('fall back to polling when the stream fails, and stop when unmounted', () => {
    const { hook, source } = setup();
    source.onopen?.();
    source.readyState = FakeEventSource.CLOSED;
    source.onerror?.();
    expect(getLiveMode()).toBe('polling');
    expect(source.closed).toBe(true);
    hook.unmount();
  });
});
