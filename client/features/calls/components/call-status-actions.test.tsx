// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCall } from '#client/test/fixtures.ts';
import type { CallPatch } from '#shared/schemas/calls.ts';
import { CallStatusActions } from './call-status-actions.tsx';

afterEach(cleanup);
beforeAll(() => {
  // jsdom has no modal dialogs; the Dialog opens with showModal.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

function open(onSave = vi.fn<(patch: CallPatch) => Promise<boolean>>().mockResolvedValue(true)) {
  // Placed at 15:00:27: the time input shows minutes only.
  render(<CallStatusActions call={makeCall({ placedAt: '2013-02-12T15:00:27Z' })} onSave={onSave} />);
  fireEvent.click(screen.getByRole('button', { name: 'Record outcome' }));
  return onSave;
}

describe('recording an outcome on the call page', () => {
  it('leaves an untouched time to the server, so "answered" takes the second the call was placed', async () => {
    const onSave = open();
    fireEvent.click(screen.getByRole('radio', { name: /Answered/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save outcome' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ status: 'answered' }));
  });

  it('checks an edited time with the server’s rule and sends nothing it would refuse', async () => {
    const onSave = open();
    fireEvent.change(screen.getByLabelText('Returned at', { exact: false }), { target: { value: '2013-02-12T14:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save outcome' }));
    await screen.findByText('Must not be before placedAt.');
    expect(onSave).not.toHaveBeenCalled();
  });
});
