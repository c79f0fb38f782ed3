// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeCall } from '#client/test/fixtures.ts';
import { CallConflict } from './call-conflict.tsx';

afterEach(cleanup);

const base = makeCall({ version: 4, topic: 'North Korea', notes: 'First note' });
const theirs = makeCall({ version: 5, topic: 'DPRK nuclear test', notes: 'First note', channel: 'video', updatedAt: '2013-02-13T10:00:00Z' });

function renderConflict(mine: Parameters<typeof CallConflict>[0]['conflict']['mine']) {
  const handlers = { onReapply: vi.fn(), onEditAgain: vi.fn(), onDiscard: vi.fn() };
  render(<CallConflict conflict={{ base, mine, theirs }} {...handlers} />);
  return handlers;
}

function row(field: string) {
  return screen.getAllByRole('row').find((r) => within(r).queryByRole('rowheader')?.textContent?.startsWith(field))!;
}

describe('the edit conflict view', () => {
  it('sets the other change beside the analyst’s, field by field', () => {
    renderConflict({ topic: 'North Korean test', notes: 'A second note' });
    expect(screen.getByRole('heading', { name: 'Someone else changed this call while you were editing' })).toBe(document.activeElement);
    expect(screen.getByText(/You started from version 4; the call is now at version 5/)).toBeTruthy();

    const topic = within(row('Topic')).getAllByRole('cell').map((c) => c.textContent);
    expect(topic[0]).toBe('North Korea');
    expect(topic[1]).toContain('North Korean test');
    expect(topic[2]).toContain('DPRK nuclear test');
    expect(row('Topic').textContent).toContain('You both changed this: choose which to keep.');

    expect(row('Channel').textContent).toContain('Changed by someone else: their value stays.');
    expect(within(row('Channel')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Phone', 'unchanged', 'Video']);

    expect(row('Notes').textContent).toContain('Only you changed this: your value will be saved.');
    expect(within(row('Notes')).getAllByRole('cell')[2]?.textContent).toBe('First note (unchanged)');
  });

  it('re-applies the analyst’s values, or keeps theirs where the analyst chooses', () => {
    const { onReapply } = renderConflict({ topic: 'North Korean test', notes: 'A second note' });
    fireEvent.click(screen.getByRole('button', { name: 'Re-apply my changes' }));
    expect(onReapply).toHaveBeenLastCalledWith({ topic: 'North Korean test', notes: 'A second note' });

    fireEvent.click(within(row('Topic')).getByRole('radio', { name: 'Keep theirs' }));
    fireEvent.click(screen.getByRole('button', { name: 'Re-apply my changes' }));
    expect(onReapply).toHaveBeenLastCalledWith({ notes: 'A second note' });
  });

  it('offers to keep their version when nothing of the analyst’s is left to apply', () => {
    const { onReapply, onDiscard } = renderConflict({ topic: 'North Korean test' });
    fireEvent.click(within(row('Topic')).getByRole('radio', { name: 'Keep theirs' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep their version' }));
    expect(onReapply).not.toHaveBeenCalled();
    expect(onDiscard).toHaveBeenCalled();
  });

  it('hands the rebased changes to "Edit again" and discards on request', () => {
    const { onEditAgain, onDiscard } = renderConflict({ channel: 'message' });
    expect(row('Channel').textContent).toContain('You both changed this');
    fireEvent.click(screen.getByRole('button', { name: 'Edit again' }));
    expect(onEditAgain).toHaveBeenCalledWith({ channel: 'message' });
    fireEvent.click(screen.getByRole('button', { name: 'Discard my changes' }));
    expect(onDiscard).toHaveBeenCalled();
  });
});
