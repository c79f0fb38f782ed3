// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importContentType } from '../api/transfer.ts';
import { ImportForm, importSummary } from './import-form.tsx';

function renderForm() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  render(
    <QueryClientProvider client={client}>
      <ImportForm />
    </QueryClientProvider>,
  );
  return { invalidate };
}

function answer(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function chooseAndSubmit(file: File) {
  fireEvent.change(screen.getByLabelText('File'), { target: { files: [file] } });
  fireEvent.click(screen.getByRole('button', { name: 'Import' }));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the import form', () => {
  it('sends a CSV file as text/csv and reports what was added, refreshing the lists', async () => {
    const fetch = answer(201, { created: { calls: 3, ministries: 1, officials: 2 } });
    const { invalidate } = renderForm();
    chooseAndSubmit(new File(['placedAt,…'], 'calls.csv', { type: 'text/csv' }));
    expect(await screen.findByText('Imported 3 calls, adding 1 ministry and 2 officials not known before.')).toBeTruthy();
    const init = fetch.mock.calls[0]! as unknown as [string, RequestInit];
    expect(init[0]).toBe('/api/import');
    expect(new Headers(init[1].headers).get('content-type')).toBe('text/csv');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['calls'] });
  });

  it('shows every problem of a refused file in a table of rows and columns', async () => {
    answer(422, {
      type: 'about:blank',
      title: 'Invalid import',
      status: 422,
      detail: 'Nothing was imported',
      errors: [
        { row: null, column: 'remarks', path: 'columns.remarks', message: 'is not a column of the import format' },
        { row: 2, column: 'placedAt', path: 'rows.2.placedAt', message: 'must be an ISO 8601 date-time' },
      ],
    });
    renderForm();
    chooseAndSubmit(new File(['x'], 'calls.csv'));
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(['RowColumnProblem', 'Headerremarksis not a column of the import format', '2placedAtmust be an ISO 8601 date-time']);
    expect(screen.getByRole('alert').textContent).toContain('Nothing was imported');
  });

  it('refuses a file over 1 MiB before sending it', () => {
    const fetch = answer(201, {});
    renderForm();
    fireEvent.change(screen.getByLabelText('File'), { target: { files: [new File(['x'.repeat(1024 * 1024 + 1)], 'big.csv')] } });
    expect(screen.getByText(/larger than 1 MiB/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('words the summary and picks the content type by file', () => {
    expect(importSummary({ dryRun: false, rows: 1, created: { calls: 1, ministries: 0, officials: 0 }, skipped: { calls: 0 } })).toBe('Imported 1 call.');
    expect(importContentType({ name: 'export.JSON', type: '' })).toBe('application/json');
    expect(importContentType({ name: 'export.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
  });
});
