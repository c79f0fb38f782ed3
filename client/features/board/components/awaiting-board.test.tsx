// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as CountryModule from '#client/lib/country.ts';
import type * as FormatModule from '#client/lib/format.ts';
import { makeCall } from '#client/test/fixtures.ts';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { anyCallQuery } from '#client/features/calls/api/calls.ts';
import { awaitingQuery } from '../api/awaiting.ts';
import { AwaitingBoard } from './awaiting-board.tsx';

// Counts renders of the parts of a row: the row itself formats the country,
// the timer formats the elapsed time.
const spies = vi.hoisted(() => ({ rowRenders: 0, timerRenders: 0 }));
vi.mock('#client/lib/country.ts', async (original) => {
  const actual = await original<typeof CountryModule>();
  return { ...actual, countryLabel: (code: string) => (spies.rowRenders++, actual.countryLabel(code)) };
});
vi.mock('#client/lib/format.ts', async (original) => {
  const actual = await original<typeof FormatModule>();
  const formatDuration: typeof actual.formatDuration = (ms, style) => {
    if (style === 'timer') spies.timerRenders++;
    return actual.formatDuration(ms, style);
  };
  return { ...actual, formatDuration };
});

const NOW = Date.parse('2026-11-28T12:00:00.000Z');
const ministry = { id: 'm1', name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' };
const caller = { id: 'o1', name: 'John Kerry', title: 'Secretary of State', timeZone: 'America/New_York', ministry: { ...ministry, id: 'm2', shortName: 'State', country: 'US' } };

function makeCalls(count: number): AwaitingCall[] {
  return Array.from({ length: count }, (_, i) => {
    const placedAt = new Date(NOW - (count - i) * 60_000).toISOString();
    const callee = { id: `callee-${i}`, name: `Callee ${i}`, title: 'Minister', timeZone: 'Europe/Moscow', ministry };
    const call = makeCall({ id: `call-${i}`, caller, callerId: caller.id, callee, calleeId: callee.id, placedAt, topic: `Topic ${i}`, createdAt: placedAt, updatedAt: placedAt, createdBy: 'ada' });
    return { ...call, waitingMs: (count - i) * 60_000, workingMs: (count - i) * 60_000, availability: { state: 'working' as const, until: null, resumesAt: placedAt, absence: null, holiday: null } };
  });
}

function renderBoard(items: AwaitingCall[], anyCall = true) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(anyCallQuery().queryKey, anyCall);
  client.setQueryData(awaitingQuery.queryKey, { pages: [{ items, nextCursor: null, receivedAt: NOW }], pageParams: [null] });
  return { client, ...render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <AwaitingBoard canRecord />
      </MemoryRouter>
    </QueryClientProvider>,
  ) };
}

describe('the awaiting board', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(NOW);
    vi.stubGlobal('fetch', () => Promise.reject(new Error('the test serves the board from the cache')));
    // jsdom does not scroll; the virtualiser asks it to when it re-measures.
    window.scrollTo = () => undefined;
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('puts only a window of 10,000 open calls in the DOM, longest wait first', () => {
    renderBoard(makeCalls(10_000));
    const list = screen.getByRole('list', { name: /awaiting a callback/i });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveProperty('textContent', expect.stringContaining('Callee 0'));
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('10000');
    expect(screen.getByText('10000')).toBeTruthy();
  });

  it('ticks the timers once a second without re-rendering the rows', () => {
    const calls = makeCalls(10_000);
    const { client } = renderBoard(calls);
    // The counters see what they claim to: every row and timer on screen was counted as it rendered.
    expect(spies.rowRenders).toBeGreaterThanOrEqual(screen.getAllByRole('listitem').length);
    expect(spies.timerRenders).toBeGreaterThanOrEqual(screen.getAllByRole('timer').length);
    const timer = screen.getAllByRole('timer')[0]!;
    const before = timer.textContent;
    // The oldest of 10,000 calls placed a minute apart has waited 10,000 minutes.
    expect(before).toBe('6d 22h 40m 00s');
    spies.rowRenders = 0;
    spies.timerRenders = 0;
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getAllByRole('timer')[0]!.textContent).toBe('6d 22h 40m 01s');
    const visibleTimers = screen.getAllByRole('timer').length;
    expect(spies.timerRenders).toBe(visibleTimers);
    expect(spies.rowRenders).toBe(0);

    // Positive control: a change to one call re-renders that row, and only it.
    act(() => {
      client.setQueryData(awaitingQuery.queryKey, {
        pages: [{ items: [{ ...calls[0]!, topic: 'Edited topic' }, ...calls.slice(1)], nextCursor: null, receivedAt: NOW }],
        pageParams: [null],
      });
      // The query cache tells its observers on a zero-delay timer.
      vi.advanceTimersByTime(0);
    });
    expect(screen.getByText('Edited topic')).toBeTruthy();
    expect(spies.rowRenders).toBe(1);
  });

  it('says so when nobody owes a call', () => {
    renderBoard([], true);
    expect(screen.getByText('Nobody owes you a call')).toBeTruthy();
  });

  it('on a fresh install, says nothing has been logged yet rather than that every call was answered', () => {
    renderBoard([], false);
    expect(screen.getByText('No calls logged yet')).toBeTruthy();
    expect(screen.queryByText(/Every call logged so far/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Log the first call' })).toBeTruthy();
  });
});
