// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { searchTimeZones } from '#client/lib/time-zones.ts';
import type { Official } from '#shared/schemas/officials.ts';
import { OfficialForm, officialBodyFromForm, type MinistryFieldProps } from './official-form.tsx';

afterEach(cleanup);

const lavrov: Official = {
  id: 'o1',
  name: 'Sergei Lavrov',
  title: 'Minister of Foreign Affairs',
  ministryId: 'm1',
  timeZone: 'Europe/Moscow',
  ministry: { id: 'm1', name: 'MFA', shortName: 'MFA Russia', country: 'RU' },
  createdAt: '2013-01-01T00:00:00Z',
  updatedAt: '2013-01-01T00:00:00Z',
};

describe('the official form', () => {
  it('shows the shared schema’s messages beside each field and sends nothing', () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const ministrySelect = ({ onChange, ...props }: MinistryFieldProps) => <select {...props} onChange={(event) => onChange(event.target.value)} />;
    render(
      <QueryClientProvider client={new QueryClient()}>
        <OfficialForm renderMinistrySelect={ministrySelect} onCancel={() => {}} onSaved={() => {}} />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add official' }));
    const errors = [...document.querySelectorAll('.field-error')].map((el) => el.textContent);
    expect(errors).toEqual(['Must not be empty.', 'Must not be empty.', 'Choose the ministry.', 'Choose a time zone from the list, e.g. Europe/Moscow.']);
    expect(screen.getByRole('combobox', { name: 'Time zone' }).getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('sends only the changed fields of an existing official', () => {
    expect(officialBodyFromForm({ name: 'Sergei Lavrov ', title: 'Minister of Foreign Affairs', ministryId: 'm1', timeZone: 'Asia/Tokyo' }, lavrov)).toEqual({ ok: true, body: { timeZone: 'Asia/Tokyo' } });
    expect(officialBodyFromForm({ name: 'x', title: 'y', ministryId: 'm1', timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, errors: { timeZone: 'Must be an IANA time zone such as "Europe/Moscow".' } });
  });

  it('suggests the time zone of the ministry’s country until one is chosen', () => {
    const client = new QueryClient();
    client.setQueryData(['ministries', 'detail', 'm1'], { id: 'm1', name: 'MFA', shortName: 'MFA Russia', country: 'RU' });
    const ministrySelect = ({ onChange, ...props }: MinistryFieldProps) => <select {...props} onChange={(event) => onChange(event.target.value)} />;
    render(
      <QueryClientProvider client={client}>
        <OfficialForm ministryId="m1" renderMinistrySelect={ministrySelect} onCancel={() => {}} onSaved={() => {}} />
      </QueryClientProvider>,
    );
    const zone = screen.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement;
    expect(zone.value).toBe('Europe/Moscow');
    expect(screen.getByText(/Suggested from the ministry’s country \(Russia\)/)).toBeTruthy();
    fireEvent.change(zone, { target: { value: 'Asia/Vladivostok' } });
    expect(zone.value).toBe('Asia/Vladivostok');
    expect(screen.queryByText(/Suggested from/)).toBeNull();
  });

  it('finds time zones by city, with spaces for underscores', () => {
    expect(searchTimeZones('new york')[0]).toBe('America/New_York');
    expect(searchTimeZones('Mosc')).toContain('Europe/Moscow');
    expect(searchTimeZones('')).toHaveLength(40);
  });
});
