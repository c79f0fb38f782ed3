// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PromiseNote } from './promise-note.tsx';

afterEach(cleanup);
beforeEach(() => {
  vi.useFakeTimers();
  // Friday 15 February 2013, 12:00 UTC = 16:00 in Moscow (UTC+4 then).
  vi.setSystemTime(new Date('2013-02-15T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('a promised callback', () => {
  it('reads in the callee’s time with the hours left, then as broken', () => {
    render(<PromiseNote status="awaiting" promisedBy="2013-02-15T15:00:00Z" acknowledgedAt="2013-02-13T09:00:00Z" timeZone="Europe/Moscow" />);
    expect(screen.getByText(/promised by/).textContent).toBe('promised by Fri 19:00 Moscow time — 3 h left');
    expect(screen.getByText(/acknowledged by an aide/)).toBeTruthy();
    act(() => vi.advanceTimersByTime(3 * 3600_000 + 60_000));
    expect(screen.getByText(/promise broken/).textContent).toBe('promise broken (by Fri 19:00 Moscow time)');
  });

  it('says nothing for a call without a promise, or one that got its reply', () => {
    const { container } = render(<PromiseNote status="returned" promisedBy="2013-02-15T15:00:00Z" acknowledgedAt={null} timeZone="Europe/Moscow" />);
    expect(container.textContent).toBe('');
  });
});
