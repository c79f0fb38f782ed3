// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Dialog } from './dialog.tsx';

afterEach(cleanup);

describe('the dialog', () => {
  it('puts focus on its first field, not on the close button', () => {
    const { rerender } = render(
      <Dialog open={false} title="New ministry" onClose={() => {}}>
        <label>
          Name <input />
        </label>
      </Dialog>,
    );
    rerender(
      <Dialog open title="New ministry" onClose={() => {}}>
        <label>
          Name <input />
        </label>
        <label>
          Short name <input />
        </label>
      </Dialog>,
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
  });

  it('leaves focus to the browser when it has no field (a confirmation)', () => {
    render(
      <Dialog open title="Delete this call?" onClose={() => {}}>
        <button type="button">Delete</button>
      </Dialog>,
    );
    expect(document.activeElement).not.toBe(screen.getByRole('button', { name: 'Delete' }));
  });
});
