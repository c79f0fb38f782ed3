// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { allCountries } from '#client/lib/country.ts';
import { MinistryFormDialog, ministryBodyFromForm } from './ministry-form.tsx';

afterEach(cleanup);

const ministry = { id: 'm1', name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU', createdAt: '2013-01-01T00:00:00Z', updatedAt: '2013-01-01T00:00:00Z' };

describe('the ministry form', () => {
  it('names the country of the code as it is typed, and refuses a code that is none', () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MinistryFormDialog open onClose={() => {}} />
      </QueryClientProvider>,
    );
    const code = screen.getByLabelText('Country code', { exact: false });
    fireEvent.change(code, { target: { value: 'ru' } });
    expect((code as HTMLInputElement).value).toBe('RU');
    expect(screen.getByText('Russia')).toBeTruthy();
    fireEvent.change(code, { target: { value: 'QQ' } });
    expect(screen.getByText('Not an ISO 3166-1 country code')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add ministry' }));
    const errors = [...document.querySelectorAll('.field-error')].map((el) => el.textContent);
    expect(errors).toEqual(['Must not be empty.', 'Must not be empty.', 'Is not an ISO 3166-1 alpha-2 country code.']);
  });

  it('sends only what changed when editing', () => {
    expect(ministryBodyFromForm({ name: ministry.name, shortName: 'MID', country: 'ru' }, ministry)).toEqual({ ok: true, body: { shortName: 'MID' } });
    expect(ministryBodyFromForm({ name: ' ', shortName: 'x', country: 'RU' })).toEqual({ ok: false, errors: { name: 'Must not be empty.' } });
  });

  it('offers every country the browser can name, by name', () => {
    const countries = allCountries();
    expect(countries.find((c) => c.code === 'KR')?.name).toBe('South Korea');
    expect(countries.some((c) => c.code === 'XA')).toBe(false);
    expect(countries.length).toBeGreaterThan(240);
  });
});
