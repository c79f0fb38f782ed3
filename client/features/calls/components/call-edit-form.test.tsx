// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '#client/lib/api-client.ts';
import { makeCall } from '#client/test/fixtures.ts';
import type { CallPatch } from '#shared/schemas/calls.ts';
import { CallEditForm, type OfficialPickerProps } from './call-edit-form.tsx';

afterEach(cleanup);

// A plain text box standing in for the officials feature's picker: it types an id.
const picker = ({ value, onChange, label: _label, ...control }: OfficialPickerProps) => (
  <input {...control} value={value} onChange={(event) => onChange(event.target.value, event.target.value)} />
);

function renderForm(call = makeCall(), onSubmit = vi.fn<(patch: CallPatch) => Promise<void>>().mockResolvedValue(undefined)) {
  render(<CallEditForm base={call} onSubmit={onSubmit} onCancel={() => {}} renderOfficialPicker={picker} />);
  return onSubmit;
}

/** The error shown beside a field: the text its aria-describedby points at. */
function errorOf(label: string): string | undefined {
  const control = screen.getByLabelText(label, { exact: false });
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids
    .map((id) => document.getElementById(id))
    .find((el) => el?.classList.contains('field-error'))
    ?.textContent ?? undefined;
}

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

describe('the call edit form', () => {
  it('names each broken rule beside its field and sends nothing', () => {
    const onSubmit = renderForm();
    fireEvent.change(screen.getByLabelText('Topic', { exact: false }), { target: { value: '   ' } });
    fireEvent.change(screen.getByLabelText('Placed at', { exact: false }), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Source', { exact: false }), { target: { value: 'x'.repeat(2001) } });
    fireEvent.change(screen.getByLabelText('Callee', { exact: false }), { target: { value: 'kerry' } });
    save();
    expect(errorOf('Topic')).toBe('Must not be empty.');
    expect(screen.getByLabelText('Topic', { exact: false }).getAttribute('aria-invalid')).toBe('true');
    expect(errorOf('Placed at')).toBe('Must not be empty.');
    expect(errorOf('Source')).toBe('Must be at most 2000 characters.');
    expect(errorOf('Callee')).toBe('Must be a different official from the caller.');
    expect(errorOf('Channel')).toBeUndefined();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says so when a topic is too long', () => {
    renderForm();
    fireEvent.change(screen.getByLabelText('Topic', { exact: false }), { target: { value: 'x'.repeat(501) } });
    save();
    expect(errorOf('Topic')).toBe('Must be at most 500 characters.');
  });

  it('sends only what changed, keeping the stored seconds of an untouched time', async () => {
    const onSubmit = renderForm(makeCall({ notes: 'Old note' }));
    fireEvent.change(screen.getByLabelText('Notes', { exact: false }), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Channel', { exact: false }), { target: { value: 'video' } });
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ notes: null, channel: 'video' });
  });

  it('sends a changed time as an instant with its UTC offset', async () => {
    const onSubmit = renderForm();
    fireEvent.change(screen.getByLabelText('Placed at', { exact: false }), { target: { value: '2013-02-12T09:45' } });
    save();
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    const placedAt = onSubmit.mock.calls[0]?.[0].placedAt;
    expect(placedAt).toMatch(/^2013-02-12T09:45:00([+-]\d\d:\d\d|Z)$/);
    expect(new Date(placedAt!).getTime()).toBe(new Date(2013, 1, 12, 9, 45).getTime());
  });

  it('shows the reply time for a replied call, and the server’s verdict beside it', async () => {
    const call = makeCall({ status: 'returned', respondedAt: '2013-02-14T10:00:00Z', responseMs: 1 });
    const problem = { type: 'about:blank', title: 'Invalid', status: 422, detail: 'A field breaks the rules', errors: [{ path: 'respondedAt', message: 'must not be before placedAt' }] };
    const onSubmit = renderForm(call, vi.fn().mockRejectedValue(new ApiError(422, problem)));
    expect(screen.queryByLabelText('Withdrawn at', { exact: false })).toBeNull();
    fireEvent.change(screen.getByLabelText('Responded at', { exact: false }), { target: { value: '2013-02-01T10:00' } });
    save();
    await waitFor(() => expect(errorOf('Responded at')).toBe('Must not be before placedAt.'));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('The call was not saved')).toBeNull();
  });

  it('explains a refusal that names no field above the form', async () => {
    const problem = { type: 'about:blank', title: 'Conflict', status: 409, detail: 'cannot move from returned to declined' };
    renderForm(makeCall(), vi.fn().mockRejectedValue(new ApiError(409, problem)));
    fireEvent.change(screen.getByLabelText('Topic', { exact: false }), { target: { value: 'Another topic' } });
    save();
    await screen.findByText('cannot move from returned to declined');
  });

  it('warns while editing a version someone else has since replaced', () => {
    render(<CallEditForm base={makeCall()} newerVersion={2} onSubmit={vi.fn()} onCancel={() => {}} renderOfficialPicker={picker} />);
    expect(screen.getByText('Someone else has changed this call since you opened the form')).toBeTruthy();
  });
});
