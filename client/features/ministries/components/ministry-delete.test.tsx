// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditDeleteButtons } from '#client/components/ui/edit-delete-buttons.tsx';
import { ministryDeleteBlocked } from './ministry-view.tsx';

afterEach(cleanup);

describe('deleting a ministry that has officials', () => {
  it('is refused up front: Delete disabled, the reason beside it', () => {
    const onDelete = vi.fn();
    render(<EditDeleteButtons onEdit={() => undefined} onDelete={onDelete} deleteBlocked={ministryDeleteBlocked(4, false)} />);
    const button = screen.getByRole('button', { name: 'Delete' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe('Cannot be deleted while it has officials (4): move or delete them first.');
    button.click();
    expect(onDelete).not.toHaveBeenCalled();
  });

  it('counts them, and offers Delete when there is none', () => {
    expect(ministryDeleteBlocked(1, false)).toBe('Cannot be deleted while it has officials (1): move or delete them first.');
    expect(ministryDeleteBlocked(100, true)).toBe('Cannot be deleted while it has officials (100+): move or delete them first.');
    expect(ministryDeleteBlocked(0, false)).toBeNull();
    render(<EditDeleteButtons onEdit={() => undefined} onDelete={() => undefined} deleteBlocked={null} />);
    expect(screen.getByRole('button', { name: 'Delete' })).toHaveProperty('disabled', false);
  });
});
